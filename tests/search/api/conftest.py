"""The search API over the fixed corpus: one index, and the service as a process.

Two services read the same index: one with BM25 only (``search_url``), and one
that loads the embedding model for hybrid relevance (``hybrid_url``), which is
skipped while the model is not prepared.
"""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from ilteo_stack.stack import Stack
from tests.conftest import running_service, wait_until
from tests.search.corpus import MODEL_PRESENT, corpus_embedder, create_index, documents

DEPTH_MAX = 30
"""The service under test pages through at most this many results."""

needs_model = pytest.mark.skipif(
    not MODEL_PRESENT,
    reason="the embedding model is not prepared (run ilteo-prepare-model)",
)


@pytest.fixture(scope="session")
def corpus_alias(stack: Stack) -> Iterator[str]:
    docs = documents(corpus_embedder())
    with httpx.Client(base_url=stack.settings.opensearch_url, timeout=60) as client:
        name, alias = create_index(client, docs, prefix="test-search-api")
        yield alias
        client.delete(f"/{name}")


def _env(stack: Stack, alias: str, **extra: str) -> dict[str, str]:
    return {
        "OPENSEARCH_URL": stack.settings.opensearch_url,
        "INDEX_ALIAS": alias,
        "VOCABULARY_TTL_S": "0",
        "RESULT_DEPTH_MAX": str(DEPTH_MAX),
        **extra,
    }


@pytest.fixture(scope="session")
def search_url(stack: Stack, corpus_alias: str) -> Iterator[str]:
    env = _env(stack, corpus_alias, USE_EMBEDDINGS="false")
    with running_service("ilteo-search-api", prefix="ILTEO_SEARCH_", env=env) as url:
        yield url


@pytest.fixture(scope="session")
def hybrid_url(stack: Stack, corpus_alias: str) -> Iterator[str]:
    if not MODEL_PRESENT:
        pytest.skip("the embedding model is not prepared (run ilteo-prepare-model)")
    env = _env(stack, corpus_alias, USE_EMBEDDINGS="true")
    with running_service("ilteo-search-api", prefix="ILTEO_SEARCH_", env=env) as url:

        def hybrid() -> bool:
            answer = httpx.get(f"{url}/v1/search", params={"q": "일"}, timeout=30)
            return answer.json().get("mode") == "hybrid"

        wait_until(hybrid, timeout_s=300, message="the search to load its model")
        yield url


def get(url: str, path: str, **params: Any) -> httpx.Response:
    return httpx.get(f"{url}/v1/{path}", params=params, timeout=60)


def found_keys(item: dict[str, Any]) -> set[str]:
    """The item's key and the keys of its duplicates on other sources."""
    return {item["key"], *(link["key"] for link in item["also_on"])}


def rank_of(items: list[dict[str, Any]], key: str) -> int | None:
    for rank, item in enumerate(items, start=1):
        if key in found_keys(item):
            return rank
    return None
