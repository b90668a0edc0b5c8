"""The applications service as a real process on the local PostgreSQL."""

import secrets
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from ilteo_stack.components import applications_database_url, local_secret
from ilteo_stack.stack import Stack
from tests.conftest import running_service, wait_until

KST = ZoneInfo("Asia/Seoul")
SCRIPT = "ilteo-applications-api"
PREFIX = "ILTEO_APPLICATIONS_"


@pytest.fixture(scope="session")
def service_token() -> str:
    return secrets.token_urlsafe(24)


@pytest.fixture(scope="session")
def applications_env(stack: Stack, service_token: str) -> dict[str, str]:
    settings = stack.settings
    return {
        "DATABASE_URL": applications_database_url(settings),
        "DATABASE_PASSWORD": local_secret(settings, "applications-database-password"),
        "SERVICE_TOKEN": service_token,
        # Outage tests wait this long for a connection before the 503.
        "POOL_TIMEOUT_S": "1",
        "MIGRATE_RETRY_S": "0.5",
    }


@pytest.fixture(scope="module")
def service_url(applications_env: dict[str, str]) -> Iterator[str]:
    with running_service(SCRIPT, prefix=PREFIX, env=applications_env) as url:
        wait_ready(url)
        yield url


def wait_ready(url: str) -> None:
    def ready() -> bool:
        return httpx.get(f"{url}/readyz", timeout=5).status_code == 200

    wait_until(ready, timeout_s=30, message="the applications service to be ready")


class Caller:
    """The gateway's side of a call: the service token, a subject and a role."""

    def __init__(self, url: str, token: str, *, subject: str, role: str) -> None:
        self.subject = subject
        self.client = httpx.Client(
            base_url=f"{url}/v1",
            timeout=30,
            headers={
                "Authorization": f"Bearer {token}",
                "X-Ilteo-Subject": subject,
                "X-Ilteo-Role": role,
            },
        )

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.client.get(path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.client.post(path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.client.patch(path, **kwargs)

    def apply(
        self, program_id: str, body: dict[str, Any], *, key: str | None = None
    ) -> httpx.Response:
        return self.post(
            f"/programs/{program_id}/applications",
            json=body,
            headers={"Idempotency-Key": key or uuid.uuid4().hex},
        )


@pytest.fixture
def operator(service_url: str, service_token: str) -> Iterator[Caller]:
    caller = Caller(service_url, service_token, subject="operator-1", role="operator")
    yield caller
    caller.client.close()


def new_citizen(url: str, token: str) -> Caller:
    subject = f"citizen-{uuid.uuid4().hex[:12]}"
    return Caller(url, token, subject=subject, role="citizen")


@pytest.fixture
def citizens(service_url: str, service_token: str) -> Iterator[Callable[[], Caller]]:
    """Makes as many citizens as a test needs, and closes their clients after it."""
    made: list[Caller] = []

    def make() -> Caller:
        made.append(new_citizen(service_url, service_token))
        return made[-1]

    yield make
    for caller in made:
        caller.client.close()


@pytest.fixture
def citizen(service_url: str, service_token: str) -> Iterator[Caller]:
    caller = new_citizen(service_url, service_token)
    yield caller
    caller.client.close()


@pytest.fixture
def other_citizen(service_url: str, service_token: str) -> Iterator[Caller]:
    caller = new_citizen(service_url, service_token)
    yield caller
    caller.client.close()


def program_body(**changes: Any) -> dict[str, Any]:
    """An open youth program of 인천 with one question of each type."""
    now = datetime.now(KST)
    body: dict[str, Any] = {
        "title": "청년 IT 취업 아카데미",
        "description": "웹 개발 실무 과정, 수료 후 취업 연계",
        "starts_at": (now - timedelta(days=1)).isoformat(),
        "ends_at": (now + timedelta(days=30)).isoformat(),
        "capacity": 30,
        "eligibility": {
            "age_min": 19,
            "age_max": 39,
            "residence": ["incheon"],
            "employment_status": ["unemployed", "student"],
        },
        "questions": [
            {"id": "motivation", "type": "text", "label": "지원 동기"},
            {
                "id": "track",
                "type": "choice",
                "label": "희망 과정",
                "options": ["웹", "데이터"],
            },
            {
                "id": "veteran",
                "type": "yes_no",
                "label": "보훈 대상",
                "required": False,
            },
            {
                "id": "household",
                "type": "number",
                "label": "가구원 수",
                "whole": True,
                "minimum": 1,
                "maximum": 20,
            },
        ],
    }
    return body | changes


def application_body(**applicant: Any) -> dict[str, Any]:
    this_year = datetime.now(KST).year
    return {
        "applicant": {
            "birth_year": this_year - 25,
            "residence": "bupyeong-gu",
            "employment_status": "unemployed",
        }
        | applicant,
        "answers": {
            "motivation": "웹 개발자로 일하고 싶습니다",
            "track": "웹",
            "household": 3,
        },
    }


def publish(operator: Caller, **changes: Any) -> str:
    response = operator.post("/programs", json=program_body(**changes))
    assert response.status_code == 201, response.text
    return str(response.json()["id"])
