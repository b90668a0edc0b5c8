"""From a source's raw record to an ``ItemEvent``: pure functions, no I/O.

A record that cannot become a valid item raises ``InvalidRecord`` with a reason
fit for the dead-letter topic.
"""

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from ilteo_common.events import ItemEvent
from ilteo_common.items import Item
from ilteo_ingest.normalize import (
    bizinfo,
    city,
    hrd,
    jobalio,
    kstartup,
    narailter,
    work24,
    youth,
)
from ilteo_ingest.normalize.common import parse_timestamp, text_or_none
from ilteo_ingest.sources import SOURCES

Normalizer = Callable[[Mapping[str, Any], Mapping[str, Any] | None], Item]

NORMALIZERS: dict[str, Normalizer] = {
    "work24": work24.normalize,
    "hrd": hrd.normalize,
    "youth": youth.normalize,
    "bizinfo": bizinfo.normalize,
    "kstartup": kstartup.normalize,
    "narailter": narailter.normalize,
    "jobalio": jobalio.normalize,
    "city": city.normalize,
}


class InvalidRecord(ValueError):
    """A record that cannot become an item; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class SourceRecord:
    """One record as a spider received it, before normalisation."""

    source: str
    record: Mapping[str, Any]
    raw: str
    detail: Mapping[str, Any] | None = None
    # The source's own change marker (smodifyDtm), remembered after publishing.
    marker: str | None = None


def source_id_of(source: str, record: Mapping[str, Any]) -> str | None:
    if source == "bizinfo":
        return bizinfo.source_id(record)
    fields = SOURCES[source].id_fields
    parts = [text_or_none(record.get(field)) for field in fields]
    if not parts or any(part is None for part in parts):
        return None
    return "-".join(part for part in parts if part)


def to_event(
    record: SourceRecord, *, correlation_id: str, now: datetime | None = None
) -> ItemEvent:
    """Normalise and validate; raises ``InvalidRecord`` with the reason."""
    source_id = source_id_of(record.source, record.record)
    if source_id is None:
        fields = ", ".join(SOURCES[record.source].id_fields)
        raise InvalidRecord(f"record has no id ({fields})")
    item = _normalized(record)
    try:
        return ItemEvent(
            kind=item.kind,
            source=record.source,
            source_id=source_id,
            modified_at=_modified_at(record, now),
            correlation_id=correlation_id,
            item=item,
            raw=record.raw,
        )
    except ValidationError as exc:
        raise InvalidRecord(describe(exc)) from exc


def fingerprint(item: Item) -> str:
    """A hash of the normalised item: equal items give equal fingerprints."""
    return hashlib.sha256(item.model_dump_json().encode()).hexdigest()[:32]


def describe(exc: ValidationError) -> str:
    problems = "; ".join(
        f"{'.'.join(str(part) for part in error['loc']) or 'item'}: {error['msg']}"
        for error in exc.errors()[:5]
    )
    return f"invalid item: {problems}"


def _normalized(record: SourceRecord) -> Item:
    normalizer = NORMALIZERS.get(record.source)
    if normalizer is None:
        raise InvalidRecord(f"no normaliser for source {record.source!r}")
    try:
        return normalizer(record.record, record.detail)
    except ValidationError as exc:
        raise InvalidRecord(describe(exc)) from exc
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InvalidRecord(f"unreadable record: {type(exc).__name__}: {exc}") from exc


def _modified_at(record: SourceRecord, now: datetime | None) -> datetime:
    # Sources without a modification time get the time the change was seen:
    # an item is only published when its fingerprint changed, so this still
    # grows with every real change.
    field = SOURCES[record.source].modified_field
    stated = parse_timestamp(record.record.get(field)) if field else None
    return stated or now or datetime.now(UTC)
