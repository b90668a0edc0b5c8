"""Messages the indexer cannot index, sent to the dead-letter topic with the reason."""

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import structlog
from kafka import KafkaProducer
from kafka.producer.future import FutureRecordMetadata

from ilteo_common.events import DeadLetter, encode
from ilteo_search.indexer import metrics

log = structlog.get_logger(__name__)

RAW_ENCODING_HEADER = "raw-encoding"
"""``base64`` when the original bytes were not UTF-8 and ``raw`` holds them encoded."""


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a message was read: enough to find it again, and its bytes."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None


def raw_text(value: bytes | None) -> tuple[str, bool]:
    """The payload as text, and whether it had to be base64-encoded."""
    if value is None:
        return "", False
    try:
        return value.decode("utf-8"), False
    except UnicodeDecodeError:
        return base64.b64encode(value).decode("ascii"), True


class Failure(StrEnum):
    DECODE = "decode"  # not an item event of a known schema
    ENRICH = "enrich"  # an event the indexer could not turn into a document
    INDEX = "index"  # a document OpenSearch refused


@dataclass(frozen=True, slots=True)
class Letter:
    letter: DeadLetter
    failure: Failure
    base64_raw: bool


def dead_letter(
    origin: Origin,
    *,
    failure: Failure,
    reason: str,
    correlation_id: str | None = None,
) -> Letter:
    raw, encoded = raw_text(origin.value)
    letter = DeadLetter(
        stage="index",
        reason=reason,
        key=origin.key.decode("utf-8", errors="replace") if origin.key else None,
        correlation_id=correlation_id,
        origin_topic=origin.topic,
        origin_partition=origin.partition,
        origin_offset=origin.offset,
        raw=raw,
    )
    return Letter(letter, failure, encoded)


class DeadLetterPublisher:
    def __init__(
        self, producer: KafkaProducer, *, topic: str, timeout_s: float
    ) -> None:
        self._producer = producer
        self._topic = topic
        self._timeout_s = timeout_s

    def publish(self, letters: Sequence[Letter]) -> None:
        """Send and wait for every acknowledgement; raises if Kafka did not take one."""
        futures = [self._send(letter) for letter in letters]
        for future in futures:
            future.get(timeout=self._timeout_s)
        for letter in letters:
            metrics.DEAD_LETTERED.labels(failure=letter.failure.value).inc()
            log.warning(
                "item.dead_lettered",
                key=letter.letter.key,
                correlation_id=letter.letter.correlation_id,
                failure=letter.failure.value,
                reason=letter.letter.reason,
                origin_partition=letter.letter.origin_partition,
                origin_offset=letter.letter.origin_offset,
            )

    def _send(self, letter: Letter) -> FutureRecordMetadata:
        headers = [(RAW_ENCODING_HEADER, b"base64")] if letter.base64_raw else []
        key = letter.letter.key.encode() if letter.letter.key else None
        return self._producer.send(
            self._topic, key=key, value=encode(letter.letter), headers=headers
        )

    def close(self) -> None:
        self._producer.close(timeout=self._timeout_s)
