"""The search API: full text, filters, facets, suggestions, detail, map, statistics."""
