"""The Kafka topics of the platform and how each is created.

Items are keyed by ``source:source_id``; the item topic is compacted so that the
latest version of every item can always be replayed (a reindex reads it from the
start), while the dead-letter topic keeps what failed for a fortnight.
"""

from dataclasses import dataclass, field

DAY_MS = 24 * 60 * 60 * 1000


@dataclass(frozen=True)
class TopicSpec:
    name: str
    partitions: int
    config: dict[str, str] = field(default_factory=dict)


ITEMS = TopicSpec(
    name="ilteo.items.v1",
    partitions=6,
    config={"cleanup.policy": "compact", "min.compaction.lag.ms": str(DAY_MS)},
)
"""Postings, courses, programs and policies from every source, normalised."""

DEAD_LETTERS = TopicSpec(
    name="ilteo.items.dead-letter.v1",
    partitions=3,
    config={"cleanup.policy": "delete", "retention.ms": str(14 * DAY_MS)},
)
"""Items no consumer could process, with the reason and the raw payload."""

ALL_TOPICS: tuple[TopicSpec, ...] = (ITEMS, DEAD_LETTERS)
