"""Every spider end to end: the demo site over HTTP, items read back from Kafka."""

import subprocess
from collections import Counter
from datetime import date, datetime
from typing import Any

import httpx

from ilteo_stack.stack import Stack
from tests.conftest import ARTIFACTS, ROOT, running_service, wait_until
from tests.ingest.conftest import Crawl

API_SOURCES = ["work24", "hrd", "youth", "bizinfo", "kstartup", "narailter", "jobalio"]
# Flaws that make a record invalid; a bare "&" in XML is repaired instead.
REFUSED = {"missing_title", "bad_date", "pay_inverted"}


def _expected(crawl: Crawl, source: str) -> dict[str, dict[str, Any]]:
    """What the source serves: its truth, less the courses that already began."""
    today = date.today()
    records = {}
    for record in crawl.truth(source):
        starts = record.get("starts")
        if source == "hrd" and starts and date.fromisoformat(starts) < today:
            continue
        records[f"{source}:{record['id']}"] = record
    return records


class TestFullCrawl:
    def test_every_api_source_publishes_what_it_served(self, crawl: Crawl) -> None:
        finished = crawl.run(*API_SOURCES)
        assert finished.returncode == 0, (
            finished.stderr[-2000:] + finished.stdout[-2000:]
        )

        items = crawl.items()
        keys = Counter(key for key, _ in items)
        assert max(keys.values()) == 1
        for source in API_SOURCES:
            expected = _expected(crawl, source)
            clean = {k for k, r in expected.items() if r["flaw"] not in REFUSED}
            published = {k for k in keys if k and k.startswith(f"{source}:")}
            assert published == clean, source
        titles = {key: event["item"]["title"] for key, event in items}
        for source in API_SOURCES:
            for key, record in _expected(crawl, source).items():
                if record["flaw"] is None:
                    assert titles[key] == record["title"], key

    def test_malformed_records_land_in_the_dead_letters_with_reasons(
        self, crawl: Crawl
    ) -> None:
        assert crawl.run(*API_SOURCES).returncode == 0

        letters = {key: letter for key, letter in crawl.dead_letters()}
        for source in API_SOURCES:
            flawed = {
                k for k, r in _expected(crawl, source).items() if r["flaw"] in REFUSED
            }
            assert flawed
            assert flawed <= set(letters), source
        for letter in letters.values():
            assert letter["stage"] == "ingest"
            assert letter["reason"]
            assert letter["raw"]

    def test_events_keep_the_raw_payload_and_a_correlation_id(
        self, crawl: Crawl
    ) -> None:
        assert crawl.run("work24").returncode == 0

        for _key, event in crawl.items():
            assert event["schema_version"] == 1
            assert event["correlation_id"]
            assert "wantedAuthNo" in event["raw"]
            assert event["source"] == "work24"


class TestRerun:
    def test_nothing_changed_publishes_nothing(self, crawl: Crawl) -> None:
        assert crawl.run("work24", "youth").returncode == 0
        first = len(crawl.items())
        first_letters = len(crawl.dead_letters())

        again = crawl.run("work24", "youth")

        assert again.returncode == 0
        assert len(crawl.items()) == first
        assert len(crawl.dead_letters()) == first_letters
        runs = crawl.last_runs()
        assert runs["work24"]["counts"].get("published", 0) == 0
        assert runs["work24"]["counts"]["unchanged"] > 0

    def test_revised_item_is_published_again_with_a_newer_version(
        self, crawl: Crawl
    ) -> None:
        assert crawl.run("work24").returncode == 0
        before = {key: event["modified_at"] for key, event in crawl.items()}
        revised = httpx.post(
            f"{crawl.site}/_demo/revise", json={"source": "work24", "count": 3}
        ).json()["changed"]

        assert crawl.run("work24").returncode == 0

        versions: dict[str, list[str]] = {}
        for key, event in crawl.items():
            versions.setdefault(str(key), []).append(event["modified_at"])
        changed = {f"work24:{r['id']}" for r in revised}
        assert {key for key, seen in versions.items() if len(seen) == 2} == changed
        assert all(len(seen) <= 2 for seen in versions.values())
        for key in changed:
            newest = max(datetime.fromisoformat(m) for m in versions[key])
            assert newest > datetime.fromisoformat(before[key])


class TestKeys:
    def test_missing_key_stops_with_a_clear_message(self, crawl: Crawl) -> None:
        finished = crawl.run("work24", ILTEO_INGEST_DEMO="false")

        assert finished.returncode == 2
        assert "ILTEO_INGEST_WORK24_API_KEY" in finished.stderr + finished.stdout

    def test_refused_key_fails_the_crawl_and_is_never_logged(
        self, stack: Stack
    ) -> None:
        env = {"SEED": "3", "JOBS": "40", "API_KEY": "the-right-key"}
        with running_service("ilteo-demo-source", prefix="ILTEO_DEMO_", env=env) as url:
            job = Crawl(stack, url)
            try:
                finished = job.run(
                    "jobalio",
                    ILTEO_INGEST_DEMO="false",
                    ILTEO_INGEST_JOBALIO_API_KEY="wrong-key-4711",
                )
            finally:
                job.cleanup()

        output = finished.stdout + finished.stderr
        assert finished.returncode == 1
        assert "key_refused" in output
        assert "wrong-key-4711" not in output


class TestBrokerOutage:
    def test_broker_restart_loses_nothing_and_duplicates_nothing(
        self, crawl: Crawl
    ) -> None:
        crawl.requests_per_s = 8.0
        log = ARTIFACTS / f"crawl-outage-{crawl.tag}.log"
        ARTIFACTS.mkdir(exist_ok=True)
        process = crawl.start("work24", log=log)
        try:
            wait_until(
                lambda: len(crawl.items()) > 0,
                timeout_s=120,
                message="first items on the topic",
            )
            _stack_command("stop", "kafka")
        finally:
            _stack_command("start", "kafka")
        code = process.wait(timeout=600)

        assert code == 0, log.read_text()[-3000:]
        keys = Counter(key for key, _ in crawl.items())
        expected = {
            k for k, r in _expected(crawl, "work24").items() if r["flaw"] not in REFUSED
        }
        assert set(keys) == expected
        assert max(keys.values()) == 1


def _stack_command(*args: str) -> None:
    """``stack.stop``/``stack.start`` through the ``ilteo`` command: its readiness
    probe then runs in its own process, where kafka-python's unclosed sockets of
    failed connection attempts (while the broker boots) do no harm."""
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "ilteo"), *args], check=True, timeout=300
    )
