"""The indexer's throughput and freshness, side by side with the raw work it does.

1. End to end: postings published to a fresh topic, then ``ilteo-indexer`` started;
   the rate from its readiness until the last document has its vector, against a
   bare ``encode`` of the same texts plus raw ``bulk`` requests of the same
   documents (also reported: the rate until the last message is committed, when
   every posting is searchable by its words).
2. Embedding: the indexer's own embedding time (its metrics), against a bare
   ``encode`` of batches of the same size.
3. Freshness: postings published at a steady rate while the indexer runs; for each,
   the time from its publication to the first search that finds it, and to the
   first search that shows it with its vector (p50, p95).

Both sides use the real model with one torch thread. Prints the ratios and writes
JSON to ``bench/results/``.

    .venv/bin/python bench/indexer.py --postings 20000 --rate 50 --steady-s 60
"""

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.structs import TopicPartition
from opensearchpy import OpenSearch

from ilteo_common.events import ItemEvent, encode
from ilteo_common.items import (
    Career,
    EmploymentType,
    JobPosting,
    Pay,
    PayPeriod,
    Place,
)
from ilteo_places import DISTRICTS
from ilteo_search.embedding import SentenceTransformerEmbedder
from ilteo_search.index.mapping import index_body
from ilteo_search.indexer.document import external_version, to_document
from ilteo_search.indexer.enrich import Clock, current_district, embedding_text
from ilteo_search.indexer.settings import IndexerSettings

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
# The indexers' logs: git-ignored, beside the tests' logs.
LOGS = ROOT / "test-artifacts"
BATCH = 256
VECTOR_WAIT_S = 600
"""After the steady publication, how long to wait for the last vectors."""

OCCUPATIONS = (
    ("용접공", "CO2 용접 및 제관 작업, 도면 해독 가능자 우대"),
    ("요양보호사", "주간보호센터 어르신 돌봄, 목욕 및 식사 보조"),
    ("조리사", "단체급식 조리, 한식조리기능사 자격증 소지자 우대"),
    ("경리", "회계 전표 입력, 더존 프로그램 사용 가능자"),
    ("지게차 운전원", "물류센터 상하차 및 지게차 운전, 면허 필수"),
    ("사무보조", "문서 정리와 전화 응대, 엑셀 가능자"),
    ("택배 상하차", "야간 분류 작업, 주 5일 근무"),
    ("CNC 선반공", "CNC 선반 가공, 경력 2년 이상"),
    ("간호조무사", "외래 진료 보조, 자격증 필수"),
    ("매장 판매원", "의류 매장 판매 및 재고 관리"),
)
COMPANIES = (
    "(주)남동정밀",
    "송도물류 주식회사",
    "부평요양원",
    "인천푸드(주)",
    "서해산업",
)


def posting_event(number: int, rng: random.Random, *, modified: datetime) -> ItemEvent:
    occupation, duties = rng.choice(OCCUPATIONS)
    district = rng.choice(DISTRICTS)
    monthly = rng.randrange(2_100_000, 4_200_000, 10_000)
    item = JobPosting(
        title=f"{occupation} 모집 ({district.name_ko})",
        description=f"{duties}. 4대보험, 퇴직금, 중식 제공. 공고번호 {number}.",
        organization=rng.choice(COMPANIES),
        occupation=occupation,
        employment_type=rng.choice(list(EmploymentType)),
        career=rng.choice(list(Career)),
        pay=Pay(period=PayPeriod.MONTH, min_krw=monthly, max_krw=monthly + 300_000),
        place=Place(address=f"인천광역시 {district.name_ko} 어딘가로 {number % 300}"),
        closes_on=date(2027, 1, 1) + timedelta(days=number % 90),
    )
    return ItemEvent(
        kind="job",
        source="bench",
        source_id=f"B{number:08d}",
        modified_at=modified,
        item=item,
        raw="{}",
    )


