"""Pilot feedback: a note from any page, listed for city operators."""
