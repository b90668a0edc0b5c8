"""The frame of every Ilteo HTTP service: health, metrics, request ids, logs."""

from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import uvicorn
from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI
from prometheus_fastapi_instrumentator import Instrumentator

from ilteo_common.health import Check, health_router
from ilteo_common.logging import configure_logging
from ilteo_common.settings import ServiceSettings

REQUEST_ID_HEADER = "X-Request-ID"

Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]


@asynccontextmanager
async def _no_lifespan(_app: FastAPI) -> AsyncIterator[None]:
    yield


def create_service_app(
    *,
    title: str,
    version: str,
    checks: Mapping[str, Check],
    lifespan: Lifespan = _no_lifespan,
    **fastapi_options: Any,
) -> FastAPI:
    """A FastAPI app with ``/healthz``, ``/readyz``, ``/metrics`` and request ids."""
    app = FastAPI(title=title, version=version, lifespan=lifespan, **fastapi_options)
    app.include_router(health_router(checks))
    app.add_middleware(CorrelationIdMiddleware, header_name=REQUEST_ID_HEADER)
    Instrumentator(
        excluded_handlers=["/metrics", "/healthz", "/readyz"],
        should_group_status_codes=False,
    ).instrument(app).expose(app, include_in_schema=False)
    return app


def serve(
    app: FastAPI | str, *, service: str, settings: ServiceSettings, host: str, port: int
) -> None:
    """Run a service under uvicorn with the shared logging setup."""
    configure_logging(
        service=service, level=settings.log_level, json=settings.logs_as_json
    )
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_config=None,
        access_log=False,
        proxy_headers=True,
        server_header=False,
    )
