"""Query embeddings for hybrid relevance, or none: search never waits on the model.

The model loads in the background after start-up; until it is ready, when it
failed to load, when too many queries wait for it, or when one takes too long, the
search answers with BM25 alone and says so.
"""

import asyncio
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from enum import StrEnum

import structlog

from ilteo_search.embedding import Embedder

log = structlog.get_logger(__name__)

CACHED_QUERIES = 2048
"""Popular searches repeat; their vectors are kept (about 1.6 KB each)."""


class EmbedderState(StrEnum):
    OFF = "off"  # switched off by settings
    LOADING = "loading"
    READY = "ready"
    FAILED = "failed"


class QueryEmbedder:
    def __init__(
        self, embedder: Embedder | None, *, timeout_ms: int, max_waiting: int = 8
    ) -> None:
        self._embedder = embedder
        self._timeout_s = timeout_ms / 1000
        self._max_waiting = max_waiting
        self._waiting = 0
        self._cache: OrderedDict[str, list[float]] = OrderedDict()
        # One thread: the model is CPU-bound, and torch threads are set per process.
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="embed")
        self.state = EmbedderState.OFF if embedder is None else EmbedderState.LOADING

    async def load(self) -> None:
        if self._embedder is None:
            return
        loop = asyncio.get_running_loop()
        try:
            # A first query loads the model; e5 also warms its tokenizer this way.
            await loop.run_in_executor(self._pool, self._embedder.embed_query, "일터")
        except Exception as error:
            self.state = EmbedderState.FAILED
            log.warning("embedder.unavailable", error=str(error)[:300])
            return
        self.state = EmbedderState.READY
        log.info("embedder.ready")

    @property
    def ready(self) -> bool:
        return self.state is EmbedderState.READY

    async def embed(self, text: str) -> list[float] | None:
        """The query's vector, or None when BM25 has to answer alone."""
        if self._embedder is None or not self.ready:
            return None
        cached = self._cache.get(text)
        if cached is not None:
            self._cache.move_to_end(text)
            return cached
        if self._waiting >= self._max_waiting:
            log.info("embedder.shed", waiting=self._waiting)
            return None

        vector = await self._compute(self._embedder, text)
        if vector is not None:
            self._cache[text] = vector
            if len(self._cache) > CACHED_QUERIES:
                self._cache.popitem(last=False)
        return vector

    async def _compute(self, embedder: Embedder, text: str) -> list[float] | None:
        loop = asyncio.get_running_loop()
        self._waiting += 1
        try:
            work = loop.run_in_executor(self._pool, embedder.embed_query, text)
            return await asyncio.wait_for(work, timeout=self._timeout_s)
        except TimeoutError:
            log.info("embedder.timeout", timeout_s=self._timeout_s)
            return None
        except Exception as error:
            log.warning("embedder.failed", error=str(error)[:300])
            return None
        finally:
            self._waiting -= 1

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
