"""Runs Ilteo's engines and services on one machine without Docker.

The engines come from package registries (OpenSearch and Kafka as Maven Central jars,
Redis from Debian) and run under supervisor beside the services, with every file they
write kept under one git-ignored folder.
"""

__version__ = "0.1.0"
