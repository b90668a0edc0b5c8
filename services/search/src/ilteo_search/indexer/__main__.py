"""``ilteo-indexer``: the consumer loop in a thread, health and metrics over HTTP.

Uvicorn turns SIGTERM into the app's shutdown: the loop finishes and commits the
batch in hand, then the process exits.
"""

import asyncio
import os
import signal
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import structlog
from fastapi import FastAPI

from ilteo_common.app import create_service_app, serve
from ilteo_common.checks import KafkaCheck, OpenSearchCheck, close_check
from ilteo_common.health import Check
from ilteo_search import __version__
from ilteo_search.embedding import SentenceTransformerEmbedder, create_embedder
from ilteo_search.indexer.consumer import IndexerLoop
from ilteo_search.indexer.retire import Sweeper
from ilteo_search.indexer.service import (
    ensure_items_index,
    indexer_loop,
    opensearch_client,
    vector_filler,
)
from ilteo_search.indexer.settings import IndexerSettings

log = structlog.get_logger(__name__)

STOP_WAIT_S = 60.0


def create_app(settings: IndexerSettings) -> FastAPI:
    checks: dict[str, Check] = {
        "opensearch": OpenSearchCheck(settings.opensearch_url),
        "kafka": KafkaCheck(settings.kafka_bootstrap_servers),
    }

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        stop = threading.Event()
        threads = _start(settings, stop=stop)
        yield
        stop.set()
        for thread in threads:
            await asyncio.to_thread(thread.join, STOP_WAIT_S)
        for check in checks.values():
            await close_check(check)

    return create_service_app(
        title="Ilteo indexer", version=__version__, checks=checks, lifespan=lifespan
    )


def _start(
    settings: IndexerSettings, *, stop: threading.Event
) -> list[threading.Thread]:
    client = opensearch_client(settings)
    index = ensure_items_index(client, settings)
    loop = indexer_loop(settings, client=client, stop=stop)
    threads: list[threading.Thread] = [
        threading.Thread(target=_run, args=(loop, stop), name="ilteo-indexer-consumer"),
        Sweeper(settings, client=client, stop=stop),
    ]
    if settings.fill_vectors:
        embedder = create_embedder(settings)
        if isinstance(embedder, SentenceTransformerEmbedder):
            embedder.load()  # a missing model stops the start, not the first batch
        threads.append(
            vector_filler(
                settings,
                client=client,
                embedder=embedder,
                partitions=loop.owned_partitions,
                stop=stop,
            )
        )
    for thread in threads:
        thread.start()
    log.info(
        "indexer.ready",
        index=index,
        topic=settings.items_topic,
        fill_vectors=settings.fill_vectors,
    )
    return threads


def _run(loop: IndexerLoop, stop: threading.Event) -> None:
    try:
        loop.run()
    except Exception:
        # A live HTTP side over a dead loop would look healthy: stop the process,
        # and the supervisor starts a fresh one at the last commit.
        log.exception("indexer.crashed")
        os.kill(os.getpid(), signal.SIGTERM)
    finally:
        stop.set()
        loop.close()


def main() -> None:
    settings = IndexerSettings()
    serve(
        create_app(settings),
        service="indexer",
        settings=settings,
        host=settings.indexer_host,
        port=settings.indexer_port,
    )


if __name__ == "__main__":
    main()
