"""Profile embeddings with multilingual-e5-small, on the CPU, in a worker thread.

Items were embedded as passages (``passage: `` prompt); a profile is what a person
looks for, so it is embedded as a query (``query: ``).
"""

import asyncio
import hashlib
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np
import structlog

from ilteo_recommend.metrics import EMBEDDING_SECONDS

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

DIMENSION = 384

log = structlog.get_logger(__name__)


class ModelUnavailable(RuntimeError):
    """The model folder is missing or does not load."""


class Embedder(Protocol):
    dimension: int

    def embed_query(self, text: str) -> np.ndarray: ...


class SentenceTransformerEmbedder:
    """The prepared sentence-transformers folder, loaded once, used by one thread."""

    dimension = DIMENSION

    def __init__(self, *, path: Path, torch_threads: int) -> None:
        self._path = path
        self._torch_threads = torch_threads
        self._model: SentenceTransformer | None = None
        # Torch's CPU kernels are not meant to be shared between threads.
        self._lock = threading.Lock()

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
        model = self.load()
        started = time.perf_counter()
        with self._lock:
            vector = model.encode(
                [text],
                prompt_name="query",
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )[0]
        EMBEDDING_SECONDS.observe(time.perf_counter() - started)
        return np.asarray(vector, dtype=np.float32)


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


async def embed(embedder: Embedder, text: str) -> np.ndarray:
    """Embed off the event loop; raises ``ModelUnavailable`` without a model."""
    return await asyncio.to_thread(embedder.embed_query, text)
