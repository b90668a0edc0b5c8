"""The gateway service's HTTP application."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from ilteo_common.app import create_service_app
from ilteo_common.checks import HttpCheck, RedisCheck, close_check
from ilteo_common.health import Check
from ilteo_gateway import __version__
from ilteo_gateway.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    checks: dict[str, Check] = {
        "redis": RedisCheck(settings.redis_url),
        "search": HttpCheck(settings.search_url + "/healthz"),
    }

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        for check in checks.values():
            await close_check(check)

    app = create_service_app(
        title="Ilteo gateway",
        version=__version__,
        checks=checks,
        lifespan=lifespan,
    )

    @app.get("/", include_in_schema=False)
    async def index() -> dict[str, str]:
        return {"service": "ilteo-gateway", "version": __version__, "health": "/readyz"}

    return app
