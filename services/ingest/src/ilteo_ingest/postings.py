"""Items posted on the platform itself: employers' jobs, operators' programs.

They travel like any crawled item: one ``ItemEvent`` keyed ``platform:<id>``
on the items topic, sent by the same idempotent producer.
"""

import uuid
from datetime import UTC, datetime
from typing import Annotated, Literal

from kafka import KafkaProducer
from pydantic import BaseModel, ConfigDict, Field, model_validator

from ilteo_common.events import ItemEvent
from ilteo_common.items import ItemKind, JobPosting, SupportProgram
from ilteo_ingest.normalize import fingerprint
from ilteo_ingest.publisher import FingerprintStore, Published, send_event

PLATFORM = "platform"


class PostingCreate(BaseModel):
    """An item published on the platform, as the gateway sends it."""

    model_config = ConfigDict(extra="forbid")

    source_id: str = Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_.-]+$")
    # The posting's own version; defaults to the time it was received.
    modified_at: datetime | None = None
    correlation_id: str | None = Field(default=None, max_length=100)
    item: Annotated[JobPosting | SupportProgram, Field(discriminator="kind")]

    @model_validator(mode="after")
    def _programs_take_applications(self) -> "PostingCreate":
        item = self.item
        if isinstance(item, SupportProgram) and item.takes_applications:
            period = item.application_period
            if period.starts_on is None or period.ends_on is None:
                raise ValueError(
                    "a program that takes applications needs "
                    "application_period.starts_on and ends_on"
                )
        return self


class PostingAccepted(BaseModel):
    key: str
    event_id: uuid.UUID
    correlation_id: str
    kind: ItemKind
    status: Literal["accepted"] = "accepted"


def publish_posting(
    *,
    posting: PostingCreate,
    raw: str,
    producer: KafkaProducer,
    store: FingerprintStore,
    topic: str,
    timeout_s: float,
) -> PostingAccepted:
    """Publishes and waits for the broker's acknowledgement."""
    event = ItemEvent(
        kind=posting.item.kind,
        source=PLATFORM,
        source_id=posting.source_id,
        modified_at=posting.modified_at or datetime.now(UTC),
        correlation_id=posting.correlation_id or uuid.uuid4().hex,
        item=posting.item,
        raw=raw,
    )
    send_event(producer, topic, event).get(timeout=timeout_s)
    store.remember([Published(PLATFORM, posting.source_id, fingerprint(posting.item))])
    return PostingAccepted(
        key=event.key,
        event_id=event.event_id,
        correlation_id=event.correlation_id,
        kind=event.kind,
    )
