"""잡알리오 공공기관 채용정보: one ``result`` record, and its detail's attachments."""

from collections.abc import Mapping
from datetime import UTC, datetime, time
from typing import Any

from ilteo_common.items import Career, JobPosting, Place
from ilteo_ingest.normalize.common import (
    KST,
    as_dict,
    as_list,
    clean_html,
    education_from_text,
    employment_type_from_text,
    parse_count,
    parse_date,
    parse_period,
    split_list,
    text_or_none,
    url_or_none,
)
from ilteo_ingest.normalize.places import district_in_text

# recrutSe (채용구분).
CAREER_CODES = {
    "R2010": Career.NONE,
    "R2020": Career.EXPERIENCED,
    "R2030": Career.ANY,
}


def normalize(
    record: Mapping[str, Any], detail: Mapping[str, Any] | None
) -> JobPosting:
    period = parse_period(record.get("pbancBgngYmd"), record.get("pbancEndYmd"))
    hire_types = split_list(record.get("hireTypeNmLst"), ",")
    qualifications = clean_html(record.get("aplyQlfcCn"))
    preferences = clean_html(record.get("prefCondCn"))
    title = clean_html(record.get("recrutPbancTtl")) or ""
    texts = (qualifications, preferences, _attachments(detail))
    return JobPosting(
        title=title,
        description="\n".join(filter(None, texts)) or None,
        organization=text_or_none(record.get("instNm")),
        url=url_or_none(record.get("srcUrl")),
        place=_place(record, title, qualifications),
        posted_at=_midnight(period.starts_on),
        closes_on=period.ends_on,
        deadline_text=period.text,
        keywords=split_list(record.get("ncsCdNmLst"), ","),
        occupation_code=text_or_none(record.get("ncsCdLst")),
        employment_type=employment_type_from_text(hire_types[0])
        if hire_types
        else None,
        employment_type_text=", ".join(hire_types) or None,
        career=CAREER_CODES.get(str(record.get("recrutSe") or "")),
        education=education_from_text(record.get("acbgCondNmLst")),
        headcount=parse_count(record.get("recrutNope")),
    )


def _attachments(detail: Mapping[str, Any] | None) -> str | None:
    """The detail's ``files`` (atchFileNm), named: the files are not fetched."""
    names = [
        name
        for entry in as_list(as_dict(detail).get("files"))
        if (name := text_or_none(as_dict(entry).get("atchFileNm")))
    ]
    return "첨부파일: " + ", ".join(names) if names else None


def _place(record: Mapping[str, Any], title: str, text: str | None) -> Place:
    regions = split_list(record.get("workRgnNmLst"), ",")
    district = district_in_text(f"{title}\n{text or ''}")
    return Place(district_id=district, region_text=", ".join(regions) or None)


def _midnight(day: Any) -> datetime | None:
    found = parse_date(day) if day is not None else None
    if found is None:
        return None
    return datetime.combine(found, time(), tzinfo=KST).astimezone(UTC)
