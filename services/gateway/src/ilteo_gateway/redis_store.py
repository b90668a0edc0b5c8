"""The gateway's Redis connection, guarded so that an outage costs little.

After a failed command the guard skips Redis for ``retry_after_s`` instead of
letting every request wait for a connection timeout; the first command after that
pause tries again, so the gateway recovers by itself when Redis returns.
"""

from collections.abc import Awaitable, Callable
from typing import TypeVar

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError

from ilteo_gateway.upstream.breaker import CircuitBreaker

log = structlog.get_logger(__name__)

T = TypeVar("T")


class RedisDown(Exception):
    """Redis cannot answer now; each feature applies its own policy."""


class GuardedRedis:
    def __init__(self, url: str, *, timeout_s: float, retry_after_s: float) -> None:
        self.client: Redis = Redis.from_url(
            url,
            socket_timeout=timeout_s,
            socket_connect_timeout=timeout_s,
            decode_responses=False,
        )
        # One failure is enough to pause: Redis is local and either answers or not.
        self._breaker = CircuitBreaker(failure_threshold=1, reset_s=retry_after_s)
        self._down_logged = False

    @property
    def available(self) -> bool:
        return self._breaker.state.value != "open"

    async def run(self, command: Callable[[Redis], Awaitable[T]]) -> T:
        """Run ``command`` on the client; raise :class:`RedisDown` if Redis fails."""
        if not self._breaker.allow():
            raise RedisDown("redis paused after a failure")
        try:
            result = await command(self.client)
        except (RedisError, OSError) as exc:
            self._breaker.record_failure()
            if not self._down_logged:
                log.warning("redis.down", error=str(exc))
                self._down_logged = True
            raise RedisDown(str(exc)) from exc
        self._breaker.record_success()
        if self._down_logged:
            log.info("redis.back")
            self._down_logged = False
        return result

    async def aclose(self) -> None:
        await self.client.aclose()


def as_text(value: object) -> str:
    """A Redis reply as text (replies are bytes; redis-py's types also allow str)."""
    return value.decode() if isinstance(value, bytes) else str(value)
