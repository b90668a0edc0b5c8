"""Publishing items to Kafka, and remembering what was published in Redis.

The pipeline and the platform-postings endpoint share this: one idempotent
producer (``acks=all``), keys ``source:source_id``, fingerprints that are
written only after the broker acknowledged the message.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import redis
import structlog
from kafka import KafkaProducer
from kafka.producer.future import FutureRecordMetadata

from ilteo_common.events import DeadLetter, ItemEvent, encode
from ilteo_common.kafka_admin import ensure_topics
from ilteo_common.topics import DEAD_LETTERS, ITEMS
from ilteo_ingest.settings import Settings

log = structlog.get_logger(__name__)


def create_producer(
    settings: Settings, *, client_id: str, max_block_s: float | None = None
) -> KafkaProducer:
    timeout_ms = int(settings.delivery_timeout_s * 1000)
    block_ms = int(max_block_s * 1000) if max_block_s else timeout_ms
    return KafkaProducer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        client_id=client_id,
        acks="all",
        enable_idempotence=True,
        linger_ms=20,
        delivery_timeout_ms=timeout_ms,
        request_timeout_ms=min(30_000, timeout_ms),
        # send() blocks while the broker is away and the buffer is full: the
        # crawl waits, bounded by the delivery timeout, instead of dropping.
        max_block_ms=block_ms,
        reconnect_backoff_max_ms=2_000,
    )


def ensure_topics_of(settings: Settings) -> None:
    """The configured item and dead-letter topics, created like the platform's."""
    specs = (
        replace(ITEMS, name=settings.items_topic),
        replace(DEAD_LETTERS, name=settings.dead_letter_topic),
    )
    ensure_topics(settings.kafka_bootstrap_servers, specs=specs)


class FingerprintStore:
    """Per source, ``source_id -> fingerprint|marker`` in one Redis hash."""

    def __init__(self, client: "redis.Redis", *, prefix: str) -> None:
        self._redis = client
        self._prefix = prefix

    @classmethod
    def from_settings(cls, settings: Settings) -> "FingerprintStore":
        client = redis.Redis.from_url(settings.redis_url)
        return cls(client, prefix=settings.redis_key_prefix)

    def _key(self, source: str) -> str:
        return f"{self._prefix}:fingerprints:{source}"

    def load(self, source: str) -> dict[str, tuple[str, str | None]]:
        stored = self._redis.hgetall(self._key(source))
        return {_text(name): _split(_text(value)) for name, value in stored.items()}

    def remember(self, entries: Iterable["Published"]) -> None:
        batch = self._redis.pipeline(transaction=False)
        for entry in entries:
            value = f"{entry.fingerprint}|{entry.marker or ''}"
            batch.hset(self._key(entry.source), entry.source_id, value)
        batch.execute()

    def save_run(self, source: str, summary: dict[str, Any]) -> None:
        self._redis.hset(
            f"{self._prefix}:runs", source, json.dumps(summary, default=str)
        )

    def runs(self) -> dict[str, dict[str, Any]]:
        stored = self._redis.hgetall(f"{self._prefix}:runs")
        return {_text(name): json.loads(value) for name, value in stored.items()}

    def close(self) -> None:
        self._redis.close()


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _split(value: str) -> tuple[str, str | None]:
    fingerprint, _, marker = value.partition("|")
    return fingerprint, marker or None


@dataclass(frozen=True)
class Published:
    source: str
    source_id: str
    fingerprint: str
    marker: str | None = None


def send_event(
    producer: KafkaProducer, topic: str, event: ItemEvent
) -> FutureRecordMetadata:
    future: FutureRecordMetadata = producer.send(
        topic, key=event.key.encode(), value=encode(event)
    )
    return future


def send_dead_letter(
    producer: KafkaProducer,
    topic: str,
    *,
    reason: str,
    raw: str,
    key: str | None,
    correlation_id: str,
) -> FutureRecordMetadata:
    letter = DeadLetter(
        stage="ingest",
        reason=reason,
        key=key,
        correlation_id=correlation_id,
        raw=raw,
        failed_at=datetime.now(UTC),
    )
    future: FutureRecordMetadata = producer.send(
        topic, key=key.encode() if key else None, value=encode(letter)
    )
    return future
