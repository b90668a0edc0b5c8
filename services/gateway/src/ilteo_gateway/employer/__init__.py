"""Employers' own job postings: create, edit and close, and nobody else's."""
