"""Prepares the multilingual embedding model that search and recommend load."""
