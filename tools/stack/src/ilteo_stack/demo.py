"""Loading the demo data: crawl the demo source, then wait for the indexer."""

import os
import subprocess
import time
from collections.abc import Callable

import httpx
from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition

from ilteo_common.topics import ITEMS
from ilteo_stack.settings import StackSettings

DEMO_SOURCES = (
    "work24",
    "hrd",
    "youth",
    "bizinfo",
    "kstartup",
    "narailter",
    "jobalio",
    "city",
)
INDEXER_GROUP = "ilteo-indexer"
ITEMS_ALIAS = "ilteo-items"


class DemoError(RuntimeError):
    pass


def crawl_environment(settings: StackSettings) -> dict[str, str]:
    """The ingest settings that point every spider at the demo site."""
    env = {
        "ILTEO_INGEST_DEMO": "true",
        "ILTEO_INGEST_KAFKA_BOOTSTRAP_SERVERS": settings.kafka_bootstrap,
        "ILTEO_INGEST_REDIS_URL": settings.redis_url(2),
    }
    for source in DEMO_SOURCES:
        prefix = f"ILTEO_INGEST_{source.upper()}"
        env[f"{prefix}_BASE_URL"] = f"{settings.demo_url}/{source}"
        env[f"{prefix}_MAX_REQUESTS_PER_S"] = str(settings.demo_requests_per_s)
    return env


def crawl(settings: StackSettings) -> None:
    """Run every spider once against the demo site, showing its progress."""
    command = [
        str(settings.root / ".venv" / "bin" / "ilteo-ingest"),
        "crawl",
        "all",
        "--mode",
        "full",
    ]
    result = subprocess.run(
        command, env=os.environ | crawl_environment(settings), check=False
    )
    if result.returncode != 0:
        raise DemoError(
            f"the demo crawl ended with exit code {result.returncode}; "
            f"see its output above and {settings.logs_dir / 'ingest.log'}"
        )


def indexer_lag(settings: StackSettings) -> int:
    """Messages of the item topic the indexer has not committed yet."""
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap)
    try:
        offsets = admin.list_group_offsets(INDEXER_GROUP).get(INDEXER_GROUP, {})
    finally:
        admin.close()
    consumer = KafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap, enable_auto_commit=False
    )
    try:
        partitions = [TopicPartition(ITEMS.name, p) for p in range(ITEMS.partitions)]
        ends = consumer.end_offsets(partitions)
    finally:
        consumer.close()
    committed = {tp: meta.offset for tp, meta in offsets.items()}
    return sum(max(end - committed.get(tp, 0), 0) for tp, end in ends.items())


def vectors_waiting(settings: StackSettings) -> int:
    """Indexed items whose embedding the indexer has not written yet."""
    # Committed writes are counted only once a refresh has made them visible.
    httpx.post(f"{settings.opensearch_url}/{ITEMS_ALIAS}/_refresh", timeout=30)
    answer = httpx.post(
        f"{settings.opensearch_url}/{ITEMS_ALIAS}/_count",
        json={"query": {"term": {"embedded": False}}},
        timeout=10,
    )
    if answer.status_code == 404:
        return 0  # no index yet: nothing indexed, nothing waiting
    answer.raise_for_status()
    return int(answer.json()["count"])


def wait_for_indexer(
    settings: StackSettings,
    *,
    timeout_s: float,
    on_progress: Callable[[str], None] = lambda _status: None,
) -> None:
    """Until every item is searchable and has its embedding (for recommendations)."""
    deadline = time.monotonic() + timeout_s
    while True:
        lag = indexer_lag(settings)
        waiting = vectors_waiting(settings)
        if lag == 0 and waiting == 0:
            return
        status = (
            f"{lag} items to index"
            if lag
            else f"{waiting} items to embed (already searchable)"
        )
        on_progress(status)
        if time.monotonic() > deadline:
            raise DemoError(
                f"the indexer still has {status} after {timeout_s:.0f} s; "
                "it keeps going: see `ilteo logs indexer`"
            )
        time.sleep(2)
