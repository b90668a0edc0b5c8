"""What the indexer adds to an item: pay per month and hour, district, status, cluster.

Pure functions of the item and the clock, so that each rule is tested as a table.
"""

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

from ilteo_common.items import (
    HOURS_PER_MONTH,
    MINIMUM_WAGE_2026_KRW_PER_HOUR,
    Item,
    JobPosting,
    Pay,
    PayPeriod,
    Place,
    SupportProgram,
)
from ilteo_places import District, district_at, district_from_address, resolve

SEOUL = ZoneInfo("Asia/Seoul")

HOURS_PER_DAY = 8
MONTHS_PER_YEAR = 12

# Hours of work that one unit of each pay period stands for.
HOURS_IN = {
    PayPeriod.HOUR: Fraction(1),
    PayPeriod.DAY: Fraction(HOURS_PER_DAY),
    PayPeriod.MONTH: Fraction(HOURS_PER_MONTH),
    PayPeriod.YEAR: Fraction(HOURS_PER_MONTH * MONTHS_PER_YEAR),
}


class Status(StrEnum):
    OPEN = "open"
    CLOSED = "closed"  # the deadline (마감일) has passed
    RETIRED = "retired"  # 채용시까지, and nobody touched it for too long


def pay_fields(pay: Pay | None) -> dict[str, Any]:
    """Pay per month and per hour in KRW; ``pay_stated`` false when the source is mute.

    Conversions go through hours: a month is 209 hours, a day 8, a year 12 months.
    """
    if pay is None:
        return {"pay_stated": False, "pay_negotiable": False}
    fields: dict[str, Any] = {
        "pay_stated": True,
        "pay_negotiable": pay.negotiable,
        "pay_period": pay.period,
        "pay_text": pay.text,
    }
    if pay.period is None:
        return fields
    for bound, amount in (("min", pay.min_krw), ("max", pay.max_krw)):
        if amount is not None:
            hourly = amount / HOURS_IN[pay.period]
            fields[f"pay_hour_{bound}"] = round(hourly)
            fields[f"pay_month_{bound}"] = round(hourly * HOURS_PER_MONTH)
    fields["below_minimum_wage"] = below_minimum_wage(pay)
    return fields


def below_minimum_wage(pay: Pay) -> bool | None:
    """Whether the lowest stated amount is under 최저임금; None without an amount."""
    lowest = pay.min_krw if pay.min_krw is not None else pay.max_krw
    if lowest is None or pay.period is None:
        return None
    # Exact arithmetic: 2,156,880 a month is exactly the minimum, not a won below.
    return Fraction(lowest) / HOURS_IN[pay.period] < MINIMUM_WAGE_2026_KRW_PER_HOUR


def current_district(place: Place) -> District | None:
    """The place's current district: from its point, its address, or its own id."""
    if place.point is not None:
        found = district_at(place.point.lon, place.point.lat)
        if found is not None:
            return found
    if place.address:
        found = district_from_address(place.address)
        if found is not None:
            return found
    for named in (place.district_id, place.region_text):
        if named:
            found = resolve(named).district or district_from_address(named)
            if found is not None:
                return found
    return None


def deadline(item: Item) -> date | None:
    if item.closes_on is not None:
        return item.closes_on
    if isinstance(item, SupportProgram):
        return item.application_period.ends_on
    return None


@dataclass(frozen=True, slots=True)
class Clock:
    """The moment of indexing and the retirement rule, given rather than read."""

    now: datetime
    retire_after_days: int

    @property
    def today(self) -> date:
        return self.now.astimezone(SEOUL).date()


def status(item: Item, *, modified_at: datetime, clock: Clock) -> Status:
    closes_on = deadline(item)
    if closes_on is not None and closes_on < clock.today:
        return Status.CLOSED
    stale = clock.now - modified_at > timedelta(days=clock.retire_after_days)
    if item.open_until_filled and closes_on is None and stale:
        return Status.RETIRED
    return Status.OPEN


_COMPANY_FORMS = re.compile(
    r"주식회사|유한회사|유한책임회사|합자회사|합명회사|사단법인|재단법인|"
    r"\((주|유|사|재)\)|㈜|㈔|㈕"
)
# Bracketed tags that sources put before a title: [인천 서구], 【급구】, (신입).
_TITLE_TAGS = re.compile(r"^\s*(\[[^\]]*\]|【[^】]*】|\([^)]*\))\s*")
_NOT_WORD = re.compile(r"[\W_]+")


def normalised_organization(name: str | None) -> str:
    text = unicodedata.normalize("NFKC", name or "")
    text = _COMPANY_FORMS.sub("", unicodedata.normalize("NFC", text))
    return _NOT_WORD.sub("", text).casefold()


def normalised_title(title: str) -> str:
    text = unicodedata.normalize("NFKC", title)
    while (stripped := _TITLE_TAGS.sub("", text, count=1)) != text:
        text = stripped
    return _NOT_WORD.sub("", text).casefold()


def cluster_id(item: Item, *, district_id: str | None) -> str:
    """A stable id shared by the same job (course, program) seen in several sources."""
    signature = "|".join(
        (
            item.kind,
            normalised_organization(item.organization),
            normalised_title(item.title),
            district_id or "",
        )
    )
    return hashlib.sha256(signature.encode()).hexdigest()[:20]


EMBEDDED_DESCRIPTION_CHARS = 1000
"""The model reads 512 tokens at most; a longer description only costs time."""


def embedding_text(item: Item, *, district: District | None) -> str:
    parts = [
        item.title,
        item.occupation if isinstance(item, JobPosting) else None,
        (item.description or "")[:EMBEDDED_DESCRIPTION_CHARS],
        item.organization,
        district.name_ko if district else None,
    ]
    return " ".join(part for part in parts if part)
