"""The consumer loop: poll a batch, index it, commit its offsets; nothing else commits.

Why each message ends up indexed exactly once: offsets move only after every message
of the batch is written, known to be older than what the index holds (409), or
acknowledged by Kafka on the dead-letter topic; a crash before the commit replays
the batch, and the replay is harmless because each document is written with its
``modified_at`` as external version, so the same version answers 409 and writes
nothing.
"""

import contextlib
import threading
import time
from collections.abc import Mapping, Sequence

import structlog
from kafka import KafkaConsumer
from kafka.consumer.fetcher import ConsumerRecord
from kafka.errors import CommitFailedError, KafkaError
from kafka.structs import OffsetAndMetadata, TopicPartition
from opensearchpy import OpenSearch
from opensearchpy.exceptions import TransportError

from ilteo_search.indexer import metrics
from ilteo_search.indexer.bulk import BulkWriter, Outcome, StillFailing, Write
from ilteo_search.indexer.dead_letters import DeadLetterPublisher, Origin
from ilteo_search.indexer.pipeline import Pipeline

log = structlog.get_logger(__name__)

Batch = Mapping[TopicPartition, Sequence[ConsumerRecord]]


class Stopped(Exception):
    """The process is stopping while a batch waits: leave it uncommitted."""


class IndexerLoop:
    def __init__(
        self,
        *,
        consumer: KafkaConsumer,
        client: OpenSearch,
        pipeline: Pipeline,
        writer: BulkWriter,
        publisher: DeadLetterPublisher,
        batch_max_records: int,
        poll_timeout_ms: int,
        outage_probe_interval_s: float,
        stop: threading.Event,
    ) -> None:
        self._consumer = consumer
        self._client = client
        self._pipeline = pipeline
        self._writer = writer
        self._publisher = publisher
        self._batch_max_records = batch_max_records
        self._poll_timeout_ms = poll_timeout_ms
        self._probe_interval_s = outage_probe_interval_s
        self._stop = stop
        self._committed: dict[TopicPartition, int] = {}
        self._owned: frozenset[int] = frozenset()

    def owned_partitions(self) -> frozenset[int]:
        """The item topic's partitions this process consumes, as of its last poll."""
        return self._owned

    def run(self) -> None:
        log.info("indexer.started")
        while not self._stop.is_set():
            batch = self._consumer.poll(
                timeout_ms=self._poll_timeout_ms, max_records=self._batch_max_records
            )
            self._note_assignment()
            if batch:
                self._handle(batch)
            self._report_lag()
        log.info("indexer.stopped")

    def _note_assignment(self) -> None:
        owned = frozenset(tp.partition for tp in self._consumer.assignment())
        if owned != self._owned:
            log.info("partitions.assigned", partitions=sorted(owned))
            metrics.ASSIGNED_PARTITIONS.set(len(owned))
        self._owned = owned

    def close(self) -> None:
        self._consumer.close(autocommit=False)
        self._publisher.close()

    def _handle(self, batch: Batch) -> None:
        started = time.perf_counter()
        origins = [
            origin_of(record) for records in batch.values() for record in records
        ]
        try:
            outcome = self._index(origins)
        except Stopped:
            return
        except (KafkaError, TransportError, OSError) as error:
            log.error("batch.failed", messages=len(origins), error=repr(error))
            self._rewind(batch)
            self._stop.wait(self._probe_interval_s)
            return
        self._commit(batch)
        metrics.BATCH_SECONDS.observe(time.perf_counter() - started)
        log.info(
            "batch.indexed",
            messages=len(origins),
            indexed=outcome.indexed,
            conflicts=outcome.conflicts,
            rejected=len(outcome.rejected),
        )

    def _index(self, origins: list[Origin]) -> Outcome:
        prepared = self._pipeline.prepare(origins)
        outcome = Outcome()
        self._write_until_done(prepared.writes, outcome)
        metrics.INDEXED.inc(outcome.indexed)
        metrics.CONFLICTS.inc(outcome.conflicts)
        self._publisher.publish(prepared.letters + self._pipeline.rejected(outcome))
        return outcome

    def _write_until_done(self, writes: list[Write], outcome: Outcome) -> None:
        pending = writes
        while True:
            try:
                self._writer.write(pending, outcome)
                return
            except StillFailing as failing:
                pending = failing.pending
                self._wait_for_opensearch(pending=len(pending))

    def _wait_for_opensearch(self, *, pending: int) -> None:
        """Pause every partition and stay in the group until OpenSearch answers."""
        log.warning("opensearch.waiting", pending=pending)
        metrics.WAITING_FOR_OPENSEARCH.set(1)
        self._consumer.pause(*self._consumer.assignment())
        try:
            self._keep_membership()
            while not self._opensearch_answers():
                if self._stop.is_set():
                    raise Stopped
                self._keep_membership()
        finally:
            self._consumer.resume(*self._consumer.assignment())
            metrics.WAITING_FOR_OPENSEARCH.set(0)
        log.info("opensearch.back", pending=pending)

    def _keep_membership(self) -> None:
        # A poll keeps this consumer in its group; partitions a rebalance hands over
        # meanwhile are not paused yet, so whatever they return is put back.
        timeout_ms = int(self._probe_interval_s * 1000)
        for partition, records in self._consumer.poll(timeout_ms=timeout_ms).items():
            self._consumer.seek(partition, records[0].offset)
            self._consumer.pause(partition)

    def _opensearch_answers(self) -> bool:
        try:
            health = self._client.cluster.health(params={"request_timeout": 2})
        except TransportError:
            return False
        return health.get("status") in ("green", "yellow")

    def _commit(self, batch: Batch) -> None:
        offsets = {
            partition: OffsetAndMetadata(records[-1].offset + 1, "", -1)
            for partition, records in batch.items()
        }
        try:
            self._consumer.commit(offsets)
        except (CommitFailedError, KafkaError) as error:
            # The batch is indexed; whoever reads it again gets 409 for each write.
            log.warning("batch.commit_failed", error=repr(error))
            return
        self._committed.update({tp: meta.offset for tp, meta in offsets.items()})

    def _rewind(self, batch: Batch) -> None:
        for partition, records in batch.items():
            try:
                self._consumer.seek(partition, records[0].offset)
            except (KafkaError, AssertionError, ValueError) as error:
                log.warning(
                    "batch.rewind_skipped",
                    partition=partition.partition,
                    error=repr(error),
                )

    def _report_lag(self) -> None:
        # After a rebalance, partitions handed to another member are reported by
        # that member; asking for their high-water mark here would raise.
        assigned = self._consumer.assignment()
        for partition in [tp for tp in self._committed if tp not in assigned]:
            del self._committed[partition]
            labels = (partition.topic, str(partition.partition))
            with contextlib.suppress(KeyError):
                metrics.CONSUMER_LAG.remove(*labels)
        for partition, committed in self._committed.items():
            end = self._consumer.highwater(partition)
            if end is not None:
                metrics.CONSUMER_LAG.labels(
                    topic=partition.topic, partition=str(partition.partition)
                ).set(max(end - committed, 0))


def origin_of(record: ConsumerRecord) -> Origin:
    return Origin(
        topic=record.topic,
        partition=record.partition,
        offset=record.offset,
        key=record.key,
        value=record.value,
    )
