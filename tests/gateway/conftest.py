"""A real search service over the search tests' fixed corpus, and gateways in front.

Each gateway runs as its own uvicorn process with a Redis database of its own test
session (flushed at the start), so rate limits and sessions start from nothing.
"""

import secrets
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import httpx
import pytest
from redis import Redis

from ilteo_search.embedding import FakeEmbedder
from ilteo_stack.stack import Stack
from tests.conftest import running_service, wait_until
from tests.search.corpus import create_index, documents

REDIS_DB = 11
RECOMMEND_REDIS_DB = 13

GatewayFactory = Callable[..., AbstractContextManager[str]]


@pytest.fixture(scope="session")
def corpus_alias(stack: Stack) -> Iterator[str]:
    with httpx.Client(base_url=stack.settings.opensearch_url, timeout=60) as client:
        name, alias = create_index(
            client, documents(FakeEmbedder()), prefix="gateway-test"
        )
        yield alias
        client.delete(f"/{name}")


@pytest.fixture(scope="session")
def search_url(stack: Stack, corpus_alias: str) -> Iterator[str]:
    env = {
        "OPENSEARCH_URL": stack.settings.opensearch_url,
        "INDEX_ALIAS": corpus_alias,
        "USE_EMBEDDINGS": "false",
    }
    with running_service("ilteo-search-api", prefix="ILTEO_SEARCH_", env=env) as url:
        yield url


@pytest.fixture(scope="session")
def redis_url(stack: Stack) -> str:
    url = stack.settings.redis_url(REDIS_DB)
    with Redis.from_url(url) as client:
        client.flushdb()
    return url


@pytest.fixture(scope="session")
def secret_key() -> str:
    return secrets.token_urlsafe(32)


@pytest.fixture(scope="session")
def gateway_factory(search_url: str, redis_url: str, secret_key: str) -> GatewayFactory:
    """Starts a gateway process; keyword arguments become ILTEO_GATEWAY_* settings."""

    @contextmanager
    def start(**settings: str) -> Iterator[str]:
        # All test clients share 127.0.0.1: limits stay out of the way of tests
        # that do not measure them, and those set their own.
        env = {
            "SECRET_KEY": secret_key,
            "REDIS_URL": redis_url,
            "SEARCH_URL": search_url,
            "LOG_LEVEL": "INFO",
            "RATE_LIMIT_REQUESTS": "1000000",
            "LOGIN_LIMIT_PER_CLIENT": "1000000",
        } | {key.upper(): value for key, value in settings.items()}
        with running_service("ilteo-gateway", prefix="ILTEO_GATEWAY_", env=env) as url:
            yield url

    return start


@pytest.fixture(scope="session")
def gateway(gateway_factory: GatewayFactory) -> Iterator[str]:
    """One gateway with generous rate limits, shared by most tests."""
    with gateway_factory(rate_limit_requests="100000") as url:
        yield url


@pytest.fixture(scope="session")
def employer_gateway(stack: Stack, gateway_factory: GatewayFactory) -> Iterator[str]:
    """A gateway in front of a real ingest service, which publishes to Kafka."""
    token = secrets.token_urlsafe(24)
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": stack.settings.kafka_bootstrap,
        "REDIS_URL": stack.settings.redis_url(12),
        "SERVICE_TOKEN": token,
    }
    with (
        running_service("ilteo-ingest-api", prefix="ILTEO_INGEST_", env=env) as ingest,
        gateway_factory(
            ingest_url=ingest,
            ingest_service_token=token,
            rate_limit_requests="100000",
        ) as url,
    ):
        yield url


@contextmanager
def recommend_gateway(
    stack: Stack, corpus_alias: str, gateway_factory: GatewayFactory, **env: str
) -> Iterator[str]:
    """A real recommend service, with its model, over ``corpus_alias``, and a
    gateway in front of it; ``env`` adds ILTEO_RECOMMEND_* settings."""
    token = secrets.token_urlsafe(24)
    settings = {
        "OPENSEARCH_URL": stack.settings.opensearch_url,
        "ITEMS_INDEX": corpus_alias,
        "REDIS_URL": stack.settings.redis_url(RECOMMEND_REDIS_DB),
        "SERVICE_TOKEN": token,
        "LINK_SECRET": secrets.token_urlsafe(32),
    } | env
    with running_service(
        "ilteo-recommend-api", prefix="ILTEO_RECOMMEND_", env=settings
    ) as recommend:

        def ready() -> bool:
            return httpx.get(f"{recommend}/readyz", timeout=5).status_code == 200

        wait_until(ready, timeout_s=300, message="recommend to load its model")
        with gateway_factory(
            recommend_url=recommend,
            recommend_service_token=token,
            rate_limit_requests="100000",
        ) as url:
            yield url


PASSWORD = "correct horse battery"


def new_email() -> str:
    return f"user-{uuid.uuid4().hex[:10]}@example.kr"


def sign_up(client: httpx.Client, *, role: str = "citizen") -> str:
    email = new_email()
    answer = client.post(
        "/api/v1/accounts",
        json={"email": email, "password": PASSWORD, "name": "홍길동", "role": role},
    )
    assert answer.status_code == 201, answer.text
    return email


class Browser:
    """A client that keeps cookies and repeats the CSRF token, like the page does."""

    def __init__(self, base_url: str, *, local_address: str | None = None) -> None:
        transport = httpx.HTTPTransport(local_address=local_address)
        self.http = httpx.Client(base_url=base_url, timeout=30, transport=transport)
        try:
            token = self.http.get("/api/v1/csrf").json()["csrf_token"]
        except BaseException:
            self.http.close()
            raise
        self.http.headers["X-CSRF-Token"] = token

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def signed_in(url: str, *, role: str = "citizen") -> Browser:
    """A new account of ``role``, signed in; the caller closes it."""
    browser = Browser(url)
    try:
        email = sign_up(browser.http, role=role)
        answer = browser.http.post(
            "/api/v1/session", json={"email": email, "password": PASSWORD}
        )
        assert answer.status_code == 200, answer.text
    except BaseException:
        browser.close()
        raise
    return browser


@pytest.fixture
def browser_client(gateway: str) -> Iterator[httpx.Client]:
    client = Browser(gateway)
    yield client.http
    client.close()
