"""Kafka as the local stack runs it, driven by kafka-python as the services drive it."""

import uuid
from collections.abc import Iterator

import pytest
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer

from ilteo_common.topics import ALL_TOPICS
from ilteo_stack.stack import Stack

POLL_TIMEOUT_MS = 15_000


@pytest.fixture
def bootstrap(stack: Stack) -> str:
    return stack.settings.kafka_bootstrap


@pytest.fixture
def topic(bootstrap: str) -> Iterator[str]:
    name = f"test.round-trip.{uuid.uuid4().hex[:8]}"
    admin = KafkaAdminClient(bootstrap_servers=bootstrap)
    admin.create_topics(
        {name: {"num_partitions": 3, "replication_factor": 1}}, wait_for_metadata=True
    )
    yield name
    admin.delete_topics([name])
    admin.close()


def produce(bootstrap: str, topic: str, messages: list[tuple[str, str]]) -> None:
    producer = KafkaProducer(
        bootstrap_servers=bootstrap, acks="all", enable_idempotence=True
    )
    for key, value in messages:
        producer.send(topic, key=key.encode(), value=value.encode())
    producer.flush()
    producer.close()


def consume(
    bootstrap: str, topic: str, group: str, count: int
) -> list[tuple[str, str]]:
    """Read ``count`` messages in ``group``, commit, and leave the group."""
    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    received: list[tuple[str, str]] = []
    try:
        while len(received) < count:
            batches = consumer.poll(timeout_ms=POLL_TIMEOUT_MS)
            if not batches:
                break
            for records in batches.values():
                received += [(r.key.decode(), r.value.decode()) for r in records]
        consumer.commit()
    finally:
        consumer.close()
    return received


class TestKafka:
    def test_platform_topics_exist_with_partitions(self, bootstrap: str) -> None:
        consumer = KafkaConsumer(bootstrap_servers=bootstrap)
        try:
            for spec in ALL_TOPICS:
                assert consumer.partitions_for_topic(spec.name) == set(
                    range(spec.partitions)
                ), spec.name
        finally:
            consumer.close()

    def test_keyed_messages_keep_their_order_per_key(
        self, bootstrap: str, topic: str
    ) -> None:
        sent = [(f"work24:{i % 4}", f"v{i}") for i in range(40)]

        produce(bootstrap, topic, sent)
        received = consume(bootstrap, topic, f"g-{uuid.uuid4().hex}", len(sent))

        assert sorted(received) == sorted(sent)
        for key in {k for k, _ in sent}:
            assert [v for k, v in received if k == key] == [
                v for k, v in sent if k == key
            ]

    def test_a_restarted_consumer_resumes_after_its_committed_offset(
        self, bootstrap: str, topic: str
    ) -> None:
        group = f"g-{uuid.uuid4().hex}"
        first = [(f"hrd:{i}", f"first-{i}") for i in range(10)]
        second = [(f"hrd:{i}", f"second-{i}") for i in range(10)]

        produce(bootstrap, topic, first)
        assert sorted(consume(bootstrap, topic, group, len(first))) == sorted(first)
        produce(bootstrap, topic, second)
        resumed = consume(bootstrap, topic, group, len(second))

        assert sorted(resumed) == sorted(second)
