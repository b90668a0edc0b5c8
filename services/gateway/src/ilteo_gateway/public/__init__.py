"""The public read API: search, suggestions, items, the map and statistics."""
