"""``ilteo-search-reindex``: fill a new versioned index, then move both aliases.

From Kafka, the items topic is read from its start by a consumer of its own (every
partition assigned, no group offsets touched); from the index, OpenSearch copies the
current one with ``_reindex``. Either way the aliases move in one atomic request,
and only when the new index holds at least ``reindex_min_count_ratio`` of the old
one's documents. Whatever the live indexer wrote to the old index meanwhile is then
copied over again; external versions make that copy keep the newest of each item.
"""

import argparse
import json
import sys
import time
from dataclasses import dataclass
from enum import StrEnum

import structlog
from kafka import KafkaConsumer
from kafka.structs import TopicPartition
from opensearchpy import OpenSearch
from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress, TimeElapsedColumn

from ilteo_common.logging import configure_logging
from ilteo_search.embedding import create_embedder
from ilteo_search.index.aliases import (
    IndexNames,
    create_versioned_index,
    indexes_of,
    move_aliases,
)
from ilteo_search.index.mapping import index_body
from ilteo_search.indexer.bulk import Outcome
from ilteo_search.indexer.consumer import origin_of
from ilteo_search.indexer.service import bulk_writer, opensearch_client, pipeline
from ilteo_search.indexer.settings import IndexerSettings

log = structlog.get_logger(__name__)

Offsets = dict[TopicPartition, int]

TASK_POLL_S = 1.0


class Origin(StrEnum):
    KAFKA = "kafka"
    INDEX = "index"


class CountTooLow(RuntimeError):
    """The new index holds too few documents to replace the old one."""


@dataclass(frozen=True, slots=True)
class Result:
    index: str
    count: int
    previous: list[str]
    previous_count: int


def reindex(
    settings: IndexerSettings,
    *,
    origin: Origin,
    client: OpenSearch,
    progress: Progress,
) -> Result:
    names = IndexNames(settings.index_alias)
    old = indexes_of(client, alias=names.read_alias)
    new = create_versioned_index(client, names=names, body=_body(settings))
    log.info("reindex.started", index=new, origin=origin.value, previous=old)

    filler = _KafkaFiller(settings, client=client, index=new, progress=progress)
    if origin is Origin.KAFKA:
        replayed_to = filler.replay(start=None)
    else:
        _copy_index(client, old=old, new=new, progress=progress)

    count, previous_count = _check_counts(client, settings, new=new, old=old)
    previous = move_aliases(client, names=names, to_index=new)

    # Writes that reached the old index between the copy and the move.
    if origin is Origin.KAFKA:
        filler.replay(start=replayed_to)
    else:
        _copy_index(client, old=old, new=new, progress=progress)
    log.info("reindex.done", index=new, count=count, previous=previous)
    return Result(new, count, previous, previous_count)


def _body(settings: IndexerSettings) -> dict[str, object]:
    return index_body(
        shards=settings.index_shards,
        replicas=settings.index_replicas,
        refresh_interval_s=settings.index_refresh_interval_s,
    )


def _check_counts(
    client: OpenSearch, settings: IndexerSettings, *, new: str, old: list[str]
) -> tuple[int, int]:
    client.indices.refresh(index=new)
    count = int(client.count(index=new)["count"])
    previous = int(client.count(index=",".join(old))["count"]) if old else 0
    required = settings.reindex_min_count_ratio * previous
    if count < required:
        log.error("reindex.count_too_low", index=new, count=count, previous=previous)
        raise CountTooLow(
            f"{new} holds {count} documents, the current index {previous}; "
            f"at least {required:.0f} are needed to move the aliases"
        )
    return count, previous


