"""Recommendation e-mail digests: subscriptions, and the links in the e-mails."""
