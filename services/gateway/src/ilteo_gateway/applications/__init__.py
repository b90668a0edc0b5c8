"""Programs and online applications (접수), relayed to the applications service."""
