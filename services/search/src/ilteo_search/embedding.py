"""Sentence embeddings of items and queries (multilingual-e5-small, 384 dimensions).

e5 models are trained with a prefix on every text: ``passage: `` for what is indexed
and ``query: `` for what is searched; the prepared model folder names both prompts.
"""

import hashlib
import math
import threading
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, Self

from pydantic import Field, model_validator

from ilteo_common.settings import Environment, ServiceSettings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

DEFAULT_MODEL_PATH = (
    Path(__file__).resolve().parents[4] / ".local" / "models" / "multilingual-e5-small"
)
DIMENSION = 384


class EmbedderKind(StrEnum):
    SENTENCE_TRANSFORMERS = "sentence-transformers"
    # Hashed bag of words: deterministic, meaningless, for tests without the model.
    FAKE = "fake"


class EmbeddingSettings(ServiceSettings):
    embedder: EmbedderKind = EmbedderKind.SENTENCE_TRANSFORMERS
    embedding_model_path: Path = DEFAULT_MODEL_PATH
    embedding_batch_size: int = Field(default=32, ge=1)
    # Torch takes every core by default; a shared machine needs it bounded.
    torch_threads: int = Field(default=1, ge=1)

    @model_validator(mode="after")
    def _no_fake_in_production(self) -> Self:
        fake = self.embedder is EmbedderKind.FAKE
        if fake and self.environment is Environment.PRODUCTION:
            raise ValueError("the fake embedder is for tests; production needs a model")
        return self


class Embedder(Protocol):
    dimension: int

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


class SentenceTransformerEmbedder:
    """The prepared sentence-transformers folder, loaded on first use, on the CPU."""

    dimension = DIMENSION

    def __init__(self, *, path: Path, batch_size: int, torch_threads: int) -> None:
        self._path = path
        self._batch_size = batch_size
        self._torch_threads = torch_threads
        self._model: SentenceTransformer | None = None
        self._lock = threading.Lock()

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return self._encode(list(texts), prompt_name="passage")

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text], prompt_name="query")[0]

    def load(self) -> "SentenceTransformer":
        with self._lock:
            if self._model is None:
                self._model = self._load()
            return self._model

    def _load(self) -> "SentenceTransformer":
        import torch
        from sentence_transformers import SentenceTransformer

        if not self._path.is_dir():
            raise FileNotFoundError(
                f"no embedding model at {self._path}; run ilteo-prepare-model"
            )
        torch.set_num_threads(self._torch_threads)
        model = SentenceTransformer(str(self._path), device="cpu")
        dimension = model.get_embedding_dimension()
        if dimension != self.dimension:
            raise ValueError(f"model gives {dimension} dimensions, not {DIMENSION}")
        return model

    def _encode(self, texts: list[str], *, prompt_name: str) -> list[list[float]]:
        if not texts:
            return []
        vectors = self.load().encode(
            texts,
            prompt_name=prompt_name,
            normalize_embeddings=True,
            batch_size=self._batch_size,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return [[float(x) for x in row] for row in vectors.tolist()]


class FakeEmbedder:
    """Unit vectors from hashed words: equal texts give equal vectors, nothing more."""

    def __init__(self, *, dimension: int = DIMENSION) -> None:
        self.dimension = dimension

    def embed_documents(self, texts: Sequence[str]) -> list[list[float]]:
        return [self._vector(text) for text in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)

    def _vector(self, text: str) -> list[float]:
        vector = [0.0] * self.dimension
        for word in text.split() or [""]:
            digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
            slot = int.from_bytes(digest[:4], "big") % self.dimension
            vector[slot] += 1.0 if digest[4] % 2 else -1.0
        if not any(vector):
            vector[0] = 1.0  # a cosine space refuses the zero vector
        norm = math.sqrt(sum(x * x for x in vector))
        return [x / norm for x in vector]


def create_embedder(settings: EmbeddingSettings) -> Embedder:
    if settings.embedder is EmbedderKind.FAKE:
        return FakeEmbedder()
    return SentenceTransformerEmbedder(
        path=settings.embedding_model_path,
        batch_size=settings.embedding_batch_size,
        torch_threads=settings.torch_threads,
    )