def postings(count: int, *, seed: int) -> list[ItemEvent]:
    rng = random.Random(seed)
    modified = datetime.now(UTC).replace(microsecond=0)
    return [posting_event(n, rng, modified=modified) for n in range(count)]


def texts_of(events: list[ItemEvent]) -> list[str]:
    return [
        embedding_text(e.item, district=current_district(e.item.place)) for e in events
    ]


def raw_baseline(
    events: list[ItemEvent], *, model: SentenceTransformerEmbedder, client: OpenSearch
) -> dict[str, float]:
    """A bare ``encode`` of every text and raw bulk requests of the documents."""
    texts = texts_of(events)
    started = time.perf_counter()
    vectors: list[list[float]] = []
    for start in range(0, len(texts), BATCH):
        vectors += model.embed_documents(texts[start : start + BATCH])
    embed_s = time.perf_counter() - started

    index = f"bench-indexer-raw-{uuid.uuid4().hex[:8]}"
    client.indices.create(index=index, body=index_body())
    clock = Clock(now=datetime.now(UTC), retire_after_days=60)
    documents = [
        to_document(
            e,
            district=current_district(e.item.place),
            clock=clock,
            passage=t,
            partition=0,
            embedding=v,
        )
        for e, t, v in zip(events, texts, vectors, strict=True)
    ]
    started = time.perf_counter()
    for start in range(0, len(events), BATCH):
        body: list[dict[str, Any]] = []
        for event, document in zip(
            events[start : start + BATCH], documents[start : start + BATCH], strict=True
        ):
            action = {
                "_id": event.key,
                "version": external_version(event.modified_at),
                "version_type": "external",
            }
            body += [{"index": action}, document]
        client.bulk(body=body, index=index)
    bulk_s = time.perf_counter() - started
    client.indices.delete(index=index)
    return {"embed_s": embed_s, "bulk_s": bulk_s, "total_s": embed_s + bulk_s}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Indexer:
    def __init__(
        self,
        settings: IndexerSettings,
        *,
        topic: str,
        alias: str,
        group: str | None = None,
    ) -> None:
        self.port = free_port()
        self.group = group or f"bench-indexer-{uuid.uuid4().hex[:8]}"
        self.topic = topic
        self.env = os.environ | {
            "ILTEO_SEARCH_INDEXER_PORT": str(self.port),
            "ILTEO_SEARCH_OPENSEARCH_URL": settings.opensearch_url,
            "ILTEO_SEARCH_KAFKA_BOOTSTRAP_SERVERS": settings.kafka_bootstrap_servers,
            "ILTEO_SEARCH_ITEMS_TOPIC": topic,
            "ILTEO_SEARCH_DEAD_LETTER_TOPIC": f"{topic}.dead",
            "ILTEO_SEARCH_CONSUMER_GROUP": self.group,
            "ILTEO_SEARCH_INDEX_ALIAS": alias,
            "ILTEO_SEARCH_BATCH_MAX_RECORDS": str(BATCH),
            "ILTEO_SEARCH_LOG_LEVEL": "WARNING",
        }
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> "Indexer":
        LOGS.mkdir(exist_ok=True)
        with (LOGS / f"bench-indexer-{self.port}.log").open("ab") as log:
            self.process = subprocess.Popen(
                [str(ROOT / ".venv" / "bin" / "ilteo-indexer")],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url("/healthz"), timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.5)
        raise RuntimeError("the indexer did not start")

    def __exit__(self, *_exc: object) -> None:
        assert self.process is not None
        self.process.terminate()
        self.process.wait(timeout=60)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def metric(self, name: str) -> float:
        for line in httpx.get(self.url("/metrics"), timeout=5).text.splitlines():
            if line.startswith(name + " "):
                return float(line.split()[1])
        raise KeyError(name)

    def committed_all(self, bootstrap: str) -> bool:
        admin = KafkaAdminClient(bootstrap_servers=bootstrap)
        consumer = KafkaConsumer(bootstrap_servers=bootstrap)
        try:
            partitions = [
                TopicPartition(self.topic, p)
                for p in consumer.partitions_for_topic(self.topic)
            ]
            ends = consumer.end_offsets(partitions)
            committed = admin.list_group_offsets(self.group).get(self.group, {})
            return all(
                end == 0 or (tp in committed and committed[tp].offset == end)
                for tp, end in ends.items()
            )
        finally:
            admin.close()
            consumer.close()


