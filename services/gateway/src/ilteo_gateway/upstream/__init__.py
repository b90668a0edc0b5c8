"""Clients of the services behind the gateway: pools, timeouts, retries, breakers."""

from ilteo_gateway.upstream.breaker import BreakerState, CircuitBreaker
from ilteo_gateway.upstream.client import Upstream, UpstreamResponse

__all__ = ["BreakerState", "CircuitBreaker", "Upstream", "UpstreamResponse"]
