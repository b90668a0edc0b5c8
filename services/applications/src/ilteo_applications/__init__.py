"""Ilteo applications: online applications (신청·접수) to the city's programs."""

__version__ = "0.1.0"
