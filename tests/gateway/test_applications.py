"""Online applications through the gateway and a real applications service
(PostgreSQL): the gateway signs people in and vouches for them with its token."""

import os
import secrets
import subprocess
import uuid
from collections.abc import Iterator

import httpx
import pytest

from ilteo_stack.components import applications_database_url, local_secret
from ilteo_stack.stack import Stack
from tests.applications.conftest import application_body, program_body, wait_ready
from tests.conftest import ROOT, running_service
from tests.gateway.conftest import (
    PASSWORD,
    Browser,
    GatewayFactory,
    new_email,
    signed_in,
)

TOKEN = secrets.token_urlsafe(24)


@pytest.fixture(scope="module")
def gateway_url(stack: Stack, gateway_factory: GatewayFactory) -> Iterator[str]:
    env = {
        "DATABASE_URL": applications_database_url(stack.settings),
        "DATABASE_PASSWORD": local_secret(
            stack.settings, "applications-database-password"
        ),
        "SERVICE_TOKEN": TOKEN,
    }
    with running_service(
        "ilteo-applications-api", prefix="ILTEO_APPLICATIONS_", env=env
    ) as applications:
        wait_ready(applications)
        with gateway_factory(
            applications_url=applications,
            applications_service_token=TOKEN,
            rate_limit_requests="100000",
        ) as url:
            yield url


@pytest.fixture(scope="module")
def operator(gateway_url: str, redis_url: str, secret_key: str) -> Iterator[Browser]:
    email = new_email()
    env = os.environ | {
        "ILTEO_GATEWAY_SECRET_KEY": secret_key,
        "ILTEO_GATEWAY_REDIS_URL": redis_url,
        "ILTEO_GATEWAY_ADMIN_PASSWORD": PASSWORD,
    }
    subprocess.run(
        [
            str(ROOT / ".venv/bin/ilteo-gateway-admin"),
            "create-operator",
            "--email",
            email,
            "--name",
            "운영자",
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    with Browser(gateway_url) as browser:
        browser.http.post(
            "/api/v1/session", json={"email": email, "password": PASSWORD}
        )
        yield browser


@pytest.fixture(scope="module")
def program_id(operator: Browser) -> str:
    answer = operator.http.post("/api/v1/programs", json=program_body())
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


def answers() -> dict[str, object]:
    return {"motivation": "웹 개발자가 되고 싶습니다", "track": "웹", "household": 2}


class TestApplyOnline:
    def test_apply_once_even_when_sent_twice(
        self, gateway_url: str, program_id: str
    ) -> None:
        citizen = signed_in(gateway_url, role="citizen")
        body = application_body() | {"answers": answers()}
        key = uuid.uuid4().hex
        path = f"/api/v1/programs/{program_id}/applications"

        first = citizen.http.post(path, json=body, headers={"Idempotency-Key": key})
        again = citizen.http.post(path, json=body, headers={"Idempotency-Key": key})
        mine = citizen.http.get("/api/v1/applications").json()
        citizen.close()

        assert first.status_code == 201, first.text
        assert first.json()["receipt_number"]
        assert again.status_code == 200
        assert again.headers["Idempotent-Replayed"] == "true"
        assert again.json()["receipt_number"] == first.json()["receipt_number"]
        assert [a["id"] for a in mine["items"]] == [first.json()["id"]]

    def test_another_citizen_cannot_read_it(
        self, gateway_url: str, program_id: str
    ) -> None:
        owner = signed_in(gateway_url, role="citizen")
        other = signed_in(gateway_url, role="citizen")
        created = owner.http.post(
            f"/api/v1/programs/{program_id}/applications",
            json=application_body() | {"answers": answers()},
            headers={"Idempotency-Key": uuid.uuid4().hex},
        ).json()

        seen = other.http.get(f"/api/v1/applications/{created['id']}")
        owner.close()
        other.close()

        assert seen.status_code in (403, 404)

    def test_programs_are_public(self, gateway_url: str, program_id: str) -> None:
        # The database is shared with other tests: page until the program shows.
        seen: list[str] = []
        with httpx.Client(base_url=gateway_url, timeout=30) as anonymous:
            for offset in range(0, 10_000, 100):
                params = {"limit": 100, "offset": offset}
                listed = anonymous.get("/api/v1/programs", params=params)
                assert listed.status_code == 200
                seen += [p["id"] for p in listed.json()["items"]]
                if program_id in seen or offset + 100 >= listed.json()["total"]:
                    break

        assert program_id in seen

    def test_without_idempotency_key_is_a_clear_400(
        self, gateway_url: str, program_id: str
    ) -> None:
        citizen = signed_in(gateway_url, role="citizen")
        answer = citizen.http.post(
            f"/api/v1/programs/{program_id}/applications", json=application_body()
        )
        citizen.close()

        assert answer.status_code == 400
        assert answer.json()["field"] == "idempotency-key"


class TestWhoMayDoWhat:
    def test_employers_cannot_apply(self, gateway_url: str, program_id: str) -> None:
        employer = signed_in(gateway_url, role="employer")
        answer = employer.http.post(
            f"/api/v1/programs/{program_id}/applications",
            json=application_body(),
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
        employer.close()

        assert answer.status_code == 403

    def test_anonymous_cannot_apply(self, gateway_url: str, program_id: str) -> None:
        with Browser(gateway_url) as anonymous:
            answer = anonymous.http.post(
                f"/api/v1/programs/{program_id}/applications",
                json=application_body(),
                headers={"Idempotency-Key": uuid.uuid4().hex},
            )

        assert answer.status_code == 401

    def test_citizens_cannot_publish_programs(self, gateway_url: str) -> None:
        citizen = signed_in(gateway_url, role="citizen")
        answer = citizen.http.post("/api/v1/programs", json=program_body())
        citizen.close()

        assert answer.status_code == 403

    def test_bad_program_id_is_a_clear_400(self, gateway_url: str) -> None:
        answer = httpx.get(f"{gateway_url}/api/v1/programs/not-a-uuid", timeout=30)

        assert answer.status_code == 400
        assert answer.json()["field"] == "program_id"