class _KafkaFiller:
    def __init__(
        self,
        settings: IndexerSettings,
        *,
        client: OpenSearch,
        index: str,
        progress: Progress,
    ) -> None:
        self._settings = settings
        self._pipeline = pipeline(settings, create_embedder(settings))
        self._writer = bulk_writer(client, settings, index=index)
        self._progress = progress

    def replay(self, *, start: Offsets | None) -> Offsets:
        """Index the topic from ``start`` (its beginning) to its current end."""
        consumer = KafkaConsumer(
            bootstrap_servers=self._settings.kafka_bootstrap_servers,
            group_id=None,
            enable_auto_commit=False,
            client_id="ilteo-search-reindex",
        )
        try:
            return self._replay(consumer, start=start)
        finally:
            consumer.close()

    def _replay(self, consumer: KafkaConsumer, *, start: Offsets | None) -> Offsets:
        topic = self._settings.items_topic
        partitions = [
            TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic)
        ]
        consumer.assign(partitions)
        begin = start or consumer.beginning_offsets(partitions)
        end: Offsets = consumer.end_offsets(partitions)
        for partition in partitions:
            consumer.seek(partition, begin[partition])
        total = sum(end[p] - begin[p] for p in partitions)
        task = self._progress.add_task(f"replay {topic}", total=total)
        while any(consumer.position(p) < end[p] for p in partitions):
            done = self._index(consumer, end=end)
            self._progress.advance(task, done)
        self._progress.update(task, completed=total)
        return end

    def _index(self, consumer: KafkaConsumer, *, end: Offsets) -> int:
        batch = consumer.poll(
            timeout_ms=self._settings.poll_timeout_ms,
            max_records=self._settings.batch_max_records,
        )
        origins = [
            origin_of(record)
            for partition, records in batch.items()
            for record in records
            if record.offset < end[partition]
        ]
        prepared = self._pipeline.prepare(origins)
        outcome = Outcome()
        self._writer.write(prepared.writes, outcome)
        skipped = len(prepared.letters) + len(outcome.rejected)
        if skipped:
            # The live indexer dead-lettered these already; a replay only counts.
            log.warning("reindex.skipped", messages=skipped)
        return len(origins)


def _copy_index(
    client: OpenSearch, *, old: list[str], new: str, progress: Progress
) -> None:
    if not old:
        return
    body = {
        "source": {"index": ",".join(old)},
        "dest": {"index": new, "version_type": "external"},
        "conflicts": "proceed",
    }
    started = client.reindex(body=body, wait_for_completion=False)
    task = progress.add_task(f"copy {','.join(old)}", total=None)
    while True:
        answer = client.tasks.get(task_id=started["task"])
        status = answer["task"]["status"]
        done = status["created"] + status["updated"] + status["version_conflicts"]
        progress.update(task, total=status["total"] or None, completed=done)
        if answer.get("completed"):
            _raise_failures(answer)
            return
        time.sleep(TASK_POLL_S)


def _raise_failures(answer: dict[str, object]) -> None:
    response = answer.get("response")
    failures = response.get("failures") if isinstance(response, dict) else None
    if failures:
        raise RuntimeError(f"_reindex failed for some documents: {failures[:3]}")
    if answer.get("error"):
        raise RuntimeError(f"_reindex failed: {json.dumps(answer['error'])}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="ilteo-search-reindex", description=__doc__)
    parser.add_argument(
        "--from",
        dest="origin",
        choices=[origin.value for origin in Origin],
        default=Origin.KAFKA.value,
        help="replay the items topic from its start, or copy the current index",
    )
    args = parser.parse_args(argv)
    settings = IndexerSettings()
    configure_logging(
        service="search-reindex", level=settings.log_level, json=settings.logs_as_json
    )
    console = Console(stderr=True)
    columns = (*Progress.get_default_columns(), MofNCompleteColumn())
    try:
        with Progress(*columns, TimeElapsedColumn(), console=console) as bar:
            result = reindex(
                settings,
                origin=Origin(args.origin),
                client=opensearch_client(settings),
                progress=bar,
            )
    except CountTooLow as error:
        console.print(f"[red]aborted, aliases unchanged:[/red] {error}")
        sys.exit(1)
    console.print(
        f"{settings.index_alias} → {result.index} ({result.count} documents; "
        f"before {result.previous_count} in {', '.join(result.previous) or 'none'})"
    )
