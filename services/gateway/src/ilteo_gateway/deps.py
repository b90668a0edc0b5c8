"""What endpoints receive from the application: Annotated dependency aliases."""

from typing import Annotated

from fastapi import Depends, Request

from ilteo_gateway.errors import TooManyRequests, say
from ilteo_gateway.redis_store import GuardedRedis
from ilteo_gateway.security.ratelimit import Limit, SlidingLogLimiter
from ilteo_gateway.settings import Settings
from ilteo_gateway.upstream import Upstream


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _redis(request: Request) -> GuardedRedis:
    redis: GuardedRedis = request.app.state.redis
    return redis


def _limiter(request: Request) -> SlidingLogLimiter:
    limiter: SlidingLogLimiter = request.app.state.limiter
    return limiter


def _search(request: Request) -> Upstream:
    upstream: Upstream = request.app.state.upstreams["search"]
    return upstream


def _ingest(request: Request) -> Upstream:
    upstream: Upstream = request.app.state.upstreams["ingest"]
    return upstream


def _applications(request: Request) -> Upstream:
    upstream: Upstream = request.app.state.upstreams["applications"]
    return upstream


def _recommend(request: Request) -> Upstream:
    upstream: Upstream = request.app.state.upstreams["recommend"]
    return upstream


SettingsDep = Annotated[Settings, Depends(_settings)]
RedisDep = Annotated[GuardedRedis, Depends(_redis)]
LimiterDep = Annotated[SlidingLogLimiter, Depends(_limiter)]
SearchDep = Annotated[Upstream, Depends(_search)]
IngestDep = Annotated[Upstream, Depends(_ingest)]
ApplicationsDep = Annotated[Upstream, Depends(_applications)]
RecommendDep = Annotated[Upstream, Depends(_recommend)]


def client_key(request: Request) -> str:
    # uvicorn replaces the peer with X-Forwarded-For's client for trusted proxies.
    return request.client.host if request.client else "unknown"


def too_many(retry_after_s: int) -> TooManyRequests:
    return TooManyRequests(
        say(
            f"요청이 너무 많습니다. {retry_after_s}초 뒤에 다시 시도해 주세요.",
            f"Too many requests; try again in {retry_after_s} s.",
        ),
        retry_after_s=retry_after_s,
    )


async def limit_client(
    request: Request, settings: SettingsDep, limiter: LimiterDep
) -> None:
    limit = Limit("client", settings.rate_limit_requests, settings.rate_limit_window_s)
    decision = await limiter.hit(limit, client_key(request))
    request.state.rate_limit_shared = decision.shared
    if not decision.allowed:
        raise too_many(decision.retry_after_s)


RateLimited = Annotated[None, Depends(limit_client)]
