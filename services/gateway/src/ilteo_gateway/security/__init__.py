"""Security at the edge: headers, CORS, CSRF and rate limits."""
