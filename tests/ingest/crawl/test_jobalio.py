"""잡알리오 end to end: the detail of a posting is fetched once per version."""

from collections import Counter
from typing import Any

import httpx

from tests.ingest.conftest import Crawl

REFUSED = {"missing_title", "bad_date"}


def demo_requests(crawl: Crawl) -> dict[str, int]:
    by_endpoint: dict[str, int] = httpx.get(
        f"{crawl.site}/_demo/stats", timeout=30
    ).json()["by_endpoint"]
    return by_endpoint


def reset_demo_stats(crawl: Crawl) -> None:
    httpx.delete(f"{crawl.site}/_demo/stats", timeout=30).raise_for_status()


def postings(crawl: Crawl) -> dict[str, dict[str, Any]]:
    return {f"jobalio:{record['id']}": record for record in crawl.truth("jobalio")}


class TestDetails:
    def test_every_posting_names_the_attachments_of_its_detail(
        self, crawl: Crawl
    ) -> None:
        reset_demo_stats(crawl)

        assert crawl.run("jobalio").returncode == 0

        served = postings(crawl)
        items = dict(crawl.items())
        clean = {k for k, r in served.items() if r["flaw"] not in REFUSED}
        assert set(items) == clean
        for event in items.values():
            assert "첨부파일: 채용공고문.hwp" in event["item"]["description"]
            assert '"detail"' in event["raw"]
            assert "atchFileNm" in event["raw"]
        assert demo_requests(crawl)["jobalio:detail"] == len(served)

    def test_an_unchanged_posting_is_not_fetched_again(self, crawl: Crawl) -> None:
        assert crawl.run("jobalio").returncode == 0
        reset_demo_stats(crawl)

        assert crawl.run("jobalio").returncode == 0

        assert demo_requests(crawl).get("jobalio:detail", 0) == 0
        counts = crawl.last_runs()["jobalio"]["counts"]
        assert counts.get("published", 0) == 0
        assert counts.get("dead_lettered", 0) == 0
        assert counts["unchanged"] == len(postings(crawl))

    def test_a_revised_posting_is_fetched_and_published_again(
        self, crawl: Crawl
    ) -> None:
        assert crawl.run("jobalio").returncode == 0
        answer = httpx.post(
            f"{crawl.site}/_demo/revise", json={"source": "jobalio", "count": 3}
        )
        revised = {f"jobalio:{r['id']}" for r in answer.json()["changed"]}
        reset_demo_stats(crawl)

        assert crawl.run("jobalio").returncode == 0

        versions = Counter(str(key) for key, _ in crawl.items())
        assert {key for key, seen in versions.items() if seen == 2} == revised
        assert demo_requests(crawl)["jobalio:detail"] == len(revised)
