"""Ilteo search: korean full-text, faceted and geo search over OpenSearch."""

__version__ = "0.1.0"
