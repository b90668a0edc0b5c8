"""Profile embeddings with multilingual-e5-small, on the CPU, in a worker thread.

Items were embedded as passages (``passage: `` prompt); a profile is what a person
looks for, so it is embedded as a query (``query: ``).

Requests that arrive while the model is busy are embedded together in the next
batch (``QueryBatcher``): a lone request waits for nothing, and a busy service
makes fewer, larger ``encode`` calls, which one torch thread runs faster per text.
"""

import asyncio
import hashlib
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np
import structlog

from ilteo_recommend.metrics import EMBEDDING_BATCH_TEXTS, EMBEDDING_SECONDS

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

DIMENSION = 384
MAX_BATCH = 16
"""Texts per ``encode`` call at most; a batch pads its texts to the longest."""

log = structlog.get_logger(__name__)


class ModelUnavailable(RuntimeError):
    """The model folder is missing or does not load."""


class Embedder(Protocol):
    dimension: int

    def embed_query(self, text: str) -> np.ndarray: ...

    async def embed(self, text: str) -> np.ndarray:
        """Embed off the event loop; raises ``ModelUnavailable`` without a model."""
        ...


class EncodeBatch(Protocol):
    def __call__(self, texts: Sequence[str]) -> np.ndarray: ...


class QueryBatcher:
    """Embeds the texts of concurrent requests together, in a worker thread.

    Each caller adds its text and waits for its own vector. One drain task per
    event loop encodes whatever is waiting (at most ``max_batch`` texts at a time)
    until nothing is; texts that arrive during an ``encode`` go in the next one.
    """

    def __init__(
        self,
        encode: EncodeBatch,
        *,
        max_batch: int = MAX_BATCH,
    ) -> None:
        self._encode = encode
        self._max_batch = max_batch
        self._waiting: list[tuple[str, asyncio.Future[np.ndarray]]] = []
        self._drain: asyncio.Task[None] | None = None

    async def embed(self, text: str) -> np.ndarray:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[np.ndarray] = loop.create_future()
        self._waiting.append((text, future))
        if not self._draining_on(loop):
            # Texts left by a loop that has ended have nobody waiting for them.
            self._waiting = [(t, f) for t, f in self._waiting if f.get_loop() is loop]
            self._drain = loop.create_task(self._drain_waiting())
        return await future

    def _draining_on(self, loop: asyncio.AbstractEventLoop) -> bool:
        drain = self._drain
        return drain is not None and not drain.done() and drain.get_loop() is loop

    async def _drain_waiting(self) -> None:
        while self._waiting:
            batch = self._waiting[: self._max_batch]
            del self._waiting[: self._max_batch]
            batch = [(text, future) for text, future in batch if not future.done()]
            if not batch:
                continue
            try:
                vectors = await asyncio.to_thread(
                    self._encode, [text for text, _ in batch]
                )
            except Exception as error:  # each waiting caller gets it
                for _, future in batch:
                    if not future.done():
                        future.set_exception(error)
                continue
            for (_, future), vector in zip(batch, vectors, strict=True):
                if not future.done():
                    future.set_result(vector)


class SentenceTransformerEmbedder:
    """The prepared sentence-transformers folder, loaded once, used by one thread."""

    dimension = DIMENSION

    def __init__(self, *, path: Path, torch_threads: int) -> None:
        self._path = path
        self._torch_threads = torch_threads
        self._model: SentenceTransformer | None = None
        # Torch's CPU kernels are not meant to be shared between threads.
        self._lock = threading.Lock()
        self._batcher = QueryBatcher(self.embed_queries)

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self) -> "SentenceTransformer":
        with self._lock:
            if self._model is None:
                self._model = self._load()
            return self._model

    def _load(self) -> "SentenceTransformer":
        import torch
        from sentence_transformers import SentenceTransformer

        if not (self._path / "modules.json").is_file():
            raise ModelUnavailable(f"no sentence-transformers model at {self._path}")
        started = time.perf_counter()
        torch.set_num_threads(self._torch_threads)
        model = SentenceTransformer(str(self._path), device="cpu")
        dimension = model.get_embedding_dimension()
        if dimension != self.dimension:
            raise ModelUnavailable(f"the model gives {dimension} dimensions, not 384")
        log.info(
            "model.loaded",
            path=str(self._path),
            seconds=round(time.perf_counter() - started, 2),
        )
        return model

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_queries([text])[0]

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, in order; blocks, so call it from a worker thread."""
        model = self.load()
        started = time.perf_counter()
        with self._lock:
            vectors = model.encode(
                list(texts),
                prompt_name="query",
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
                batch_size=MAX_BATCH,
            )
        EMBEDDING_SECONDS.observe(time.perf_counter() - started)
        EMBEDDING_BATCH_TEXTS.observe(len(texts))
        return np.asarray(vectors, dtype=np.float32)

    async def embed(self, text: str) -> np.ndarray:
        return await self._batcher.embed(text)


class FakeEmbedder:
    """Unit vectors from hashed words, for tests of pure logic only."""

    def __init__(self, *, dimension: int = DIMENSION) -> None:
        self.dimension = dimension

    def embed_query(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dimension, dtype=np.float32)
        for word in text.split() or [""]:
            digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
            slot = int.from_bytes(digest[:4], "big") % self.dimension
            vector[slot] += 1.0 if digest[4] % 2 else -1.0
        if not vector.any():
            vector[0] = 1.0
        return vector / np.linalg.norm(vector)

    async def embed(self, text: str) -> np.ndarray:
        return self.embed_query(text)
