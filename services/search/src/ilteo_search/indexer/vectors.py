"""Vectors for documents written without one: searchable first, semantic soon after.

The consumer loop writes each document with ``embedded: false`` and the text to
embed (``passage``), so that a posting is found by its words within one refresh
whatever the embedding model's pace. This filler then looks for such documents in
the partitions its process consumes, embeds them in batches and writes each one
again with its vector, keeping its version (``external_gte``): if a newer version
arrived meanwhile, the rewrite answers 409 and the newer one waits for its own
vector. Nothing here needs an offset or a commit; the waiting documents are the
queue, and they survive any restart.
"""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import structlog
from opensearchpy import OpenSearch
from opensearchpy.exceptions import TransportError

from ilteo_search.embedding import Embedder
from ilteo_search.index.mapping import (
    EMBEDDED_FIELD,
    EMBEDDING_FIELD,
    PARTITION_FIELD,
    PASSAGE_FIELD,
)
from ilteo_search.indexer import metrics
from ilteo_search.indexer.bulk import BulkWriter, Outcome, StillFailing, Write

log = structlog.get_logger(__name__)

RECENT_S = 30.0
"""A written vector is not visible to searches before the next refresh; documents
filled this recently are skipped if a search still shows them as waiting."""


@dataclass(frozen=True, slots=True)
class Filled:
    attempted: int = 0
    written: int = 0
    superseded: int = 0  # a newer version arrived meanwhile and waits on its own
    refused: int = 0


def waiting_query(partitions: frozenset[int]) -> dict[str, Any]:
    return {
        "bool": {
            "filter": [
                {"term": {EMBEDDED_FIELD: False}},
                {"terms": {PARTITION_FIELD: sorted(partitions)}},
            ]
        }
    }


class VectorFiller(threading.Thread):
    def __init__(
        self,
        *,
        client: OpenSearch,
        alias: str,
        embedder: Embedder,
        writer: BulkWriter,
        partitions: Callable[[], frozenset[int]],
        batch_size: int,
        idle_s: float,
        stop: threading.Event,
    ) -> None:
        super().__init__(name="ilteo-indexer-vectors", daemon=True)
        self._client = client
        self._alias = alias
        self._embedder = embedder
        self._writer = writer
        self._partitions = partitions
        self._batch_size = batch_size
        self._idle_s = idle_s
        self._stopping = stop
        # (key, version) -> when it was written or refused
        self._recent: dict[tuple[str, int], float] = {}
        self._refused: set[tuple[str, int]] = set()

    def run(self) -> None:
        log.info("vectors.started")
        while not self._stopping.is_set():
            try:
                filled = self.fill_once()
            except (TransportError, OSError) as error:
                log.warning("vectors.failed", error=repr(error))
                filled = 0
            if not filled:
                self._stopping.wait(self._idle_s)
        log.info("vectors.stopped")

    def fill_once(self) -> int:
        """Embed and write one batch of waiting documents; returns how many."""
        owned = self._partitions()
        if not owned:
            return 0
        return self.fill(self.waiting(owned)).attempted

    def fill(self, hits: list[dict[str, Any]]) -> "Filled":
        """Embed the documents of these search hits and write them with vectors."""
        if not hits:
            return Filled()
        passages = [hit["_source"][PASSAGE_FIELD] for hit in hits]
        with metrics.EMBEDDING_SECONDS.time():
            vectors = self._embedder.embed_documents(passages)
        metrics.EMBEDDED.inc(len(passages))
        writes = [
            _with_vector(hit, vector) for hit, vector in zip(hits, vectors, strict=True)
        ]
        outcome = Outcome()
        try:
            self._writer.write(writes, outcome)
        except StillFailing as failing:
            # They stay waiting in the index; the next round takes them again.
            log.warning("vectors.write_failed", pending=len(failing.pending))
            return Filled()
        self._remember(writes, outcome)
        metrics.VECTORS_WRITTEN.inc(outcome.indexed)
        log.debug(
            "vectors.written",
            written=outcome.indexed,
            superseded=outcome.conflicts,
            refused=len(outcome.rejected),
        )
        return Filled(
            attempted=len(writes),
            written=outcome.indexed,
            superseded=outcome.conflicts,
            refused=len(outcome.rejected),
        )

    def waiting(self, owned: frozenset[int]) -> list[dict[str, Any]]:
        """Up to a batch of documents of these partitions waiting for a vector."""
        now = time.monotonic()
        self._recent = {k: t for k, t in self._recent.items() if now - t < RECENT_S}
        answer = self._client.search(
            index=self._alias,
            body={
                "size": self._batch_size,
                "version": True,
                "track_total_hits": True,
                "query": waiting_query(owned),
                "sort": [{"indexed_at": "asc"}],
            },
        )
        metrics.VECTORS_WAITING.set(answer["hits"]["total"]["value"])
        skip = self._recent.keys() | self._refused
        return [
            hit
            for hit in answer["hits"]["hits"]
            if (hit["_id"], hit["_version"]) not in skip
        ]

    def _remember(self, writes: list[Write], outcome: Outcome) -> None:
        now = time.monotonic()
        for write in writes:
            self._recent[(write.key, write.version)] = now
        for rejected in outcome.rejected:
            # A document that OpenSearch takes without a vector but not with one
            # is not tried again by this process; it stays findable by its words.
            self._refused.add((rejected.write.key, rejected.write.version))
            log.error(
                "vectors.refused",
                key=rejected.write.key,
                correlation_id=rejected.write.correlation_id,
                reason=rejected.reason,
            )
        for write in writes:
            indexed_at = write.document.get("indexed_at")
            if indexed_at:
                waited = datetime.now(UTC) - datetime.fromisoformat(indexed_at)
                metrics.VECTOR_DELAY_SECONDS.observe(waited.total_seconds())


def _with_vector(hit: dict[str, Any], vector: list[float]) -> Write:
    document = hit["_source"] | {EMBEDDING_FIELD: vector, EMBEDDED_FIELD: True}
    return Write(
        key=hit["_id"],
        version=hit["_version"],
        document=document,
        correlation_id=document.get("correlation_id", ""),
    )
