"""Concurrent profile texts are embedded together (pure logic, a counting encoder).

The real model's batches are covered where profiles are created through the
service (test_profiles.py) and by the benchmark.
"""

import asyncio
import threading
from collections.abc import Sequence

import numpy as np
import pytest

from ilteo_recommend.embedding import QueryBatcher, SentenceTransformerEmbedder
from ilteo_recommend.settings import DEFAULT_MODEL_PATH
from tests.recommend.corpus import MODEL_PRESENT


class Recording:
    """Encodes a text as [its length, batch number]; each call can be held."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []
        self.release = threading.Event()
        self.release.set()
        self.fail_with: Exception | None = None

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.release.wait(timeout=10)
        if self.fail_with is not None:
            raise self.fail_with
        self.batches.append(list(texts))
        number = len(self.batches)
        return np.array([[len(text), number] for text in texts], dtype=np.float32)


async def test_a_lone_text_is_encoded_at_once() -> None:
    encode = Recording()
    vector = await QueryBatcher(encode).embed("용접")
    assert encode.batches == [["용접"]]
    assert vector.tolist() == [2.0, 1.0]


async def test_texts_that_wait_during_an_encode_go_in_the_next_batch() -> None:
    encode = Recording()
    encode.release.clear()
    batcher = QueryBatcher(encode, max_batch=3)
    first = asyncio.ensure_future(batcher.embed("a"))
    await asyncio.sleep(0.05)  # the first encode has started and is held
    later = [asyncio.ensure_future(batcher.embed("b" * n)) for n in range(1, 6)]
    await asyncio.sleep(0.05)
    encode.release.set()
    vectors = await asyncio.gather(first, *later)

    assert encode.batches == [["a"], ["b", "bb", "bbb"], ["bbbb", "bbbbb"]]
    # Every caller gets the row of its own text.
    assert [v[0] for v in vectors] == [1, 1, 2, 3, 4, 5]
    assert [v[1] for v in vectors] == [1, 2, 2, 2, 3, 3]


async def test_a_failed_encode_fails_its_callers_and_not_the_next_ones() -> None:
    encode = Recording()
    encode.fail_with = RuntimeError("model gone")
    batcher = QueryBatcher(encode)
    results = await asyncio.gather(
        batcher.embed("x"), batcher.embed("y"), return_exceptions=True
    )
    assert all(isinstance(r, RuntimeError) for r in results)

    encode.fail_with = None
    assert (await batcher.embed("zz")).tolist()[0] == 2.0


async def test_a_caller_that_gives_up_does_not_block_the_others() -> None:
    encode = Recording()
    encode.release.clear()
    batcher = QueryBatcher(encode)
    held = asyncio.ensure_future(batcher.embed("held"))
    await asyncio.sleep(0.05)
    impatient = asyncio.ensure_future(batcher.embed("gone"))
    patient = asyncio.ensure_future(batcher.embed("stays"))
    await asyncio.sleep(0)
    impatient.cancel()
    encode.release.set()
    assert (await held)[0] == 4
    assert (await patient)[0] == 5
    assert ["gone"] not in encode.batches
    assert all("gone" not in batch for batch in encode.batches)


@pytest.mark.skipif(not MODEL_PRESENT, reason="the embedding model is not prepared")
async def test_the_model_gives_the_same_vector_alone_and_in_a_batch() -> None:
    embedder = SentenceTransformerEmbedder(path=DEFAULT_MODEL_PATH, torch_threads=1)
    texts = [
        "희망 직종: 용접원. 기술: CO2 용접",
        "요양보호사 자격증, 경력 3년",
        "웹개발자",
    ]
    alone = [embedder.embed_query(text) for text in texts]
    together = await asyncio.gather(*(embedder.embed(text) for text in texts))
    for one, batched in zip(alone, together, strict=True):
        # Padding in a batch changes the float sums a little, not the direction.
        assert float(np.dot(one, batched)) > 0.9999
