"""The gateway service's HTTP application: the page, the public API, and the edge."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from pydantic import SecretStr

from ilteo_common.app import REQUEST_ID_HEADER, create_service_app
from ilteo_common.checks import AnyHttpCheck, close_check
from ilteo_common.health import Check
from ilteo_gateway import __version__
from ilteo_gateway.accounts import endpoints as accounts
from ilteo_gateway.accounts.sessions import SessionCookie
from ilteo_gateway.applications import endpoints as applications
from ilteo_gateway.employer import endpoints as employer
from ilteo_gateway.errors import install_error_handlers
from ilteo_gateway.feedback import endpoints as feedback
from ilteo_gateway.profiles import endpoints as profiles
from ilteo_gateway.public import endpoints as public
from ilteo_gateway.redis_store import GuardedRedis
from ilteo_gateway.security.csrf import CSRF_HEADER, CsrfTokens
from ilteo_gateway.security.headers import SecurityHeadersMiddleware
from ilteo_gateway.security.ratelimit import SlidingLogLimiter
from ilteo_gateway.settings import Settings
from ilteo_gateway.subscriptions import endpoints as subscriptions
from ilteo_gateway.upstream import CircuitBreaker, Upstream
from ilteo_gateway.upstream.client import Instances
from ilteo_gateway.web import (
    account_pages,
    application_pages,
    digest_pages,
    feedback_pages,
    operator_pages,
    profile_pages,
)
from ilteo_gateway.web import endpoints as web
from ilteo_gateway.web.assets import Assets


def _upstreams(settings: Settings) -> dict[str, Upstream]:
    def breaker() -> CircuitBreaker:
        return CircuitBreaker(
            failure_threshold=settings.breaker_failure_threshold,
            reset_s=settings.breaker_reset_s,
        )

    def secret(value: SecretStr | None) -> str | None:
        return value.get_secret_value() if value else None

    return {
        "search": Upstream(
            name="search",
            base_url=settings.search_url,
            timeout_s=settings.search_timeout_s,
            get_retries=settings.upstream_get_retries,
            breaker=breaker(),
            pool_size=settings.upstream_pool_size,
        ),
        "ingest": Upstream(
            name="ingest",
            base_url=settings.ingest_url,
            timeout_s=settings.ingest_timeout_s,
            get_retries=settings.upstream_get_retries,
            breaker=breaker(),
            pool_size=max(2, settings.upstream_pool_size // 4),
            token=secret(settings.ingest_service_token),
        ),
        "recommend": Upstream(
            name="recommend",
            base_url=settings.recommend_url,
            timeout_s=settings.recommend_timeout_s,
            get_retries=settings.upstream_get_retries,
            breaker=breaker(),
            pool_size=max(2, settings.upstream_pool_size // 4),
            token=secret(settings.recommend_service_token),
        ),
        "applications": Upstream(
            name="applications",
            base_url=settings.applications_url,
            timeout_s=settings.applications_timeout_s,
            get_retries=settings.upstream_get_retries,
            breaker=breaker(),
            pool_size=max(2, settings.upstream_pool_size // 4),
            token=secret(settings.applications_service_token),
        ),
    }


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    secret = settings.secret_key.get_secret_value()
    # Readiness follows the search service only: without Redis the gateway still
    # serves search (without cache, with per-process rate limits), see the README.
    checks: dict[str, Check] = {
        "search": AnyHttpCheck(
            [f"{url}/healthz" for url in Instances(settings.search_url).urls]
        ),
    }
    redis = GuardedRedis(
        settings.redis_url,
        timeout_s=settings.redis_timeout_s,
        retry_after_s=settings.redis_retry_after_s,
    )
    upstreams = _upstreams(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        for upstream in upstreams.values():
            await upstream.start()
        yield
        for upstream in upstreams.values():
            await upstream.close()
        await redis.aclose()
        for check in checks.values():
            await close_check(check)

    app = create_service_app(
        title="Ilteo public API",
        version=__version__,
        checks=checks,
        lifespan=lifespan,
        openapi_url="/api/v1/openapi.json",
        # The interactive docs load scripts from a CDN, which the page's CSP refuses.
        docs_url=None,
        redoc_url=None,
        description=(
            "일터의 공개 API: 검색, 자동완성, 상세, 일자리 맵, 지역 통계, 계정, "
            "기업 공고, 의견. The public API of Ilteo, Incheon's job platform."
        ),
    )
    app.state.settings = settings
    app.state.redis = redis
    app.state.limiter = SlidingLogLimiter(redis)
    app.state.upstreams = upstreams
    app.state.csrf = CsrfTokens(secret)
    app.state.session_cookie = SessionCookie(secret, ttl_s=settings.session_ttl_s)
    app.state.assets = Assets(settings.assets_dir)

    install_error_handlers(app)
    for module in (
        public,
        accounts,
        employer,
        applications,
        profiles,
        subscriptions,
        feedback,
        web,
        account_pages,
        application_pages,
        profile_pages,
        digest_pages,
        feedback_pages,
        operator_pages,
    ):
        app.include_router(module.router)

    app.add_middleware(GZipMiddleware, minimum_size=800)
    app.add_middleware(SecurityHeadersMiddleware)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=True,
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=["Content-Type", CSRF_HEADER, REQUEST_ID_HEADER],
            expose_headers=[REQUEST_ID_HEADER, "Retry-After"],
            max_age=600,
        )
    return app
