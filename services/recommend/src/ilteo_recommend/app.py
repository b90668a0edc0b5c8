"""The recommend service's HTTP application."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import structlog
from fastapi import APIRouter, Depends, FastAPI

from ilteo_common.app import create_service_app
from ilteo_common.checks import OpenSearchCheck, RedisCheck, close_check
from ilteo_common.health import Check
from ilteo_recommend import __version__
from ilteo_recommend.auth import verify_service_token
from ilteo_recommend.digests.compose import Composer
from ilteo_recommend.digests.endpoints import links_router
from ilteo_recommend.digests.endpoints import router as subscriptions_router
from ilteo_recommend.digests.links import Links
from ilteo_recommend.digests.mailer import SmtpMailer
from ilteo_recommend.digests.repository import SubscriptionRepository
from ilteo_recommend.digests.service import Outbox
from ilteo_recommend.embedding import ModelUnavailable, SentenceTransformerEmbedder
from ilteo_recommend.errors import PROBLEM_RESPONSES, install_error_handlers
from ilteo_recommend.profiles.endpoints import router as profiles_router
from ilteo_recommend.profiles.repository import ProfileRepository
from ilteo_recommend.recommendations.endpoints import router as recommendations_router
from ilteo_recommend.recommendations.repository import (
    FeedbackRepository,
    ItemsRepository,
)
from ilteo_recommend.recommendations.service import Tuning
from ilteo_recommend.settings import Settings
from ilteo_recommend.store import create_redis

log = structlog.get_logger(__name__)


class ModelCheck:
    """Ready once the embedding model is loaded (it loads in the background)."""

    def __init__(self, embedder: SentenceTransformerEmbedder) -> None:
        self._embedder = embedder

    async def __call__(self) -> None:
        if not self._embedder.loaded:
            raise RuntimeError("the embedding model is not loaded yet")


async def _load_model(embedder: SentenceTransformerEmbedder) -> None:
    try:
        await asyncio.to_thread(embedder.load)
    except ModelUnavailable as error:
        log.warning("model.unavailable", reason=str(error))


def links_of(settings: Settings) -> Links:
    return Links(
        secret=settings.link_secret.get_secret_value(),
        public_base=settings.public_base,
        confirm_max_age_s=settings.confirm_link_max_age_h * 3600,
    )


def envelope_from(settings: Settings) -> str:
    """The envelope sender (MAIL FROM), where bounces go."""
    return settings.bounce_address


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    embedder = SentenceTransformerEmbedder(
        path=settings.embedding_model_path, torch_threads=settings.torch_threads
    )
    checks: dict[str, Check] = {
        "opensearch": OpenSearchCheck(settings.opensearch_url),
        "redis": RedisCheck(settings.redis_url),
        "model": ModelCheck(embedder),
    }

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        redis = create_redis(settings.redis_url, timeout_s=settings.redis_timeout_s)
        items = ItemsRepository(
            url=settings.opensearch_url,
            index=settings.items_index,
            timeout_s=settings.opensearch_timeout_s,
        )
        app.state.settings = settings
        app.state.embedder = embedder
        app.state.profiles = ProfileRepository(redis)
        app.state.feedback = FeedbackRepository(redis)
        app.state.items = items
        app.state.subscriptions = SubscriptionRepository(redis)
        links = links_of(settings)
        mailer = SmtpMailer.from_settings(settings)
        app.state.links = links
        app.state.outbox = Outbox(
            mailer=mailer,
            composer=Composer(links=links, mail_from=settings.mail_from),
            envelope_from=envelope_from(settings),
            confirm_max_age_h=settings.confirm_link_max_age_h,
        )
        app.state.tuning = Tuning(
            candidates_per_retriever=settings.candidates_per_retriever,
            ef_search=settings.knn_ef_search,
            skill_gap_min_jobs=settings.skill_gap_min_jobs,
            skill_gap_courses=settings.skill_gap_courses,
        )
        loading = asyncio.create_task(_load_model(embedder))
        yield
        await loading
        await mailer.close()
        await items.close()
        await redis.aclose()
        for check in checks.values():
            await close_check(check)

    app = create_service_app(
        title="Ilteo recommend",
        version=__version__,
        checks=checks,
        lifespan=lifespan,
    )
    # Public: the links in e-mails carry their own signed token.
    app.include_router(links_router, prefix="/v1")
    api = APIRouter(
        prefix="/v1",
        dependencies=[Depends(verify_service_token)],
        responses=PROBLEM_RESPONSES,
    )
    api.include_router(profiles_router)
    api.include_router(recommendations_router)
    api.include_router(subscriptions_router)
    app.include_router(api)
    install_error_handlers(app)
    return app
