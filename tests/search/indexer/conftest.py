"""Topics, index names and indexer processes of their own for every test."""

import os
import signal
import subprocess
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
import pytest
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer
from kafka.errors import KafkaError
from kafka.structs import TopicPartition
from opensearchpy import OpenSearch, helpers

from ilteo_common.events import DeadLetter
from ilteo_search.embedding import DEFAULT_MODEL_PATH
from ilteo_stack.stack import Stack
from tests.conftest import ARTIFACTS, ROOT, free_port, wait_until

ITEMS_PARTITIONS = 6
EMBEDDER = "sentence-transformers" if DEFAULT_MODEL_PATH.is_dir() else "fake"
"""The real model when it is prepared; the fake one only until then."""


@dataclass(frozen=True)
class Names:
    items_topic: str
    dead_letter_topic: str
    alias: str
    group: str

    @property
    def write_alias(self) -> str:
        return f"{self.alias}-write"


@pytest.fixture
def opensearch(stack: Stack) -> Iterator[OpenSearch]:
    client = OpenSearch(hosts=[stack.settings.opensearch_url], timeout=60)
    yield client
    client.close()


@pytest.fixture
def bootstrap(stack: Stack) -> str:
    return stack.settings.kafka_bootstrap


@pytest.fixture
def names(bootstrap: str, opensearch: OpenSearch) -> Iterator[Names]:
    with own_topics(bootstrap, opensearch, prefix="test") as names:
        yield names


@contextmanager
def own_topics(
    bootstrap: str, opensearch: OpenSearch, *, prefix: str
) -> Iterator[Names]:
    """Fresh item and dead-letter topics, index alias and group; removed after."""
    tag = uuid.uuid4().hex[:8]
    names = Names(
        items_topic=f"{prefix}.items.{tag}",
        dead_letter_topic=f"{prefix}.dead-letters.{tag}",
        alias=f"{prefix.replace('.', '-')}-items-{tag}",
        group=f"{prefix.replace('.', '-')}-indexer-{tag}",
    )
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    admin.create_topics(
        {
            names.items_topic: {
                "num_partitions": ITEMS_PARTITIONS,
                "replication_factor": 1,
            },
            names.dead_letter_topic: {"num_partitions": 1, "replication_factor": 1},
        },
        wait_for_metadata=True,
    )
    try:
        yield names
    finally:
        admin.delete_topics([names.items_topic, names.dead_letter_topic])
        admin.close()
        delete_indexes(opensearch, f"{names.alias}-*")


def delete_indexes(client: OpenSearch, pattern: str) -> None:
    # The cluster refuses wildcard deletes; name each index.
    for index in client.indices.get(index=pattern, expand_wildcards="all"):
        client.indices.delete(index=index)


def indexer_env(stack: Stack, names: Names, **extra: str) -> dict[str, str]:
    settings = {
        "OPENSEARCH_URL": stack.settings.opensearch_url,
        "KAFKA_BOOTSTRAP_SERVERS": stack.settings.kafka_bootstrap,
        "ITEMS_TOPIC": names.items_topic,
        "DEAD_LETTER_TOPIC": names.dead_letter_topic,
        "CONSUMER_GROUP": names.group,
        "INDEX_ALIAS": names.alias,
        "EMBEDDER": EMBEDDER,
        "ENVIRONMENT": "test",
        "RETRY_INITIAL_BACKOFF_MS": "100",
        "RETRY_MAX_BACKOFF_MS": "1000",
        "RETRY_ATTEMPTS": "3",
        "OUTAGE_PROBE_INTERVAL_S": "1",
    }
    return {f"ILTEO_SEARCH_{key}": value for key, value in (settings | extra).items()}


class IndexerProcess:
    """``ilteo-indexer`` as its own process, to be stopped gently or killed."""

    def __init__(self, env: dict[str, str]) -> None:
        self.port = free_port()
        self._env = os.environ | env | {"ILTEO_SEARCH_INDEXER_PORT": str(self.port)}
        self._process: subprocess.Popen[bytes] | None = None
        ARTIFACTS.mkdir(exist_ok=True)
        self.log_path = ARTIFACTS / f"ilteo-indexer-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                [str(ROOT / ".venv" / "bin" / "ilteo-indexer")],
                env=self._env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_until(self._answers, timeout_s=180, message="the indexer's /healthz")

    def kill(self) -> None:
        assert self._process is not None
        self._process.send_signal(signal.SIGKILL)
        self._process.wait()

    def stop(self) -> int:
        if self._process is None or self._process.poll() is not None:
            return self._process.returncode if self._process else 0
        self._process.terminate()
        try:
            return self._process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self._process.kill()
            return self._process.wait()

    def metrics(self) -> str:
        return httpx.get(f"{self.url}/metrics", timeout=5).text

    def _answers(self) -> bool:
        assert self._process is not None
        if self._process.poll() is not None:
            raise AssertionError(f"ilteo-indexer exited; see {self.log_path}")
        try:
            return httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200
        except httpx.TransportError:
            return False


@contextmanager
def running_indexer(env: dict[str, str]) -> Iterator[IndexerProcess]:
    process = IndexerProcess(env)
    process.start()
    try:
        yield process
    finally:
        process.stop()


def publish(bootstrap: str, topic: str, messages: Iterable[tuple[bytes, bytes]]) -> int:
    producer = KafkaProducer(
        bootstrap_servers=bootstrap, acks="all", linger_ms=20, batch_size=256_000
    )
    count = 0
    for key, value in messages:
        producer.send(topic, key=key, value=value)
        count += 1
    producer.flush()
    producer.close()
    return count


def read_dead_letters(bootstrap: str, topic: str, count: int) -> list[DeadLetter]:
    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        consumer_timeout_ms=60_000,
    )
    letters: list[DeadLetter] = []
    try:
        for record in consumer:
            letters.append(DeadLetter.model_validate_json(record.value))
            if len(letters) >= count:
                break
    finally:
        consumer.close()
    return letters


def all_committed(bootstrap: str, names: Names) -> bool:
    """Whether the indexer's group has committed every message of the topic."""
    try:
        return _all_committed(bootstrap, names)
    except KafkaError:
        return False  # the broker is restarting: ask again


def _all_committed(bootstrap: str, names: Names) -> bool:
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    try:
        committed = admin.list_group_offsets(names.group).get(names.group, {})
    finally:
        admin.close()
    consumer = KafkaConsumer(bootstrap_servers=bootstrap)
    try:
        partitions = [
            TopicPartition(names.items_topic, p) for p in range(ITEMS_PARTITIONS)
        ]
        ends = consumer.end_offsets(partitions)
    finally:
        consumer.close()
    return all(
        end == 0 or (tp in committed and committed[tp].offset == end)
        for tp, end in ends.items()
    )


def count(client: OpenSearch, alias: str) -> int:
    client.indices.refresh(index=alias)
    return int(client.count(index=alias)["count"])


def count_with_vectors(client: OpenSearch, alias: str) -> int:
    client.indices.refresh(index=alias)
    answer = client.count(index=alias, body={"query": {"term": {"embedded": True}}})
    return int(answer["count"])


def all_ids(client: OpenSearch, alias: str) -> list[str]:
    client.indices.refresh(index=alias)
    hits = helpers.scan(client, index=alias, query={"_source": False}, size=2000)
    return [hit["_id"] for hit in hits]
