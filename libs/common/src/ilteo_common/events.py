"""Events on the platform's topics, and their JSON encoding on the wire.

Every event carries ``schema_version``; a consumer that meets a version it does not
know sends the event to the dead-letter topic instead of guessing.
"""

import uuid
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ilteo_common.items import Item, ItemKind

__all__ = ["DeadLetter", "ItemEvent", "ItemKind", "UndecodableEvent", "decode_item"]

SCHEMA_VERSION: Literal[1] = 1


def _now() -> datetime:
    return datetime.now(UTC)


class ItemEvent(BaseModel):
    """One version of one item from one source, keyed by ``source:source_id``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schema_version: Literal[1] = SCHEMA_VERSION
    event_id: uuid.UUID = Field(default_factory=uuid.uuid4)
    kind: ItemKind
    source: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")
    source_id: str = Field(min_length=1, max_length=200)
    # The source's own modification time: indexing uses it as the external version.
    modified_at: datetime
    published_at: datetime = Field(default_factory=_now)
    # Follows the item from the spider to the index; set by whoever first saw it.
    correlation_id: str = Field(default_factory=lambda: uuid.uuid4().hex)
    item: Item
    # The source's payload as received, so that a parser change can be replayed.
    raw: str

    @model_validator(mode="after")
    def _kinds_agree(self) -> "ItemEvent":
        if self.item.kind != self.kind:
            raise ValueError(f"event kind {self.kind} but item kind {self.item.kind}")
        return self

    @property
    def key(self) -> str:
        return item_key(self.source, self.source_id)


class DeadLetter(BaseModel):
    """What could not be processed, why, and where it came from."""

    model_config = ConfigDict(frozen=True)

    schema_version: Literal[1] = SCHEMA_VERSION
    stage: Literal["ingest", "index"]
    reason: str
    key: str | None = None
    correlation_id: str | None = None
    failed_at: datetime = Field(default_factory=_now)
    origin_topic: str | None = None
    origin_partition: int | None = None
    origin_offset: int | None = None
    raw: str


class UndecodableEvent(ValueError):
    """The bytes on a topic are not a valid event; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def item_key(source: str, source_id: str) -> str:
    return f"{source}:{source_id}"


def encode(event: BaseModel) -> bytes:
    return event.model_dump_json().encode()


def decode_item(value: bytes | None) -> ItemEvent:
    if value is None:
        raise UndecodableEvent("empty message (a tombstone) where an item was expected")
    try:
        return ItemEvent.model_validate_json(value)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'event'}: {err['msg']}"
            for err in exc.errors()[:5]
        )
        raise UndecodableEvent(f"invalid item event: {problems}") from exc
