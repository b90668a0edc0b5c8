"""Answers of the public read API: from the cache, or from the search service."""

from dataclasses import dataclass

import structlog
from pydantic import BaseModel

from ilteo_gateway.errors import GatewayError, say
from ilteo_gateway.public.cache import ResponseCache, cache_key, normalised_params
from ilteo_gateway.upstream import Upstream, UpstreamResponse

log = structlog.get_logger(__name__)


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    body: bytes
    cache: str  # hit, miss or bypass
    retry_after: str | None = None


async def read(
    *,
    upstream: Upstream,
    cache: ResponseCache,
    path: str,
    query: BaseModel | None,
    ttl_s: int,
) -> Answer:
    params = normalised_params(query)
    if ttl_s <= 0:  # the cache is switched off
        response = await upstream.get(path, params=params)
        return _passed_on(upstream, response, cache="bypass")
    key = cache_key(path, params)

    cached = await cache.get(key)
    if cached is not None:
        return Answer(200, cached, "hit")

    response = await upstream.get(path, params=params)
    answer = _passed_on(upstream, response, cache="miss")
    if answer.status == 200:
        await cache.put(key, answer.body, ttl_s=ttl_s)
    return answer


def _passed_on(upstream: Upstream, response: UpstreamResponse, *, cache: str) -> Answer:
    """The upstream's answer as the client sees it; its own 5xx become a 502."""
    if response.status == 503 and _is_problem(response):
        return Answer(503, response.body, "bypass", response.retry_after or "5")
    if response.status >= 500 or not response.content_type.startswith(
        "application/json"
    ):
        log.warning(
            "upstream.bad_answer", upstream=upstream.name, status=response.status
        )
        raise upstream.bad_answer()
    if response.status >= 400 and not _is_problem(response):
        raise GatewayError(_unexpected(response.status), status_code=response.status)
    return Answer(response.status, response.body, cache)


def _is_problem(response: UpstreamResponse) -> bool:
    try:
        body = response.json()
    except ValueError:
        return False
    return isinstance(body, dict) and isinstance(body.get("detail"), str)


def _unexpected(status: int) -> str:
    return say(
        f"요청을 처리할 수 없습니다 ({status})",
        f"The request cannot be served ({status})",
    )
