"""Publishing's cost in a crawl, side by side with kafka-python producing raw.

1. The Work24 spider over the demo site with publishing switched off: the crawl.
2. The same crawl with publishing on (normalise, fingerprint, Kafka, Redis).
3. kafka-python producing the same messages raw (``acks=all``, idempotent).

Also reads the demo site's request log to check that the crawl never went over
the per-source request rate. Prints ratios and writes JSON to ``bench/results/``.

    .venv/bin/python bench/ingest_publish.py --jobs 5000 --rate 100
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import redis
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer

from ilteo_common.kafka_admin import ensure_topics
from ilteo_common.topics import ITEMS

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
BIN = ROOT / ".venv" / "bin"
KAFKA = "127.0.0.1:9092"
REDIS = "redis://127.0.0.1:6379/2"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=5000, help="Work24 postings")
    parser.add_argument("--rate", type=float, default=100.0, help="requests per s")
    args = parser.parse_args()
    tag = uuid.uuid4().hex[:8]
    site, demo = _start_demo(args.jobs)
    try:
        result = _measure(site, tag, jobs=args.jobs, rate=args.rate)
    finally:
        demo.terminate()
        demo.wait(timeout=30)
        _cleanup(tag)
    _report(result)


def _measure(site: str, tag: str, *, jobs: int, rate: float) -> dict[str, Any]:
    plain_s, plain_log = _crawl(site, tag, rate=rate, publish=False)
    published_s, published_log = _crawl(site, tag, rate=rate, publish=True)
    messages = _read(f"bench.ingest.items.{tag}")
    raw_s = _produce_raw(messages, f"bench.ingest.raw.{tag}")
    return {
        "jobs": jobs,
        "rate_limit_per_s": rate,
        "items": len(messages),
        "crawl_without_publishing_s": round(plain_s, 2),
        "crawl_with_publishing_s": round(published_s, 2),
        "raw_produce_s": round(raw_s, 3),
        "crawl_items_per_s": round(len(messages) / published_s, 1),
        "raw_items_per_s": round(len(messages) / raw_s, 1),
        "publishing_overhead_ratio": round(published_s / plain_s, 3),
        "max_observed_rate_per_s": max(plain_log["rate"], published_log["rate"]),
        "requests": [plain_log["requests"], published_log["requests"]],
    }


def _start_demo(jobs: int) -> tuple[str, subprocess.Popen[bytes]]:
    port = _free_port()
    env = os.environ | {"ILTEO_DEMO_PORT": str(port), "ILTEO_DEMO_JOBS": str(jobs)}
    process = subprocess.Popen(
        [str(BIN / "ilteo-demo-source")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    site = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{site}/healthz", timeout=1).status_code == 200:
                return site, process
        except httpx.TransportError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("the demo site did not start")


def _crawl(site: str, tag: str, *, rate: float, publish: bool) -> tuple[float, Any]:
    httpx.delete(f"{site}/_demo/stats")
    # Each run starts without fingerprints, so both fetch every detail.
    _forget(tag)
    env = os.environ | {
        "ILTEO_INGEST_DEMO": "true",
        "ILTEO_INGEST_PUBLISH_ENABLED": str(publish).lower(),
        "ILTEO_INGEST_WORK24_BASE_URL": f"{site}/work24",
        "ILTEO_INGEST_WORK24_MAX_REQUESTS_PER_S": str(rate),
        "ILTEO_INGEST_ITEMS_TOPIC": f"bench.ingest.items.{tag}",
        "ILTEO_INGEST_DEAD_LETTER_TOPIC": f"bench.ingest.dead.{tag}",
        "ILTEO_INGEST_REDIS_KEY_PREFIX": f"bench:ingest:{tag}",
        "ILTEO_INGEST_LOG_LEVEL": "WARNING",
    }
    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "ilteo-ingest"), "crawl", "work24", "--no-progress"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    elapsed = time.perf_counter() - started
    stats = httpx.get(f"{site}/_demo/stats").json()
    count = stats["requests"]["work24"]
    span = stats["last_s"]["work24"] - stats["first_s"]["work24"]
    # n requests spaced at least 1/rate apart span at least (n - 1)/rate.
    observed = (count - 1) / span if span > 0 else 0.0
    return elapsed, {"requests": count, "rate": round(observed, 2)}


def _read(topic: str) -> list[tuple[bytes, bytes]]:
    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=KAFKA,
        auto_offset_reset="earliest",
        consumer_timeout_ms=5_000,
    )
    try:
        return [(message.key, message.value) for message in consumer]
    finally:
        consumer.close()


def _produce_raw(messages: list[tuple[bytes, bytes]], topic: str) -> float:
    # The same partitions and settings as the crawl's topic.
    ensure_topics(KAFKA, specs=(replace(ITEMS, name=topic),))
    producer = KafkaProducer(
        bootstrap_servers=KAFKA, acks="all", enable_idempotence=True, linger_ms=20
    )
    try:
        producer.send(topic, key=b"warm-up", value=b"{}").get(timeout=60)
        started = time.perf_counter()
        for key, value in messages:
            producer.send(topic, key=key, value=value)
        producer.flush()
        return time.perf_counter() - started
    finally:
        producer.close()


def _forget(tag: str) -> None:
    client = redis.Redis.from_url(REDIS)
    try:
        keys = list(client.scan_iter(f"bench:ingest:{tag}:*"))
        if keys:
            client.delete(*keys)
    finally:
        client.close()


def _cleanup(tag: str) -> None:
    _forget(tag)
    admin = KafkaAdminClient(bootstrap_servers=KAFKA)
    try:
        mine = [t for t in admin.list_topics() if tag in t]
        if mine:
            admin.delete_topics(mine)
    finally:
        admin.close()


def _report(result: dict[str, Any]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "ingest_publish.json").write_text(json.dumps(result, indent=2))
    overhead = (result["publishing_overhead_ratio"] - 1) * 100
    within_rate = result["max_observed_rate_per_s"] <= result["rate_limit_per_s"]
    lines = [
        f"items: {result['items']}",
        f"crawl with publishing / without: {result['publishing_overhead_ratio']}"
        f" ({overhead:+.1f}%, target at most +10%)",
        f"crawl {result['crawl_items_per_s']} items/s vs raw kafka-python "
        f"{result['raw_items_per_s']} items/s",
        f"highest request rate {result['max_observed_rate_per_s']}/s, limit "
        f"{result['rate_limit_per_s']}/s: {'kept' if within_rate else 'EXCEEDED'}",
    ]
    sys.stdout.write("\n".join(lines) + "\n")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


if __name__ == "__main__":
    main()
