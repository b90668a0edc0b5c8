"""Sliding-log rate limits: exact at the window's edges, in Redis and in memory,
and shared by two gateway processes."""

import asyncio
import time
from collections.abc import AsyncIterator

import httpx
import pytest

from ilteo_gateway.redis_store import GuardedRedis
from ilteo_gateway.security.ratelimit import Limit, LocalSlidingLog, SlidingLogLimiter
from tests.gateway.conftest import GatewayFactory

SECOND_US = 1_000_000
LIMIT = Limit("test", requests=3, window_s=10)


@pytest.fixture
async def limiter(redis_url: str) -> AsyncIterator[SlidingLogLimiter]:
    redis = GuardedRedis(redis_url, timeout_s=2, retry_after_s=0.1)
    yield SlidingLogLimiter(redis, prefix=f"gw:rl-test:{time.monotonic_ns()}")
    await redis.aclose()


class TestSlidingLogInRedis:
    async def test_admits_the_limit_then_refuses(
        self, limiter: SlidingLogLimiter
    ) -> None:
        start = 1_000 * SECOND_US
        decisions = [
            await limiter.hit(LIMIT, "client", now_us=start + i) for i in range(4)
        ]

        assert [d.allowed for d in decisions] == [True, True, True, False]
        assert [d.remaining for d in decisions[:3]] == [2, 1, 0]
        assert all(d.shared for d in decisions)

    async def test_exact_at_the_window_edge(self, limiter: SlidingLogLimiter) -> None:
        start = 2_000 * SECOND_US
        for i in range(3):
            await limiter.hit(LIMIT, "edge", now_us=start + i * SECOND_US)
        window = LIMIT.window_s * SECOND_US

        # One microsecond before the first request leaves the window: refused.
        before = await limiter.hit(LIMIT, "edge", now_us=start + window - 1)
        # The first request's own window ends: exactly one place frees up.
        at_edge = await limiter.hit(LIMIT, "edge", now_us=start + window)
        after = await limiter.hit(LIMIT, "edge", now_us=start + window + 1)

        assert not before.allowed
        assert before.retry_after_s == 1
        assert at_edge.allowed
        assert not after.allowed

    async def test_retry_after_counts_to_the_oldest_request(
        self, limiter: SlidingLogLimiter
    ) -> None:
        start = 3_000 * SECOND_US
        for i in range(3):
            await limiter.hit(LIMIT, "wait", now_us=start + i * SECOND_US)

        refused = await limiter.hit(LIMIT, "wait", now_us=start + 2 * SECOND_US + 1)

        # The oldest leaves at start + 10 s, 8 s minus 1 µs from now: rounded up.
        assert refused.retry_after_s == 8

    async def test_clients_are_counted_apart(self, limiter: SlidingLogLimiter) -> None:
        start = 4_000 * SECOND_US
        for i in range(3):
            await limiter.hit(LIMIT, "one", now_us=start + i)

        other = await limiter.hit(LIMIT, "two", now_us=start + 3)

        assert other.allowed

    async def test_concurrent_hits_never_exceed_the_limit(
        self, limiter: SlidingLogLimiter
    ) -> None:
        limit = Limit("burst", requests=25, window_s=60)
        decisions = await asyncio.gather(
            *(limiter.hit(limit, "burst") for _ in range(60))
        )

        assert sum(d.allowed for d in decisions) == 25


class TestLocalSlidingLog:
    def test_exact_at_the_window_edge(self) -> None:
        log = LocalSlidingLog()
        for i in range(3):
            assert log.hit(LIMIT, "k", now=100.0 + i).allowed

        assert not log.hit(LIMIT, "k", now=109.999).allowed
        assert log.hit(LIMIT, "k", now=110.0).allowed
        assert not log.hit(LIMIT, "k", now=110.0).allowed

    def test_decisions_are_marked_local(self) -> None:
        decision = LocalSlidingLog().hit(LIMIT, "k", now=1.0)

        assert not decision.shared


class TestRateLimitAcrossTwoWorkers:
    def test_one_limit_for_both_processes(
        self, gateway_factory: GatewayFactory
    ) -> None:
        settings = {"rate_limit_requests": "6", "rate_limit_window_s": "30"}
        with (
            gateway_factory(**settings) as first,
            gateway_factory(**settings) as second,
        ):
            # Another client address than other tests use: 127.0.0.2 is loopback too.
            transport = httpx.HTTPTransport(local_address="127.0.0.2")
            with httpx.Client(transport=transport, timeout=30) as client:
                answers = [
                    client.get(f"{url}/api/v1/suggest", params={"q": "용접"})
                    for url in (first, second) * 4
                ]

        statuses = [answer.status_code for answer in answers]
        assert statuses == [200] * 6 + [429] * 2
        refused = answers[-1]
        assert 1 <= int(refused.headers["Retry-After"]) <= 30
        assert "Too many requests" in refused.json()["detail"]

    def test_the_window_slides(self, gateway_factory: GatewayFactory) -> None:
        settings = {"rate_limit_requests": "4", "rate_limit_window_s": "8"}
        transport = httpx.HTTPTransport(local_address="127.0.0.3")
        with (
            gateway_factory(**settings) as first,
            gateway_factory(**settings) as second,
            httpx.Client(transport=transport, timeout=30) as client,
        ):

            def hit(url: str) -> httpx.Response:
                return client.get(f"{url}/api/v1/suggest", params={"q": "요양"})

            assert hit(first).status_code == 200
            assert hit(second).status_code == 200
            time.sleep(4)
            assert hit(first).status_code == 200
            assert hit(second).status_code == 200
            refused = hit(first)
            assert refused.status_code == 429

            # When the first two leave the window, two places free up, not four:
            # a fixed window would have reset all of them.
            time.sleep(int(refused.headers["Retry-After"]) + 0.2)
            later = [hit(url).status_code for url in (first, second, first)]

        assert later == [200, 200, 429]
