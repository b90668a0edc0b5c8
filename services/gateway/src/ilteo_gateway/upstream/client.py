"""One upstream service: a warm aiohttp pool, timeouts, GET retries and a breaker.

Only idempotent GETs are retried, and only when the request never reached the
service or the service said it could not answer (502, 503, 504). Writes are sent
once: a retried POST could create an employer's posting twice.

A service may run as several processes (``base_url`` lists them, comma-separated).
Requests take turns among them; one that cannot be reached is passed over for
``INSTANCE_REST_S``, so a retried GET lands on another.
"""

import asyncio
import contextlib
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import orjson
import structlog
from asgi_correlation_id.context import correlation_id

from ilteo_common.app import REQUEST_ID_HEADER
from ilteo_gateway.errors import GatewayError, say
from ilteo_gateway.upstream.breaker import CircuitBreaker

log = structlog.get_logger(__name__)

RETRY_BACKOFF_S = (0.05, 0.2, 0.5, 1.0, 1.0)
INSTANCE_REST_S = 5.0
RETRYABLE_STATUS = frozenset({502, 503, 504})
WARM_CONNECTIONS = 4


# Headers of an upstream's answer that the gateway passes on to the client.
PASSED_HEADERS = ("Retry-After", "Idempotent-Replayed", "Location")


@dataclass(frozen=True, slots=True)
class UpstreamResponse:
    status: int
    body: bytes
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def retry_after(self) -> str | None:
        return self.headers.get("Retry-After")

    def json(self) -> Any:
        return orjson.loads(self.body)


