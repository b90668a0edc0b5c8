"""The ingest API: platform postings into Kafka, and the crawl status."""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.conftest import running_service
from tests.ingest.conftest import Crawl

JOB = {
    "kind": "job",
    "title": "물류센터 입출고 관리 (주간)",
    "organization": "인천물류(주)",
    "place": {"address": "인천광역시 서구 오류동 1543"},
    "pay": {"period": "month", "min_krw": 2_600_000, "text": "월 260만원 이상"},
}
PROGRAM = {
    "kind": "program",
    "title": "청년 취업 역량 강화 프로그램",
    "audience": ["individual"],
    "application_period": {"starts_on": "2026-09-01", "ends_on": "2026-09-30"},
    "capacity": 30,
    "eligibility": {"age_min": 19, "age_max": 39, "residence": ["incheon"]},
    "takes_applications": True,
}


@pytest.fixture
def api(crawl: Crawl) -> Iterator[str]:
    env = {
        name.removeprefix("ILTEO_INGEST_"): value
        for name, value in crawl.env().items()
        if name.startswith("ILTEO_INGEST_")
    }
    with running_service("ilteo-ingest-api", prefix="ILTEO_INGEST_", env=env) as url:
        yield url


def _auth(crawl: Crawl) -> dict[str, str]:
    return {"Authorization": f"Bearer test-token-{crawl.tag}"}


def _post(api: str, body: dict[str, Any], headers: dict[str, str]) -> httpx.Response:
    return httpx.post(f"{api}/v1/items", json=body, headers=headers, timeout=60)


class TestPostItems:
    def test_job_posting_is_accepted_and_published(
        self, api: str, crawl: Crawl
    ) -> None:
        answer = _post(api, {"source_id": "job-1", "item": JOB}, _auth(crawl))

        assert answer.status_code == 202
        body = answer.json()
        assert body["key"] == "platform:job-1"
        ((key, event),) = crawl.items()
        assert key == "platform:job-1"
        assert event["event_id"] == body["event_id"]
        assert event["item"]["title"] == JOB["title"]

    def test_program_with_applications_is_accepted(
        self, api: str, crawl: Crawl
    ) -> None:
        answer = _post(api, {"source_id": "prog-1", "item": PROGRAM}, _auth(crawl))

        assert answer.status_code == 202
        ((_, event),) = crawl.items()
        assert event["item"]["takes_applications"] is True
        assert event["item"]["capacity"] == 30

    def test_invalid_item_is_answered_with_field_errors(
        self, api: str, crawl: Crawl
    ) -> None:
        bad = {**JOB, "pay": {"period": "month", "min_krw": 3, "max_krw": 1}}

        answer = _post(api, {"source_id": "job-2", "item": bad}, _auth(crawl))

        assert answer.status_code == 422
        assert answer.json()["detail"][0]["loc"][:2] == ["item", "job"]

    def test_program_taking_applications_needs_its_period(
        self, api: str, crawl: Crawl
    ) -> None:
        program = {**PROGRAM, "application_period": {}}

        answer = _post(api, {"source_id": "prog-2", "item": program}, _auth(crawl))

        assert answer.status_code == 422

    @pytest.mark.parametrize(
        "headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic x"}]
    )
    def test_without_the_service_token_is_refused(
        self, api: str, headers: dict[str, str]
    ) -> None:
        answer = _post(api, {"source_id": "job-3", "item": JOB}, headers)

        assert answer.status_code == 401


class TestStatus:
    def test_last_run_of_a_crawl_is_reported(self, api: str, crawl: Crawl) -> None:
        assert crawl.run("youth").returncode == 0

        status = httpx.get(f"{api}/v1/status", timeout=30).json()

        last = status["sources"]["youth"]["last_run"]
        assert last["outcome"] == "finished"
        assert last["counts"]["published"] > 0
        assert last["counts"]["dead_lettered"] > 0
        letters = last["dead_letters"]
        assert 0 < len(letters) <= min(20, last["counts"]["dead_lettered"])
        assert all(letter["reason"] and letter["failed_at"] for letter in letters)
        assert status["sources"]["work24"]["last_run"] is None

    def test_the_last_run_is_exposed_as_metrics(self, api: str, crawl: Crawl) -> None:
        assert crawl.run("youth").returncode == 0
        last = httpx.get(f"{api}/v1/status", timeout=30).json()["sources"]["youth"][
            "last_run"
        ]

        metrics = httpx.get(f"{api}/metrics", timeout=30).text

        assert "ilteo_ingest_run_summaries_available 1.0" in metrics
        for count in ("scraped", "published", "dead_lettered"):
            line = f'ilteo_ingest_last_run_items{{count="{count}",source="youth"}}'
            assert f"{line} {float(last['counts'][count])}" in metrics
        assert 'ilteo_ingest_last_run_succeeded{source="youth"} 1.0' in metrics
        assert 'ilteo_ingest_last_run_finished_timestamp_seconds{source="youth"}' in (
            metrics
        )

    def test_accepted_postings_are_counted(self, api: str, crawl: Crawl) -> None:
        assert _post(api, {"source_id": "job-9", "item": JOB}, _auth(crawl)).is_success

        metrics = httpx.get(f"{api}/metrics", timeout=30).text

        assert 'ilteo_ingest_postings_accepted_total{kind="job"} 1.0' in metrics
