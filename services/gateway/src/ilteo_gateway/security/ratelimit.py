"""Rate limits as sliding logs: exact at the window's edges, shared by all workers.

Each client's requests are kept in a Redis sorted set scored by time. A request is
admitted when fewer than ``limit`` requests lie within the last ``window``; the set
never holds more than ``limit`` entries. Time comes from Redis itself (``TIME``), so
workers on machines with different clocks agree.

When Redis is down, a per-process log with the same rule takes over: the limit then
holds per worker instead of in total, which is the documented degradation.
"""

import math
import time
import uuid
from collections import deque
from dataclasses import dataclass

from redis.asyncio import Redis

from ilteo_gateway.redis_store import GuardedRedis, RedisDown

# KEYS[1]: the log. ARGV: limit, window in microseconds, member, optional now (µs).
_SLIDING_LOG = """
local now
if ARGV[4] ~= nil and ARGV[4] ~= '' then
  now = tonumber(ARGV[4])
else
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
end
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000))
  return {1, limit - count - 1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, 0, tonumber(oldest[2]) + window - now}
"""


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    remaining: int
    retry_after_s: int  # whole seconds, rounded up; 0 when allowed
    shared: bool  # False when the per-process fallback decided


@dataclass(frozen=True, slots=True)
class Limit:
    name: str
    requests: int
    window_s: int


def _retry_after(wait_us: int) -> int:
    return max(1, math.ceil(wait_us / 1_000_000))


class SlidingLogLimiter:
    def __init__(self, redis: GuardedRedis, *, prefix: str = "gw:rl") -> None:
        self._redis = redis
        self._prefix = prefix
        self._script = redis.client.register_script(_SLIDING_LOG)
        self._local = LocalSlidingLog()

    async def hit(
        self, limit: Limit, key: str, *, now_us: int | None = None
    ) -> Decision:
        redis_key = f"{self._prefix}:{limit.name}:{key}"
        args: list[str | int] = [
            limit.requests,
            limit.window_s * 1_000_000,
            uuid.uuid4().hex,
            "" if now_us is None else now_us,
        ]

        async def run(client: Redis) -> list[int]:
            result: list[int] = await self._script(
                keys=[redis_key], args=args, client=client
            )
            return result

        try:
            allowed, remaining, wait_us = await self._redis.run(run)
        except RedisDown:
            return self._local.hit(limit, redis_key)
        return Decision(
            allowed=bool(allowed),
            remaining=int(remaining),
            retry_after_s=0 if allowed else _retry_after(int(wait_us)),
            shared=True,
        )

    async def reset(self, limit: Limit, key: str) -> None:
        await self._redis.run(lambda c: c.delete(f"{self._prefix}:{limit.name}:{key}"))


class LocalSlidingLog:
    """The same rule in this process's memory, for when Redis is away."""

    MAX_KEYS = 50_000

    def __init__(self) -> None:
        self._logs: dict[str, deque[float]] = {}

    def hit(self, limit: Limit, key: str, *, now: float | None = None) -> Decision:
        now = time.monotonic() if now is None else now
        if len(self._logs) > self.MAX_KEYS:
            self._logs.clear()
        log = self._logs.setdefault(key, deque())
        while log and log[0] <= now - limit.window_s:
            log.popleft()
        if len(log) < limit.requests:
            log.append(now)
            return Decision(True, limit.requests - len(log), 0, shared=False)
        wait_us = int((log[0] + limit.window_s - now) * 1_000_000)
        return Decision(False, 0, _retry_after(wait_us), shared=False)
