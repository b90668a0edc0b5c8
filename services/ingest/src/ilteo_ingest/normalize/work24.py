"""고용24 채용정보: a ``wanted`` list record plus its ``wantedDtl`` detail."""

from collections.abc import Mapping
from datetime import UTC, datetime, time
from typing import Any

from ilteo_common.items import JobPosting
from ilteo_ingest.normalize.common import (
    KST,
    as_dict,
    as_list,
    career_from_text,
    clean_html,
    education_from_code,
    employment_type_from_code,
    employment_type_from_text,
    parse_count,
    parse_date,
    parse_deadline,
    parse_pay,
    split_list,
    text_or_none,
    url_or_none,
)
from ilteo_ingest.normalize.places import place_from


def normalize(
    record: Mapping[str, Any], detail: Mapping[str, Any] | None
) -> JobPosting:
    dtl = as_dict(detail)
    info = as_dict(dtl.get("wantedInfo"))
    corp = as_dict(dtl.get("corpInfo"))
    deadline = parse_deadline(record.get("closeDt") or info.get("receiptCloseDt"))
    employment_type, code_name = employment_type_from_code(
        record.get("empTpCd") or info.get("empTpCd")
    )
    employment_text = text_or_none(info.get("empTpNm")) or code_name
    career, career_years = career_from_text(record.get("career"))
    return JobPosting(
        title=text_or_none(info.get("wantedTitle")) or record["title"],
        description=clean_html(info.get("jobCont")),
        organization=text_or_none(record.get("company") or corp.get("corpNm")),
        url=url_or_none(record.get("wantedInfoUrl")),
        place=place_from(
            address=_address(record, corp),
            region=record.get("region") or info.get("workRegion"),
        ),
        posted_at=_registered(record.get("regDt")),
        closes_on=deadline.closes_on,
        open_until_filled=deadline.open_until_filled,
        deadline_text=deadline.text,
        keywords=_keywords(info),
        occupation_code=text_or_none(record.get("jobsCd") or info.get("jobsCd")),
        occupation=text_or_none(info.get("jobsNm")),
        industry=text_or_none(record.get("indTpNm") or corp.get("indTpCdNm")),
        employment_type=employment_type or employment_type_from_text(employment_text),
        employment_type_text=employment_text,
        pay=parse_pay(
            record.get("sal"),
            period=record.get("salTpNm") or info.get("salTpCd"),
            min_krw=record.get("minSal"),
            max_krw=record.get("maxSal"),
        ),
        career=career,
        career_min_years=career_years,
        education=education_from_code(
            record.get("minEdubg") or info.get("minEdubgIcd")
        ),
        headcount=parse_count(info.get("collectPsncnt")),
        working_hours=text_or_none(info.get("workdayWorkhrCont")),
        benefits=split_list(info.get("etcWelfare"), ",/"),
    )


def _address(record: Mapping[str, Any], corp: Mapping[str, Any]) -> str | None:
    parts = [
        text_or_none(record.get("basicAddr")),
        text_or_none(record.get("detailAddr")),
    ]
    joined = " ".join(part for part in parts if part)
    return joined or text_or_none(corp.get("corpAddr"))


def _registered(value: Any) -> datetime | None:
    # regDt is a two-digit-year date (26-03-30): midnight in Korea.
    day = parse_date(value)
    if day is None:
        return None
    return datetime.combine(day, time(), tzinfo=KST).astimezone(UTC)


def _keywords(info: Mapping[str, Any]) -> list[str]:
    listing = as_dict(info.get("keywordList"))
    words = [text_or_none(word) for word in as_list(listing.get("srchKeywordNm"))]
    return [word for word in words if word]
