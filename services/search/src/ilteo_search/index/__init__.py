"""The search index: its analysis of Korean text and its mappings."""
