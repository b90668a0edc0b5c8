"""Ilteo recommend: profiles and explained recommendations."""

__version__ = "0.1.0"
