"""From a batch of Kafka messages to bulk writes and dead letters.

The steps do not commit anything: the caller writes, publishes the dead letters and
commits only when all of that succeeded. Documents are written without their vector,
so that they are searchable within a refresh; ``ilteo_search.indexer.vectors`` adds
the vectors afterwards.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import structlog

from ilteo_common.events import ItemEvent, UndecodableEvent, decode_item
from ilteo_places import District
from ilteo_search.embedding import Embedder
from ilteo_search.indexer import metrics
from ilteo_search.indexer.bulk import Outcome, Write
from ilteo_search.indexer.dead_letters import Failure, Letter, Origin, dead_letter
from ilteo_search.indexer.document import external_version, to_document
from ilteo_search.indexer.enrich import Clock, current_district, embedding_text

log = structlog.get_logger(__name__)


@dataclass
class Prepared:
    writes: list[Write] = field(default_factory=list)
    letters: list[Letter] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Decoded:
    origin: Origin
    event: ItemEvent
    district: District | None


class Pipeline:
    def __init__(
        self, *, clock: Callable[[], Clock], embedder: Embedder | None = None
    ) -> None:
        """With an ``embedder``, vectors are computed here, before the first write."""
        self._clock = clock
        self._embedder = embedder

    def prepare(self, origins: Sequence[Origin]) -> Prepared:
        """Decode and enrich; what cannot be indexed becomes a dead letter."""
        prepared = Prepared()
        decoded = [d for o in origins if (d := self._decode(o, prepared)) is not None]
        passages = [embedding_text(d.event.item, district=d.district) for d in decoded]
        vectors: Sequence[list[float] | None] = [None] * len(decoded)
        if self._embedder is not None and passages:
            with metrics.EMBEDDING_SECONDS.time():
                vectors = self._embedder.embed_documents(passages)
            metrics.EMBEDDED.inc(len(passages))

        clock = self._clock()
        for entry, passage, vector in zip(decoded, passages, vectors, strict=True):
            write = self._write(entry, passage, vector, clock, prepared)
            if write is not None:
                prepared.writes.append(write)
        return prepared

    def rejected(self, outcome: Outcome) -> list[Letter]:
        letters = []
        for rejected in outcome.rejected:
            origin = rejected.write.origin
            assert isinstance(origin, Origin)
            letters.append(
                dead_letter(
                    origin,
                    failure=Failure.INDEX,
                    reason=rejected.reason,
                    correlation_id=rejected.write.correlation_id,
                )
            )
        return letters

    def _decode(self, origin: Origin, prepared: Prepared) -> _Decoded | None:
        try:
            event = decode_item(origin.value)
        except UndecodableEvent as error:
            letter = dead_letter(origin, failure=Failure.DECODE, reason=error.reason)
            prepared.letters.append(letter)
            return None
        if external_version(event.modified_at) < 0:
            reason = "modified_at before 1970 cannot be an external version"
            prepared.letters.append(
                dead_letter(
                    origin,
                    failure=Failure.DECODE,
                    reason=reason,
                    correlation_id=event.correlation_id,
                )
            )
            return None
        return _Decoded(origin, event, current_district(event.item.place))

    def _write(
        self,
        entry: _Decoded,
        passage: str,
        vector: list[float] | None,
        clock: Clock,
        prepared: Prepared,
    ) -> Write | None:
        event = entry.event
        try:
            document = to_document(
                event,
                district=entry.district,
                clock=clock,
                passage=passage,
                partition=entry.origin.partition,
                embedding=vector,
            )
        except (ValueError, TypeError, KeyError) as error:
            prepared.letters.append(
                dead_letter(
                    entry.origin,
                    failure=Failure.ENRICH,
                    reason=f"enrichment failed: {error!r}",
                    correlation_id=event.correlation_id,
                )
            )
            return None
        log.debug("item.prepared", key=event.key, correlation_id=event.correlation_id)
        return Write(
            key=event.key,
            version=external_version(event.modified_at),
            document=document,
            correlation_id=event.correlation_id,
            origin=entry.origin,
        )
