"""Ilteo ingest: spiders for the public sources and their status."""

__version__ = "0.1.0"
