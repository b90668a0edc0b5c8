"""Ilteo gateway: the citizen web page and the public API."""

__version__ = "0.1.0"
