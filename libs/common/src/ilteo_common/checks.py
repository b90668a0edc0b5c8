"""Readiness probes for the engines the services depend on."""

import asyncio
import threading
from collections.abc import Sequence

import httpx
from kafka import KafkaAdminClient
from redis.asyncio import Redis

PROBE_TIMEOUT_S = 1.5


class RedisCheck:
    def __init__(self, url: str) -> None:
        self._client = Redis.from_url(
            url, socket_timeout=PROBE_TIMEOUT_S, socket_connect_timeout=PROBE_TIMEOUT_S
        )

    async def __call__(self) -> None:
        await self._client.ping()

    async def aclose(self) -> None:
        await self._client.aclose()


class HttpCheck:
    """A GET that must answer 2xx, e.g. another service's ``/healthz``."""

    def __init__(self, url: str) -> None:
        self._url = url
        self._client = httpx.AsyncClient(timeout=PROBE_TIMEOUT_S)

    async def __call__(self) -> None:
        response = await self._client.get(self._url)
        response.raise_for_status()

    async def aclose(self) -> None:
        await self._client.aclose()


class AnyHttpCheck:
    """Passes when any of several URLs answers 2xx: one process of a service will do."""

    def __init__(self, urls: Sequence[str]) -> None:
        self._checks = [HttpCheck(url) for url in urls]

    async def __call__(self) -> None:
        failures = []
        for check in self._checks:
            try:
                await check()
            except (httpx.HTTPError, OSError) as error:
                failures.append(repr(error))
            else:
                return
        raise RuntimeError("no instance answers: " + "; ".join(failures))

    async def aclose(self) -> None:
        for check in self._checks:
            await check.aclose()


class OpenSearchCheck(HttpCheck):
    """The cluster answers and its health is not red."""

    def __init__(self, url: str) -> None:
        super().__init__(url.rstrip("/") + "/_cluster/health")

    async def __call__(self) -> None:
        response = await self._client.get(self._url)
        response.raise_for_status()
        status = response.json().get("status")
        if status == "red":
            raise RuntimeError("cluster health is red")


class KafkaCheck:
    """The brokers answer a cluster description.

    kafka-python is synchronous, so the probe runs in a thread; one admin client is
    kept between probes and dropped after a failure so that the next probe reconnects.
    """

    def __init__(self, bootstrap_servers: str) -> None:
        self._bootstrap_servers = bootstrap_servers
        self._admin: KafkaAdminClient | None = None
        self._lock = threading.Lock()

    def _describe(self) -> None:
        with self._lock:
            try:
                if self._admin is None:
                    self._admin = KafkaAdminClient(
                        bootstrap_servers=self._bootstrap_servers,
                        client_id="ilteo-readiness",
                        request_timeout_ms=int(PROBE_TIMEOUT_S * 1000),
                    )
                self._admin.describe_cluster()
            except Exception:
                self.close()
                raise

    async def __call__(self) -> None:
        await asyncio.to_thread(self._describe)

    def close(self) -> None:
        if self._admin is not None:
            admin, self._admin = self._admin, None
            admin.close()


async def close_check(check: object) -> None:
    """Release whatever connection a probe holds, at the service's shutdown."""
    aclose = getattr(check, "aclose", None)
    if aclose is not None:
        await aclose()
        return
    close = getattr(check, "close", None)
    if close is not None:
        close()
