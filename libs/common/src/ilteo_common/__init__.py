"""The contract shared by Ilteo's services: events, topics, settings, logging, health.

This package holds no domain logic and never imports a service.
"""

__version__ = "0.1.0"
