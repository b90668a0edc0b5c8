"""나라일터 공공채용: a ``getList`` item plus its ``getItem`` detail."""

from collections.abc import Mapping
from datetime import UTC, datetime, time
from typing import Any

from ilteo_common.items import JobPosting, Place
from ilteo_ingest.normalize.common import (
    KST,
    as_dict,
    clean_html,
    employment_type_from_text,
    parse_date,
    parse_deadline,
    text_or_none,
)
from ilteo_ingest.normalize.places import district_in_text, place_from

SITE = "https://www.gojobs.go.kr"


def normalize(
    record: Mapping[str, Any], detail: Mapping[str, Any] | None
) -> JobPosting:
    item = as_dict(detail)
    merged = {**record, **{k: v for k, v in item.items() if v not in (None, "")}}
    contents = clean_html(merged.get("contents"))
    deadline = parse_deadline(merged.get("enddate"))
    title = clean_html(merged.get("title")) or ""
    return JobPosting(
        title=title,
        description=contents,
        organization=text_or_none(merged.get("deptName")),
        url=f"{SITE}/apmView.do?empmnsn={record['idx']}",
        place=_place(merged, contents),
        posted_at=_midnight(merged.get("regdate")),
        closes_on=deadline.closes_on,
        open_until_filled=deadline.open_until_filled,
        deadline_text=deadline.text,
        employment_type=employment_type_from_text(title),
        employment_type_text=None,
    )


def _place(merged: Mapping[str, Any], contents: str | None) -> Place:
    place = place_from(address=merged.get("workAddr"), region=merged.get("areaNm"))
    if place.district_id is not None:
        return place
    # The region is often missing: read it from the posting's own text.
    found = district_in_text(contents)
    return place.model_copy(update={"district_id": found}) if found else place


def _midnight(value: Any) -> datetime | None:
    day = parse_date(value)
    if day is None:
        return None
    return datetime.combine(day, time(), tzinfo=KST).astimezone(UTC)