def publish(producer: KafkaProducer, topic: str, events: list[ItemEvent]) -> None:
    for event in events:
        producer.send(topic, key=event.key.encode(), value=encode(event))
    producer.flush()


def end_to_end(
    events: list[ItemEvent], settings: IndexerSettings, *, topic: str, alias: str
) -> dict[str, float]:
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers)
    publish(producer, topic, events)
    producer.close()
    client = OpenSearch(hosts=[settings.opensearch_url], timeout=120)
    with Indexer(settings, topic=topic, alias=alias) as indexer:
        started = time.perf_counter()
        while not indexer.committed_all(settings.kafka_bootstrap_servers):
            time.sleep(0.5)
        searchable_s = time.perf_counter() - started
        while waiting_for_vectors(client, alias) > 0:
            time.sleep(0.5)
        total_s = time.perf_counter() - started
        embed_s = indexer.metric("ilteo_indexer_embedding_seconds_sum")
        embedded = indexer.metric("ilteo_indexer_texts_embedded_total")
    client.close()
    return {
        "total_s": total_s,
        "searchable_s": searchable_s,
        "embed_s": embed_s,
        "embedded": embedded,
    }


def waiting_for_vectors(client: OpenSearch, alias: str) -> int:
    client.indices.refresh(index=alias)
    answer = client.count(index=alias, body={"query": {"term": {"embedded": False}}})
    return int(answer["count"])


def freshness(
    settings: IndexerSettings,
    *,
    topic: str,
    alias: str,
    client: OpenSearch,
    rate: float,
    seconds: float,
) -> tuple[list[float], list[float]]:
    """Seconds from publication to the first search that finds each posting, and to
    the first search that shows it with its vector."""
    events = postings(int(rate * seconds), seed=7)
    published: dict[str, float] = {}
    found: dict[str, float] = {}
    embedded: dict[str, float] = {}
    done = threading.Event()
    with Indexer(settings, topic=topic, alias=alias):
        watcher = threading.Thread(
            target=_watch, args=(client, alias, published, found, embedded, done)
        )
        watcher.start()
        _publish_steadily(settings, topic, events, published, rate=rate)
        deadline = time.monotonic() + VECTOR_WAIT_S
        while len(embedded) < len(events) and time.monotonic() < deadline:
            time.sleep(0.2)
        done.set()
        watcher.join()
    return (
        [found[key] - published[key] for key in found],
        [embedded[key] - published[key] for key in embedded],
    )


def _publish_steadily(
    settings: IndexerSettings,
    topic: str,
    events: list[ItemEvent],
    published: dict[str, float],
    *,
    rate: float,
) -> None:
    producer = KafkaProducer(bootstrap_servers=settings.kafka_bootstrap_servers)
    started = time.monotonic()
    for n, event in enumerate(events):
        time.sleep(max(0.0, started + n / rate - time.monotonic()))
        producer.send(topic, key=event.key.encode(), value=encode(event))
        producer.flush()
        published[event.key] = time.monotonic()
    producer.close()


