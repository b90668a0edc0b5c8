"""The ingest service's HTTP application."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from ilteo_common.app import create_service_app
from ilteo_common.checks import KafkaCheck, RedisCheck, close_check
from ilteo_common.health import Check
from ilteo_ingest import __version__
from ilteo_ingest.settings import Settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    checks: dict[str, Check] = {
        "kafka": KafkaCheck(settings.kafka_bootstrap_servers),
        "redis": RedisCheck(settings.redis_url),
    }

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        for check in checks.values():
            await close_check(check)

    return create_service_app(
        title="Ilteo ingest",
        version=__version__,
        checks=checks,
        lifespan=lifespan,
    )
