"""The recommend service over the fixed corpus: one index, Redis, and the service.

The service runs as its own process with the real embedding model; tests that need
it are skipped while the model is not prepared (run ilteo-prepare-model).
"""

import secrets
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import redis

from ilteo_stack.stack import Stack
from tests.conftest import running_service, wait_until
from tests.recommend.corpus import MODEL_PRESENT, create_index, documents

TEST_REDIS_DB = 9
"""Kept apart from the service's database 0 of a running local stack."""


@pytest.fixture(scope="session")
def corpus_alias(stack: Stack) -> Iterator[str]:
    if not MODEL_PRESENT:
        pytest.skip("the embedding model is not prepared (run ilteo-prepare-model)")
    docs = documents()
    with httpx.Client(base_url=stack.settings.opensearch_url, timeout=60) as client:
        name, alias = create_index(client, docs, prefix="test-recommend")
        yield alias
        client.delete(f"/{name}")


@pytest.fixture(scope="session")
def redis_url(stack: Stack) -> Iterator[str]:
    url = stack.settings.redis_url(TEST_REDIS_DB)
    yield url
    client = redis.Redis.from_url(url)
    for key in client.scan_iter(match="recommend:*"):
        client.delete(key)
    client.close()


class Api:
    """The service as the gateway calls it: service token plus a subject."""

    def __init__(self, url: str, token: str) -> None:
        self.url = url
        self.token = token

    def headers(self, subject: str | None) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.token}"}
        if subject is not None:
            headers["X-Ilteo-Subject"] = subject
        return headers

    def call(
        self, method: str, path: str, *, subject: str | None, **options: Any
    ) -> httpx.Response:
        return httpx.request(
            method,
            f"{self.url}/v1/{path}",
            headers=self.headers(subject),
            timeout=60,
            **options,
        )

    def create(self, subject: str, profile: dict[str, Any]) -> dict[str, Any]:
        response = self.call("POST", "profiles", subject=subject, json=profile)
        assert response.status_code == 201, response.text
        created: dict[str, Any] = response.json()
        return created

    def recommend(self, subject: str, profile_id: str, **params: Any) -> dict[str, Any]:
        response = self.call(
            "GET",
            f"profiles/{profile_id}/recommendations",
            subject=subject,
            params=params,
        )
        assert response.status_code == 200, response.text
        answer: dict[str, Any] = response.json()
        return answer


@pytest.fixture(scope="session")
def api(stack: Stack, corpus_alias: str, redis_url: str) -> Iterator[Api]:
    token = secrets.token_urlsafe(24)
    env = {
        "OPENSEARCH_URL": stack.settings.opensearch_url,
        "ITEMS_INDEX": corpus_alias,
        "REDIS_URL": redis_url,
        "SERVICE_TOKEN": token,
        "LINK_SECRET": secrets.token_urlsafe(32),
    }
    with running_service(
        "ilteo-recommend-api", prefix="ILTEO_RECOMMEND_", env=env
    ) as url:

        def ready() -> bool:
            return httpx.get(f"{url}/readyz", timeout=5).status_code == 200

        wait_until(ready, timeout_s=300, message="the service to load its model")
        yield Api(url, token)


def new_subject() -> str:
    return f"citizen-{uuid.uuid4().hex[:12]}"
