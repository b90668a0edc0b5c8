"""Employers' own postings through the gateway and a real ingest service (Kafka).

Object-level authorisation: an employer sees, edits and closes only their own
postings; another employer's posting is "not found", never "forbidden", so that
its existence does not leak.
"""

from collections.abc import Iterator
from datetime import date, timedelta

import httpx
import pytest

from tests.gateway.conftest import Browser, signed_in


@pytest.fixture
def employer_a(employer_gateway: str) -> Iterator[httpx.Client]:
    browser = signed_in(employer_gateway, role="employer")
    yield browser.http
    browser.close()


@pytest.fixture
def employer_b(employer_gateway: str) -> Iterator[httpx.Client]:
    browser = signed_in(employer_gateway, role="employer")
    yield browser.http
    browser.close()


def posting(**changes: object) -> dict[str, object]:
    return {
        "title": "물류센터 상하차 직원 모집",
        "description": "주5일, 4대보험. 인천 서해구 물류센터.",
        "district_id": "seohae-gu",
        "employment_type": "permanent",
        "pay": {"period": "month", "min_krw": 2_600_000, "max_krw": 3_000_000},
        "closes_on": (date.today() + timedelta(days=14)).isoformat(),
        **changes,
    }


def create(client: httpx.Client, **changes: object) -> dict[str, object]:
    answer = client.post("/api/v1/employer/postings", json=posting(**changes))
    assert answer.status_code == 201, answer.text
    created: dict[str, object] = answer.json()
    return created


class TestOwnPostings:
    def test_create_list_edit_close(self, employer_a: httpx.Client) -> None:
        created = create(employer_a)
        path = f"/api/v1/employer/postings/{created['id']}"

        listed = employer_a.get("/api/v1/employer/postings").json()
        edited = employer_a.patch(path, json={"title": "물류센터 주간 상하차 직원"})
        closed = employer_a.post(f"{path}/close")
        after_close = employer_a.patch(path, json={"title": "다시"})

        assert created["key"] == f"platform:{created['id']}"
        assert created["id"] in [p["id"] for p in listed]
        assert edited.status_code == 200
        assert edited.json()["fields"]["title"] == "물류센터 주간 상하차 직원"
        assert closed.status_code == 200
        assert closed.json()["status"] == "closed"
        assert after_close.status_code == 409

    def test_unknown_district_is_a_clear_400(self, employer_a: httpx.Client) -> None:
        answer = employer_a.post(
            "/api/v1/employer/postings", json=posting(district_id="seo-gu")
        )

        assert answer.status_code == 400
        assert answer.json()["field"] == "district_id"
        assert "seohae-gu" in answer.json()["detail"]

    def test_past_deadline_is_a_clear_400(self, employer_a: httpx.Client) -> None:
        answer = employer_a.post(
            "/api/v1/employer/postings",
            json=posting(closes_on=(date.today() - timedelta(days=3)).isoformat()),
        )

        assert answer.status_code == 400
        assert answer.json()["field"] == "closes_on"

    def test_pay_without_period_is_a_clear_400(self, employer_a: httpx.Client) -> None:
        answer = employer_a.post(
            "/api/v1/employer/postings", json=posting(pay={"min_krw": 3_000_000})
        )

        assert answer.status_code == 400


class TestOthersPostings:
    def test_another_employer_cannot_see_edit_or_close(
        self, employer_a: httpx.Client, employer_b: httpx.Client
    ) -> None:
        created = create(employer_a)
        path = f"/api/v1/employer/postings/{created['id']}"

        seen = employer_b.get(path)
        edited = employer_b.patch(path, json={"title": "가로챈 공고"})
        closed = employer_b.post(f"{path}/close")
        listed = employer_b.get("/api/v1/employer/postings").json()
        still = employer_a.get(path).json()

        assert [seen.status_code, edited.status_code, closed.status_code] == [
            404,
            404,
            404,
        ]
        assert created["id"] not in [p["id"] for p in listed]
        assert still["fields"]["title"] == posting()["title"]
        assert still["status"] == "open"

    def test_citizens_cannot_post(self, employer_gateway: str) -> None:
        citizen = signed_in(employer_gateway, role="citizen")
        answer = citizen.http.post("/api/v1/employer/postings", json=posting())
        citizen.close()

        assert answer.status_code == 403

    def test_anonymous_cannot_post(self, employer_gateway: str) -> None:
        with Browser(employer_gateway) as anonymous:
            answer = anonymous.http.post("/api/v1/employer/postings", json=posting())

        assert answer.status_code == 401

    def test_without_csrf_token_is_refused(self, employer_a: httpx.Client) -> None:
        del employer_a.headers["X-CSRF-Token"]
        answer = employer_a.post("/api/v1/employer/postings", json=posting())

        assert answer.status_code == 403
