"""The search service's HTTP application."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from ilteo_common.app import create_service_app
from ilteo_common.checks import OpenSearchCheck, close_check
from ilteo_common.health import Check
from ilteo_search import __version__
from ilteo_search.api.endpoints import SearchContext, router
from ilteo_search.api.errors import install_error_handlers
from ilteo_search.api.repository import SearchRepository
from ilteo_search.api.semantic import QueryEmbedder
from ilteo_search.api.service import Limits
from ilteo_search.api.vocabulary import Vocabulary
from ilteo_search.embedding import create_embedder
from ilteo_search.settings import Settings


def _search_context(settings: Settings) -> SearchContext:
    repository = SearchRepository(
        url=settings.opensearch_url,
        index=settings.index_alias,
        timeout_s=settings.opensearch_timeout_s,
        pool_size=settings.opensearch_pool_size,
    )
    embedder = QueryEmbedder(
        create_embedder(settings) if settings.use_embeddings else None,
        timeout_ms=settings.embedding_timeout_ms,
    )
    return SearchContext(
        repository=repository,
        vocabulary=Vocabulary(repository, ttl_s=settings.vocabulary_ttl_s),
        embedder=embedder,
        limits=Limits(
            page_size_max=settings.page_size_max,
            depth_max=settings.result_depth_max,
            hybrid_window=settings.hybrid_window,
            rrf_k=settings.rrf_k,
            knn_min_score=settings.knn_min_score,
            knn_score_window=settings.knn_score_window,
        ),
    )


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    checks: dict[str, Check] = {
        "opensearch": OpenSearchCheck(settings.opensearch_url),
    }
    context = _search_context(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.search = context
        # The model loads in the background; searches use BM25 until it is ready.
        loading = asyncio.create_task(context.embedder.load())
        yield
        loading.cancel()
        context.embedder.close()
        await context.repository.close()
        for check in checks.values():
            await close_check(check)

    app = create_service_app(
        title="Ilteo search",
        version=__version__,
        checks=checks,
        lifespan=lifespan,
    )
    app.include_router(router)
    install_error_handlers(app)
    return app
