"""Profiles and recommendations with their reasons, relayed to the recommend service."""
