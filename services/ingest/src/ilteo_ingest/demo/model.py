"""What the generator knows about each record: the payload and the ground truth."""

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from ilteo_places import District

SOURCE_IDS = (
    "work24",
    "hrd",
    "youth",
    "bizinfo",
    "kstartup",
    "narailter",
    "jobalio",
    "city",
)


class Flaw(StrEnum):
    """A deliberate defect in a record, for testing how spiders cope."""

    MISSING_TITLE = "missing_title"
    BAD_DATE = "bad_date"  # a date field that no calendar has, e.g. 26-02-30
    PAY_INVERTED = "pay_inverted"  # minimum pay above the maximum
    # A bare "&" in XML text: the page holding the record is not well-formed.
    BROKEN_ENTITY = "broken_entity"


class Raw(str):
    """Text that the XML and HTML writers emit without escaping."""

    __slots__ = ()


@dataclass(frozen=True, slots=True)
class PayTruth:
    period: str | None  # hour, day, month, year; None when not stated
    min_krw: int | None
    max_krw: int | None
    negotiable: bool
    below_minimum_wage: bool


@dataclass(slots=True)
class Record:
    """One generated record of one source.

    ``payload`` is what the list answers, ``detail`` what a detail call adds (the
    full detail document for XML sources). The other fields are the truth a
    test checks a spider against.
    """

    source: str
    index: int
    id: str  # natural id, fields joined by "-" as in the source catalog
    title: str  # the intended title, also when the payload leaves it out
    district: District | None  # None: outside Incheon, or city-wide
    point: tuple[float, float] | None  # (lon, lat)
    payload: dict[str, Any]
    detail: dict[str, Any] | None = None
    flaw: Flaw | None = None
    duplicate_of: str | None = None  # "work24:<id>" of the same job elsewhere
    closed: bool = False  # deadline passed
    version: int = 0
    modified: datetime | None = None
    closing: date | None = None  # 마감일, when the record states one
    pay: PayTruth | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.source}:{self.id}"

    def truth(self) -> dict[str, Any]:
        """The ground truth as JSON-ready values."""
        return {
            "source": self.source,
            "id": self.id,
            "index": self.index,
            "title": self.title,
            "district_id": self.district.id if self.district else None,
            "point": list(self.point) if self.point else None,
            "flaw": self.flaw.value if self.flaw else None,
            "duplicate_of": self.duplicate_of,
            "closed": self.closed,
            "version": self.version,
            "modified": self.modified.isoformat() if self.modified else None,
            "closing": self.closing.isoformat() if self.closing else None,
            "pay": _pay_truth(self.pay),
            **self.extra,
        }


def _pay_truth(pay: PayTruth | None) -> dict[str, Any] | None:
    if pay is None:
        return None
    return {
        "period": pay.period,
        "min_krw": pay.min_krw,
        "max_krw": pay.max_krw,
        "negotiable": pay.negotiable,
        "below_minimum_wage": pay.below_minimum_wage,
    }
