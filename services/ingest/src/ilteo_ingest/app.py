"""The ingest service's HTTP application: status, platform postings, health."""

import hmac
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

import structlog
from fastapi import Depends, FastAPI, Header, HTTPException, Request, status
from fastapi.concurrency import run_in_threadpool
from kafka import KafkaProducer
from kafka.errors import KafkaError
from prometheus_client import REGISTRY
from pydantic import ValidationError

from ilteo_common.app import create_service_app
from ilteo_common.checks import KafkaCheck, RedisCheck, close_check
from ilteo_common.health import Check
from ilteo_ingest import __version__
from ilteo_ingest.metrics import POSTINGS_ACCEPTED, LastRunCollector
from ilteo_ingest.postings import PostingAccepted, PostingCreate, publish_posting
from ilteo_ingest.publisher import FingerprintStore, create_producer, ensure_topics_of
from ilteo_ingest.settings import Settings
from ilteo_ingest.sources import SOURCES

log = structlog.get_logger(__name__)


class _State:
    """The producer is created on first use, so the app starts without Kafka."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store = FingerprintStore.from_settings(settings)
        self._producer: KafkaProducer | None = None

    def producer(self) -> KafkaProducer:
        if self._producer is None:
            ensure_topics_of(self.settings)
            self._producer = create_producer(
                self.settings,
                client_id="ilteo-ingest-api",
                max_block_s=self.settings.api_publish_timeout_s,
            )
        return self._producer

    def close(self) -> None:
        if self._producer is not None:
            self._producer.close(timeout=5)
        self.store.close()


class MissingServiceToken(RuntimeError):
    pass


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    if settings.service_token is None:
        raise MissingServiceToken(
            "ILTEO_INGEST_SERVICE_TOKEN is required: the gateway authenticates "
            "its writes to POST /v1/items with it"
        )
    state = _State(settings)
    checks: dict[str, Check] = {
        "kafka": KafkaCheck(settings.kafka_bootstrap_servers),
        "redis": RedisCheck(settings.redis_url),
    }

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        collector = LastRunCollector(state.store.runs)
        REGISTRY.register(collector)
        yield
        REGISTRY.unregister(collector)
        state.close()
        for check in checks.values():
            await close_check(check)

    app = create_service_app(
        title="Ilteo ingest",
        version=__version__,
        checks=checks,
        lifespan=lifespan,
    )
    _routes(app, state)
    return app


def _routes(app: FastAPI, state: _State) -> None:
    def service_token(authorization: Annotated[str | None, Header()] = None) -> None:
        token = state.settings.service_token
        assert token is not None  # create_app refuses to build without it
        expected = token.get_secret_value()
        scheme, _, given = (authorization or "").partition(" ")
        valid = scheme.lower() == "bearer" and hmac.compare_digest(
            given.encode(), expected.encode()
        )
        if not valid:
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                "a valid service token is required",
                headers={"WWW-Authenticate": "Bearer"},
            )

    Authorized = Annotated[None, Depends(service_token)]

    @app.post(
        "/v1/items",
        status_code=status.HTTP_202_ACCEPTED,
        response_model=PostingAccepted,
        tags=["items"],
    )
    async def post_item(request: Request, _auth: Authorized) -> PostingAccepted:
        """Publish an employer's job posting or an operator's program."""
        raw = (await request.body()).decode("utf-8", errors="replace")
        try:
            posting = PostingCreate.model_validate_json(raw)
        except ValidationError as exc:
            errors = exc.errors(include_url=False, include_context=False)
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT, _jsonable(errors)
            ) from exc
        try:
            accepted = await run_in_threadpool(
                lambda: publish_posting(
                    posting=posting,
                    raw=raw,
                    producer=state.producer(),
                    store=state.store,
                    topic=state.settings.items_topic,
                    timeout_s=state.settings.api_publish_timeout_s,
                )
            )
        except (KafkaError, OSError) as exc:
            log.error(
                "posting.publish_failed", source_id=posting.source_id, error=repr(exc)
            )
            raise HTTPException(
                status.HTTP_503_SERVICE_UNAVAILABLE, "the message bus is unavailable"
            ) from exc
        log.info("posting.accepted", key=accepted.key, kind=accepted.kind)
        POSTINGS_ACCEPTED.labels(kind=str(accepted.kind)).inc()
        return accepted

    @app.get("/v1/status", tags=["status"])
    async def get_status() -> dict[str, Any]:
        """Per source: the last run, its counts and its dead letters."""
        runs = await run_in_threadpool(state.store.runs)
        return {
            "sources": {
                source_id: {
                    "name": source.name_ko,
                    "kinds": [kind.value for kind in source.kinds],
                    "last_run": runs.get(source_id),
                }
                for source_id, source in SOURCES.items()
            }
        }


def _jsonable(errors: list[Any]) -> list[dict[str, Any]]:
    return [
        {"loc": list(error["loc"]), "msg": error["msg"], "type": error["type"]}
        for error in errors
    ]
