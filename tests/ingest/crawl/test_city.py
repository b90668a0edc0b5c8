"""The city's notice board crawled end to end: the demo site over HTTP, robots.txt,
items and dead letters read back from Kafka, fingerprints in Redis."""

from collections import Counter
from typing import Any

import httpx

from tests.ingest.conftest import Crawl

REFUSED = {"missing_title", "bad_date"}
PAGE_SIZE = 10


def notices(crawl: Crawl) -> dict[str, dict[str, Any]]:
    return {f"city:{record['id']}": record for record in crawl.truth("city")}


def demo_stats(crawl: Crawl) -> dict[str, Any]:
    stats: dict[str, Any] = httpx.get(f"{crawl.site}/_demo/stats", timeout=30).json()
    return stats


def reset_demo_stats(crawl: Crawl) -> None:
    httpx.delete(f"{crawl.site}/_demo/stats", timeout=30).raise_for_status()


def revise(crawl: Crawl, count: int) -> set[str]:
    answer = httpx.post(
        f"{crawl.site}/_demo/revise", json={"source": "city", "count": count}
    )
    answer.raise_for_status()
    return {f"city:{record['id']}" for record in answer.json()["changed"]}


def published_versions(crawl: Crawl) -> Counter[str]:
    return Counter(str(key) for key, _ in crawl.items())


class TestFullCrawl:
    def test_every_clean_notice_is_published_once(self, crawl: Crawl) -> None:
        finished = crawl.run("city")

        assert finished.returncode == 0, finished.stderr[-3000:]
        served = notices(crawl)
        items = dict(crawl.items())
        assert max(published_versions(crawl).values()) == 1
        assert set(items) == {k for k, r in served.items() if r["flaw"] not in REFUSED}
        for key, event in items.items():
            truth = served[str(key)]
            assert event["source"] == "city"
            assert event["item"]["title"] == truth["title"]
            assert event["kind"] == ("job" if truth["kind"] == "job" else "program")
            assert event["item"]["place"].get("district_id") == truth["district_id"]

    def test_events_keep_the_pages_and_name_the_attachments(self, crawl: Crawl) -> None:
        assert crawl.run("city").returncode == 0

        served = notices(crawl)
        for key, event in crawl.items():
            assert event["correlation_id"]
            assert f"repSeq={served[str(key)]['id']}" in event["raw"]
            assert "board-view" in event["raw"]
            for name in served[str(key)]["attachments"]:
                assert name in event["raw"]
                assert name in event["item"]["description"]

    def test_flawed_notices_are_dead_lettered_and_the_crawl_goes_on(
        self, crawl: Crawl
    ) -> None:
        finished = crawl.run("city")

        assert finished.returncode == 0
        flawed = {k for k, r in notices(crawl).items() if r["flaw"] in REFUSED}
        letters = dict(crawl.dead_letters())
        assert set(letters) == flawed
        for key, letter in letters.items():
            assert letter["stage"] == "ingest"
            assert letter["reason"]
            assert f"repSeq={key.removeprefix('city:')}" in letter["raw"]
        reasons = " ".join(letter["reason"] for letter in letters.values())
        assert "title" in reasons
        assert "not a calendar date" in reasons

    def test_stats_count_what_was_scraped_published_and_refused(
        self, crawl: Crawl
    ) -> None:
        assert crawl.run("city").returncode == 0

        served = notices(crawl)
        run = crawl.last_runs()["city"]
        flawed = sum(1 for r in served.values() if r["flaw"] in REFUSED)
        assert run["outcome"] == "finished"
        assert run["mode"] == "full"
        assert run["counts"]["expected"] == len(served)
        assert run["counts"]["scraped"] == len(served)
        assert run["counts"]["published"] == len(served) - flawed
        assert run["counts"]["dead_lettered"] == flawed


