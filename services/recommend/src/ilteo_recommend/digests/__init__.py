"""Recommendation e-mails: double opt-in subscriptions and digests sent once."""
