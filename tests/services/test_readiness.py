"""Every service answers /healthz, /readyz and /metrics, and readiness follows its
dependencies: it turns false when one stops and true again when it returns."""

import httpx
import pytest

from ilteo_stack.stack import Stack
from tests.conftest import running_service, wait_until


def service_env(stack: Stack) -> dict[str, dict[str, str]]:
    settings = stack.settings
    return {
        "search": {"OPENSEARCH_URL": settings.opensearch_url},
        "recommend": {
            "OPENSEARCH_URL": settings.opensearch_url,
            "REDIS_URL": settings.redis_url(0),
            "SERVICE_TOKEN": "readiness-test-token",
            "LINK_SECRET": "readiness-test-link-secret-0123456789abcdef",
        },
        "ingest": {
            "KAFKA_BOOTSTRAP_SERVERS": settings.kafka_bootstrap,
            "REDIS_URL": settings.redis_url(2),
            "SERVICE_TOKEN": "readiness-test-token",
        },
    }


@pytest.mark.parametrize(
    ("service", "script"),
    [
        ("search", "ilteo-search-api"),
        ("recommend", "ilteo-recommend-api"),
        ("ingest", "ilteo-ingest-api"),
    ],
)
class TestServiceFrame:
    def test_alive_ready_and_measured(
        self, stack: Stack, service: str, script: str
    ) -> None:
        env = service_env(stack)[service]
        prefix = f"ILTEO_{service.upper()}_"
        with running_service(script, prefix=prefix, env=env) as url:
            # Services with the embedding model are ready once it has loaded.
            wait_until(
                lambda: httpx.get(f"{url}/readyz", timeout=10).status_code == 200,
                timeout_s=180,
                message=f"{service} to become ready",
            )
            ready = httpx.get(f"{url}/readyz", timeout=10)
            httpx.get(f"{url}/healthz", timeout=10)
            metrics = httpx.get(f"{url}/metrics", timeout=10)

        assert ready.status_code == 200, ready.text
        assert set(ready.json()["checks"].values()) == {"ok"}
        assert metrics.status_code == 200
        assert "http_requests_total" in metrics.text

    def test_request_id_is_echoed(
        self, stack: Stack, service: str, script: str
    ) -> None:
        env = service_env(stack)[service]
        prefix = f"ILTEO_{service.upper()}_"
        with running_service(script, prefix=prefix, env=env) as url:
            response = httpx.get(
                f"{url}/healthz",
                headers={"X-Request-ID": "0f8fad5bd9cb469fa16570867728950e"},
            )

        assert response.headers["X-Request-ID"] == "0f8fad5bd9cb469fa16570867728950e"


class TestReadinessFollowsDependencies:
    def test_redis_outage_and_return(self, stack: Stack) -> None:
        env = service_env(stack)["ingest"]
        with running_service(
            "ilteo-ingest-api", prefix="ILTEO_INGEST_", env=env
        ) as url:

            def status() -> int:
                return httpx.get(f"{url}/readyz", timeout=10).status_code

            assert status() == 200
            stack.stop("redis")
            try:
                wait_until(lambda: status() == 503, timeout_s=20, message="not ready")
                body = httpx.get(f"{url}/readyz", timeout=10).json()
                assert body["checks"]["redis"] != "ok"
                assert body["checks"]["kafka"] == "ok"
            finally:
                stack.start("redis")
            wait_until(lambda: status() == 200, timeout_s=20, message="ready again")

    def test_liveness_ignores_dependencies(self, stack: Stack) -> None:
        env = service_env(stack)["ingest"] | {"REDIS_URL": "redis://127.0.0.1:1/0"}
        with running_service(
            "ilteo-ingest-api", prefix="ILTEO_INGEST_", env=env
        ) as url:
            assert httpx.get(f"{url}/healthz", timeout=10).status_code == 200
            assert httpx.get(f"{url}/readyz", timeout=10).status_code == 503
