"""Accounts of citizens, employers and city operators, and their sessions."""