def _watch(
    client: OpenSearch,
    alias: str,
    published: dict[str, float],
    found: dict[str, float],
    embedded: dict[str, float],
    done: threading.Event,
) -> None:
    while not done.is_set():
        pending = [key for key in list(published) if key not in embedded]
        if pending:
            answer = client.search(
                index=alias,
                body={
                    "size": len(pending),
                    "_source": ["embedded"],
                    "query": {"terms": {"key": pending}},
                },
            )
            now = time.monotonic()
            for hit in answer["hits"]["hits"]:
                found.setdefault(hit["_id"], now)
                if hit["_source"].get("embedded"):
                    embedded.setdefault(hit["_id"], now)
        time.sleep(0.1)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def topics(settings: IndexerSettings, tag: str, *, count: int = 2) -> list[str]:
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap_servers)
    names = [f"bench.items.{tag}.{n}" for n in range(count)]
    admin.create_topics(
        {name: {"num_partitions": 6, "replication_factor": 1} for name in names}
    )
    admin.close()
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=20_000)
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--steady-s", type=float, default=60.0)
    args = parser.parse_args()

    settings = IndexerSettings(environment="test", log_level="WARNING")
    client = OpenSearch(hosts=[settings.opensearch_url], timeout=120)
    model = SentenceTransformerEmbedder(
        path=settings.embedding_model_path,
        batch_size=settings.embedding_batch_size,
        torch_threads=settings.torch_threads,
    )
    tag = uuid.uuid4().hex[:8]
    bulk_topic, steady_topic = topics(settings, tag)
    events = postings(args.postings, seed=1)

    raw = raw_baseline(events, model=model, client=client)
    e2e = end_to_end(
        events, settings, topic=bulk_topic, alias=f"bench-indexer-{tag}-bulk"
    )
    delays, vector_delays = freshness(
        settings,
        topic=steady_topic,
        alias=f"bench-indexer-{tag}-steady",
        client=client,
        rate=args.rate,
        seconds=args.steady_s,
    )
    report(
        args,
        raw=raw,
        e2e=e2e,
        delays=delays,
        vector_delays=vector_delays,
        count=len(events),
    )
    cleanup(settings, client, tag=tag, topic_names=[bulk_topic, steady_topic])


def report(
    args: argparse.Namespace,
    *,
    raw: dict[str, float],
    e2e: dict[str, float],
    delays: list[float],
    vector_delays: list[float],
    count: int,
) -> None:
    results = {
        "postings": count,
        "raw_docs_per_s": count / raw["total_s"],
        "indexer_docs_per_s": count / e2e["total_s"],
        "indexer_searchable_docs_per_s": count / e2e["searchable_s"],
        "e2e_ratio": raw["total_s"] / e2e["total_s"],
        "bare_encode_texts_per_s": count / raw["embed_s"],
        "indexer_encode_texts_per_s": e2e["embedded"] / e2e["embed_s"],
        "embedding_ratio": (e2e["embedded"] / e2e["embed_s"])
        / (count / raw["embed_s"]),
        "steady_rate_per_s": args.rate,
        "steady_postings": len(delays),
        "searchable_p50_s": statistics.median(delays) if delays else None,
        "searchable_p95_s": percentile(delays, 0.95) if delays else None,
        "steady_postings_with_vector": len(vector_delays),
        "with_vector_p50_s": (
            statistics.median(vector_delays) if vector_delays else None
        ),
        "with_vector_p95_s": (
            percentile(vector_delays, 0.95) if vector_delays else None
        ),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = RESULTS / f"indexer-{stamp}.json"
    path.write_text(json.dumps(results, indent=2) + "\n")
    for name, value in results.items():
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        sys.stdout.write(f"{name:28} {shown}\n")
    sys.stdout.write(f"written to {path.relative_to(ROOT)}\n")


def cleanup(
    settings: IndexerSettings, client: OpenSearch, *, tag: str, topic_names: list[str]
) -> None:
    for index in client.indices.get(index=f"bench-indexer-{tag}-*"):
        client.indices.delete(index=index)
    admin = KafkaAdminClient(bootstrap_servers=settings.kafka_bootstrap_servers)
    dead = [f"{name}.dead" for name in topic_names]
    existing = set(admin.list_topics())
    admin.delete_topics([t for t in [*topic_names, *dead] if t in existing])
    admin.close()


if __name__ == "__main__":
    main()
