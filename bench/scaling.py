"""Indexers scale by partitions: the same postings through one indexer, then two.

Each run publishes the postings to a fresh topic of six partitions, starts the
indexers in one consumer group, and times from their readiness until every
posting is committed (searchable by its words) and has its vector. Both runs use
the real model with one torch thread per process; the ratio of the two rates is
what a second process adds on this machine.

    .venv/bin/python bench/scaling.py --postings 3000
"""

import argparse
import json
import sys
import time
import uuid
from contextlib import ExitStack
from datetime import UTC, datetime
from typing import Any

from indexer import (  # bench/indexer.py
    RESULTS,
    ROOT,
    Indexer,
    cleanup,
    postings,
    publish,
    topics,
    waiting_for_vectors,
)
from kafka import KafkaProducer
from opensearchpy import OpenSearch

from ilteo_search.indexer.settings import IndexerSettings


def run(
    settings: IndexerSettings,
    *,
    processes: int,
    topic: str,
    alias: str,
    count: int,
) -> dict[str, Any]:
    events = postings(count, seed=11)
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers)
    publish(producer, topic, events)
    producer.close()
    client = OpenSearch(hosts=[settings.opensearch_url], timeout=120)
    group = f"bench-scaling-{uuid.uuid4().hex[:8]}"
    with ExitStack() as stack:
        indexers = [
            stack.enter_context(
                Indexer(settings, topic=topic, alias=alias, group=group)
            )
            for _ in range(processes)
        ]
        started = time.perf_counter()
        while not indexers[0].committed_all(settings.kafka_bootstrap_servers):
            time.sleep(0.5)
        searchable_s = time.perf_counter() - started
        while waiting_for_vectors(client, alias) > 0:
            time.sleep(0.5)
        total_s = time.perf_counter() - started
        shares = [
            indexer.metric("ilteo_indexer_assigned_partitions") for indexer in indexers
        ]
        vectors = [
            indexer.metric("ilteo_indexer_vectors_written_total")
            for indexer in indexers
        ]
    client.close()
    return {
        "processes": processes,
        "searchable_s": searchable_s,
        "total_s": total_s,
        "docs_per_s": count / total_s,
        "assigned_partitions": shares,
        "vectors_written": vectors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=3000)
    args = parser.parse_args()

    settings = IndexerSettings(environment="test", log_level="WARNING")
    client = OpenSearch(hosts=[settings.opensearch_url], timeout=120)
    tag = uuid.uuid4().hex[:8]
    one_topic, two_topic = topics(settings, tag)
    one = run(
        settings,
        processes=1,
        topic=one_topic,
        alias=f"bench-indexer-{tag}-one",
        count=args.postings,
    )
    two = run(
        settings,
        processes=2,
        topic=two_topic,
        alias=f"bench-indexer-{tag}-two",
        count=args.postings,
    )
    cleanup(settings, client, tag=tag, topic_names=[one_topic, two_topic])
    results = {
        "postings": args.postings,
        "one_indexer": one,
        "two_indexers": two,
        "throughput_ratio": two["docs_per_s"] / one["docs_per_s"],
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"scaling-{stamp}.json"
    path.write_text(json.dumps(results, indent=2) + "\n")
    sys.stdout.write(json.dumps(results, indent=2) + "\n")
    sys.stdout.write(f"written to {path.relative_to(ROOT)}\n")


if __name__ == "__main__":
    main()
