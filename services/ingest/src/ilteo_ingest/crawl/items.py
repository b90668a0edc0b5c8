"""What spiders hand to the pipeline: a record to publish, or a rejected page."""

from dataclasses import dataclass

from ilteo_ingest.normalize import SourceRecord

__all__ = ["Rejected", "SourceRecord"]


@dataclass(frozen=True)
class Rejected:
    """A payload no record could be read from; it goes to the dead letters."""

    source: str
    reason: str
    raw: str