class TestRobotsTxt:
    def test_robots_txt_is_read_and_downloads_are_never_requested(
        self, crawl: Crawl
    ) -> None:
        reset_demo_stats(crawl)

        assert crawl.run("city").returncode == 0

        stats = demo_stats(crawl)
        pages = -(-len(notices(crawl)) // PAGE_SIZE)
        assert stats["robots_txt"] >= 1
        assert stats["disallowed"] == 0
        assert stats["by_endpoint"]["city:list"] == pages
        assert stats["by_endpoint"]["city:detail"] == len(notices(crawl))

    def test_a_disallowed_path_is_not_requested(self, crawl: Crawl) -> None:
        reset_demo_stats(crawl)
        # robots.txt disallows the print view, /city/IC010205/print.
        finished = crawl.run(
            "city", ILTEO_INGEST_CITY_BASE_URL=f"{crawl.site}/city/IC010205/print"
        )

        assert finished.returncode == 0
        assert demo_stats(crawl)["disallowed"] == 0
        assert crawl.last_runs()["city"]["counts"]["list_failed"] == 1
        assert crawl.items() == []


class TestRerun:
    def test_a_second_run_publishes_nothing(self, crawl: Crawl) -> None:
        assert crawl.run("city").returncode == 0
        items, letters = len(crawl.items()), len(crawl.dead_letters())

        assert crawl.run("city").returncode == 0

        assert len(crawl.items()) == items
        assert len(crawl.dead_letters()) == letters
        counts = crawl.last_runs()["city"]["counts"]
        assert counts.get("published", 0) == 0
        assert counts.get("dead_lettered", 0) == 0
        assert counts["unchanged"] == len(notices(crawl))

    def test_a_revised_notice_is_published_again(self, crawl: Crawl) -> None:
        assert crawl.run("city").returncode == 0
        revised = revise(crawl, 3)

        assert crawl.run("city").returncode == 0

        versions = published_versions(crawl)
        assert {key for key, seen in versions.items() if seen == 2} == revised
        assert max(versions.values()) == 2
        newest = {key: event["item"] for key, event in crawl.items()}
        served = notices(crawl)
        for key in revised:
            assert newest[key]["title"] == served[key]["title"]
            assert newest[key]["title"].endswith("(기간연장)")


class TestChangedMode:
    def test_first_changed_run_reads_every_page(self, crawl: Crawl) -> None:
        finished = crawl.run("city", mode="changed")

        assert finished.returncode == 0
        clean = {k for k, r in notices(crawl).items() if r["flaw"] not in REFUSED}
        assert set(dict(crawl.items())) == clean

    def test_nothing_new_reads_one_page_and_no_notice(self, crawl: Crawl) -> None:
        assert crawl.run("city").returncode == 0
        reset_demo_stats(crawl)

        assert crawl.run("city", mode="changed").returncode == 0

        by_endpoint = demo_stats(crawl)["by_endpoint"]
        assert by_endpoint.get("city:list") == 1
        assert by_endpoint.get("city:detail", 0) == 0
        counts = crawl.last_runs()["city"]["counts"]
        assert counts.get("published", 0) == 0
        assert counts["unchanged"] == PAGE_SIZE

    def test_changed_rows_are_fetched_up_to_the_first_quiet_page(
        self, crawl: Crawl
    ) -> None:
        assert crawl.run("city").returncode == 0
        before = notices(crawl)
        revised = revise(crawl, 8)
        after = notices(crawl)
        reset_demo_stats(crawl)

        assert crawl.run("city", mode="changed").returncode == 0

        # A notice revised before keeps its listed title: only the full sync
        # sees such an edit, which is in the notice alone.
        listed = {k for k in revised if before[k]["title"] != after[k]["title"]}
        pages_with_changes = {before[k]["index"] // PAGE_SIZE + 1 for k in listed}
        read = 1
        while read in pages_with_changes:
            read += 1
        expected = {k for k in listed if before[k]["index"] // PAGE_SIZE < read}
        versions = published_versions(crawl)
        assert {key for key, seen in versions.items() if seen == 2} == expected
        by_endpoint = demo_stats(crawl)["by_endpoint"]
        last_page = -(-len(before) // PAGE_SIZE)
        assert by_endpoint["city:list"] == min(read, last_page)
        assert by_endpoint.get("city:detail", 0) == len(expected)