class Instances:
    """The base URLs of a service's processes, taken in turn; unreachable ones rest."""

    def __init__(
        self,
        base_urls: str,
        *,
        rest_s: float = INSTANCE_REST_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.urls = [u.strip().rstrip("/") for u in base_urls.split(",") if u.strip()]
        if not self.urls:
            raise ValueError("an upstream needs at least one base URL")
        self._rest_s = rest_s
        self._clock = clock
        self._turn = 0
        self._resting_until: dict[str, float] = {}

    def __len__(self) -> int:
        return len(self.urls)

    def pick(self) -> str:
        """The next URL in turn that is not resting; if all rest, the next anyway."""
        now = self._clock()
        for _ in range(len(self.urls)):
            url = self.urls[self._turn % len(self.urls)]
            self._turn += 1
            if self._resting_until.get(url, 0.0) <= now:
                return url
        url = self.urls[self._turn % len(self.urls)]
        self._turn += 1
        return url

    def rest(self, url: str) -> None:
        if len(self.urls) > 1:
            self._resting_until[url] = self._clock() + self._rest_s
            log.warning("upstream.instance_resting", url=url, seconds=self._rest_s)


class Upstream:
    def __init__(
        self,
        *,
        name: str,
        base_url: str,
        timeout_s: float,
        get_retries: int,
        breaker: CircuitBreaker,
        pool_size: int,
        token: str | None = None,
    ) -> None:
        self.name = name
        self.instances = Instances(base_url)
        self.breaker = breaker
        self._timeout = aiohttp.ClientTimeout(total=timeout_s, connect=timeout_s)
        self._get_retries = get_retries
        self._pool_size = pool_size
        self._token = token
        self._session: aiohttp.ClientSession | None = None
        self._log = log.bind(upstream=name)

    async def start(self) -> None:
        connector = aiohttp.TCPConnector(
            limit=self._pool_size, keepalive_timeout=30, ttl_dns_cache=300
        )
        self._session = aiohttp.ClientSession(
            connector=connector, timeout=self._timeout, raise_for_status=False
        )
        await self._warm()

    async def _warm(self) -> None:
        # Open a few keep-alive connections now rather than on the first requests.
        async def touch() -> None:
            with contextlib.suppress(aiohttp.ClientError, TimeoutError):
                await self._request("GET", "/healthz")

        count = WARM_CONNECTIONS * len(self.instances)
        await asyncio.gather(*(touch() for _ in range(count)))

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def get(
        self, path: str, *, params: Any = None, headers: Mapping[str, str] = {}
    ) -> UpstreamResponse:
        attempts = self._get_retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                response = await self._call("GET", path, params=params, headers=headers)
            except UpstreamError as error:
                # A timeout already cost the whole budget; do not spend it twice.
                if last or error.status_code == 504:
                    raise
            else:
                if response.status not in RETRYABLE_STATUS or last:
                    return response
            self._log.info("upstream.retry", path=path, attempt=attempt + 1)
            await asyncio.sleep(RETRY_BACKOFF_S[attempt])
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def send(
        self,
        method: str,
        path: str,
        *,
        json: Any,
        headers: Mapping[str, str] = {},
    ) -> UpstreamResponse:
        return await self._call(method, path, json=json, headers=headers)

    async def _call(self, method: str, path: str, **kwargs: Any) -> UpstreamResponse:
        if not self.breaker.allow():
            raise self._unavailable(retry_after_s=self.breaker.retry_after_s())
        try:
            response = await self._request(method, path, **kwargs)
        except TimeoutError:
            self.breaker.record_failure()
            self._log.warning("upstream.timeout", path=path)
            raise self._timed_out() from None
        except aiohttp.ClientError as exc:
            self.breaker.record_failure()
            self._log.warning("upstream.unreachable", path=path, error=str(exc))
            raise self._unavailable(
                retry_after_s=self.breaker.retry_after_s()
            ) from None
        if response.status >= 500:
            self.breaker.record_failure()
        else:
            self.breaker.record_success()
        return response

    async def _request(
        self,
        method: str,
        path: str,
        *,
        params: Any = None,
        json: Any = None,
        headers: Mapping[str, str] = {},
    ) -> UpstreamResponse:
        assert self._session is not None, "start() the upstream first"
        outgoing = {"Accept": "application/json", **headers}
        request_id = correlation_id.get()
        if request_id:
            outgoing[REQUEST_ID_HEADER] = request_id
        if self._token:
            outgoing["Authorization"] = f"Bearer {self._token}"
        base_url = self.instances.pick()
        try:
            return await self._exchange(
                method, base_url + path, params=params, json=json, headers=outgoing
            )
        except (aiohttp.ClientConnectionError, TimeoutError):
            self.instances.rest(base_url)
            raise

    async def _exchange(
        self,
        method: str,
        url: str,
        *,
        params: Any,
        json: Any,
        headers: Mapping[str, str],
    ) -> UpstreamResponse:
        assert self._session is not None
        async with self._session.request(
            method, url, params=params, json=json, headers=headers
        ) as response:
            body = await response.read()
            return UpstreamResponse(
                status=response.status,
                body=body,
                content_type=response.headers.get("Content-Type", ""),
                headers={
                    name: response.headers[name]
                    for name in PASSED_HEADERS
                    if name in response.headers
                },
            )

    def _unavailable(self, *, retry_after_s: float) -> "UpstreamError":
        return UpstreamError(
            say(
                f"{self.name} 서비스에 지금 연결할 수 없습니다. 잠시 후 다시 "
                "시도해 주세요.",
                f"The {self.name} service cannot be reached right now; "
                "try again in a moment.",
            ),
            status_code=503,
            retry_after_s=max(1, round(retry_after_s)),
        )

    def _timed_out(self) -> "UpstreamError":
        return UpstreamError(
            say(
                f"{self.name} 서비스가 제때 답하지 않았습니다. 잠시 후 다시 "
                "시도해 주세요.",
                f"The {self.name} service did not answer in time; try again.",
            ),
            status_code=504,
        )

    def bad_answer(self) -> "UpstreamError":
        return UpstreamError(
            say(
                f"{self.name} 서비스가 오류로 답했습니다. 잠시 후 다시 시도해 주세요.",
                f"The {self.name} service answered with an error; try again later.",
            ),
            status_code=502,
        )


class UpstreamError(GatewayError):
    """A failure of an upstream service, as the client should see it."""
