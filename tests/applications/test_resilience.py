"""PostgreSQL going away and coming back, and the service restarting."""

from collections.abc import Iterator

import httpx
import pytest

from ilteo_stack.stack import Stack
from tests.applications.conftest import (
    PREFIX,
    SCRIPT,
    Caller,
    application_body,
    new_citizen,
    program_body,
    publish,
    wait_ready,
)
from tests.conftest import running_service, wait_until


@pytest.fixture
def own_service(applications_env: dict[str, str]) -> Iterator[str]:
    """A service of this test's own, so that an outage here disturbs no other."""
    with running_service(SCRIPT, prefix=PREFIX, env=applications_env) as url:
        wait_ready(url)
        yield url


class TestDatabaseOutage:
    def test_unavailable_is_a_clear_503_and_recovers(
        self, stack: Stack, own_service: str, service_token: str
    ) -> None:
        operator = Caller(own_service, service_token, subject="op", role="operator")
        citizen = new_citizen(own_service, service_token)
        program_id = publish(operator)
        before = citizen.apply(program_id, application_body()).json()

        def ready() -> int:
            return httpx.get(f"{own_service}/readyz", timeout=10).status_code

        stack.stop("postgres")
        try:
            wait_until(lambda: ready() == 503, timeout_s=30, message="not ready")
            readiness = httpx.get(f"{own_service}/readyz", timeout=10).json()
            listed = citizen.get("/applications/mine")
            applied = citizen.apply(program_id, application_body(), key="during")
            published = operator.post("/programs", json=program_body())
        finally:
            stack.start("postgres")
        wait_until(lambda: ready() == 200, timeout_s=60, message="ready again")
        after = citizen.get("/applications/mine")
        operator.client.close()
        citizen.client.close()

        assert readiness["checks"]["postgres"] != "ok"
        for response in (listed, applied, published):
            assert response.status_code == 503, response.text
            assert response.headers["Retry-After"]
            assert "잠시 후 다시" in response.json()["detail"]
        assert after.status_code == 200
        assert [item["id"] for item in after.json()["items"]] == [before["id"]]


class TestRestart:
    def test_a_restarted_service_keeps_everything(
        self, applications_env: dict[str, str], service_token: str
    ) -> None:
        with running_service(SCRIPT, prefix=PREFIX, env=applications_env) as url:
            wait_ready(url)
            operator = Caller(url, service_token, subject="op", role="operator")
            citizen = new_citizen(url, service_token)
            program_id = publish(operator)
            stored = citizen.apply(program_id, application_body(), key="k").json()
            operator.client.close()
            citizen.client.close()

        with running_service(SCRIPT, prefix=PREFIX, env=applications_env) as url:
            wait_ready(url)
            again = Caller(url, service_token, subject=citizen.subject, role="citizen")
            mine = again.get("/applications/mine").json()
            replayed = again.apply(program_id, application_body(), key="k")
            again.client.close()

        assert [item["receipt_number"] for item in mine["items"]] == [
            stored["receipt_number"]
        ]
        assert replayed.status_code == 200
        assert replayed.json()["id"] == stored["id"]
