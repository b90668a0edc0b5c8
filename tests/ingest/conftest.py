"""Fixtures of the ingest tests: the demo site, crawls as processes, topics."""

import gc
import json
import os
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from kafka import KafkaAdminClient, KafkaConsumer

from ilteo_ingest.sources import SOURCES
from ilteo_stack.stack import Stack
from tests.conftest import ROOT, running_service

DEMO_JOBS = 80


@pytest.fixture(scope="module")
def demo_site() -> Iterator[str]:
    """The demo source as its own process, small and deterministic."""
    env = {"SEED": "21", "JOBS": str(DEMO_JOBS)}
    with running_service("ilteo-demo-source", prefix="ILTEO_DEMO_", env=env) as url:
        yield url


@dataclass
class Crawl:
    """One test's crawl settings: its own topics and Redis keys, cleaned up after."""

    stack: Stack
    site: str
    tag: str = field(default_factory=lambda: uuid.uuid4().hex[:10])
    requests_per_s: float = 200.0

    @property
    def items_topic(self) -> str:
        return f"test.ingest.items.{self.tag}"

    @property
    def dead_letter_topic(self) -> str:
        return f"test.ingest.dead.{self.tag}"

    @property
    def redis_prefix(self) -> str:
        return f"test:ingest:{self.tag}"

    def env(self, **extra: str) -> dict[str, str]:
        env = os.environ | {
            "ILTEO_INGEST_DEMO": "true",
            "ILTEO_INGEST_ENVIRONMENT": "test",
            "ILTEO_INGEST_SERVICE_TOKEN": "test-token-" + self.tag,
            "ILTEO_INGEST_KAFKA_BOOTSTRAP_SERVERS": self.stack.settings.kafka_bootstrap,
            "ILTEO_INGEST_REDIS_URL": self.stack.settings.redis_url(2),
            "ILTEO_INGEST_ITEMS_TOPIC": self.items_topic,
            "ILTEO_INGEST_DEAD_LETTER_TOPIC": self.dead_letter_topic,
            "ILTEO_INGEST_REDIS_KEY_PREFIX": self.redis_prefix,
            "ILTEO_INGEST_DELIVERY_TIMEOUT_S": "240",
        }
        for source in SOURCES:
            upper = source.upper()
            env[f"ILTEO_INGEST_{upper}_BASE_URL"] = f"{self.site}/{source}"
            env[f"ILTEO_INGEST_{upper}_MAX_REQUESTS_PER_S"] = str(self.requests_per_s)
        return env | extra

    def command(self, *sources: str, mode: str = "full") -> list[str]:
        script = str(ROOT / ".venv" / "bin" / "ilteo-ingest")
        return [script, "crawl", *sources, "--mode", mode, "--no-progress"]

    def run(
        self, *sources: str, mode: str = "full", **extra: str
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(*sources, mode=mode),
            env=self.env(**extra),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    def start(self, *sources: str, log: Path) -> subprocess.Popen[bytes]:
        with log.open("wb") as out:
            return subprocess.Popen(
                self.command(*sources), env=self.env(), stdout=out, stderr=out
            )

    def messages(self, topic: str) -> list[tuple[str | None, dict[str, Any]]]:
        consumer = KafkaConsumer(
            topic,
            bootstrap_servers=self.stack.settings.kafka_bootstrap,
            auto_offset_reset="earliest",
            enable_auto_commit=False,
            consumer_timeout_ms=3_000,
        )
        try:
            return [
                (m.key.decode() if m.key else None, json.loads(m.value))
                for m in consumer
            ]
        finally:
            consumer.close()

    def items(self) -> list[tuple[str | None, dict[str, Any]]]:
        return self.messages(self.items_topic)

    def dead_letters(self) -> list[tuple[str | None, dict[str, Any]]]:
        return self.messages(self.dead_letter_topic)

    def last_runs(self) -> dict[str, Any]:
        client = redis.Redis.from_url(self.stack.settings.redis_url(2))
        try:
            stored = client.hgetall(f"{self.redis_prefix}:runs")
            return {k.decode(): json.loads(v) for k, v in stored.items()}
        finally:
            client.close()

    def truth(self, source: str) -> list[dict[str, Any]]:
        answer = httpx.get(f"{self.site}/_demo/truth/{source}", timeout=30)
        answer.raise_for_status()
        records: list[dict[str, Any]] = answer.json()
        return records

    def cleanup(self) -> None:
        admin = KafkaAdminClient(bootstrap_servers=self.stack.settings.kafka_bootstrap)
        try:
            existing = set(admin.list_topics())
            mine = [
                t for t in (self.items_topic, self.dead_letter_topic) if t in existing
            ]
            if mine:
                admin.delete_topics(mine)
        finally:
            admin.close()
        client = redis.Redis.from_url(self.stack.settings.redis_url(2))
        try:
            keys = list(client.scan_iter(f"{self.redis_prefix}:*"))
            if keys:
                client.delete(*keys)
        finally:
            client.close()


@pytest.fixture
def crawl(stack: Stack, demo_site: str) -> Iterator[Crawl]:
    job = Crawl(stack, demo_site)
    try:
        yield job
    finally:
        job.cleanup()


@pytest.fixture(autouse=True)
def _collect_garbage() -> Iterator[None]:
    """Collects after each test, so a leaked socket is reported where it leaked."""
    yield
    gc.collect()
