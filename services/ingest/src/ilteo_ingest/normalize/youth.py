"""온통청년 청년정책: one ``youthPolicyList`` record."""

from collections.abc import Mapping
from typing import Any

from ilteo_common.items import Eligibility, ItemKind, Period, Place, SupportProgram
from ilteo_ingest.normalize.common import (
    clean_html,
    parse_count,
    parse_period,
    parse_timestamp,
    split_list,
    text_or_none,
    url_or_none,
)
from ilteo_ingest.normalize.eligibility import parse_audience, parse_eligibility
from ilteo_places import DISTRICTS, resolve


def normalize(
    record: Mapping[str, Any], detail: Mapping[str, Any] | None
) -> SupportProgram:
    conditions = [record.get("addAplyQlfcCndCn"), record.get("ptcpPrpTrgtCn")]
    audience = parse_audience(*conditions, record.get("plcyExplnCn"))
    eligibility = _eligibility(record, conditions)
    only = [d for d in eligibility.residence or [] if d != "incheon"]
    return SupportProgram(
        kind=ItemKind.POLICY,
        title=record["plcyNm"],
        description=clean_html(record.get("plcyExplnCn")),
        organization=text_or_none(
            record.get("sprvsnInstCdNm") or record.get("operInstCdNm")
        ),
        url=url_or_none(record.get("aplyUrlAddr") or record.get("refUrlAddr1")),
        posted_at=parse_timestamp(record.get("frstRegDt")),
        keywords=split_list(record.get("plcyKywdNm"), ","),
        audience=audience,
        categories=split_list(record.get("lclsfNm"), ",")
        + split_list(record.get("mclsfNm"), ","),
        support=clean_html(record.get("plcySprtCn")),
        application_period=_application_period(record),
        eligibility=eligibility,
        place=Place(district_id=only[0] if len(only) == 1 else None),
        capacity=parse_count(record.get("sprtSclCnt")) or None,
    )


def _application_period(record: Mapping[str, Any]) -> Period:
    """aplyYmd ("20260301 ~ 20260331"); empty means applications follow the
    business period (bizPrdBgngYmd ~ bizPrdEndYmd), checked as dates too."""
    business = parse_period(record.get("bizPrdBgngYmd"), record.get("bizPrdEndYmd"))
    stated = parse_period(record.get("aplyYmd"))
    return stated if record.get("aplyYmd") else business


def _eligibility(record: Mapping[str, Any], conditions: list[Any]) -> Eligibility:
    parsed = parse_eligibility(*conditions)
    low = parse_count(record.get("sprtTrgtMinAge")) or None
    high = parse_count(record.get("sprtTrgtMaxAge")) or None
    residence = _residence(record.get("zipCd")) or parsed.residence
    return parsed.model_copy(
        update={
            "age_min": low if low is not None else parsed.age_min,
            "age_max": high if high is not None else parsed.age_max,
            "residence": residence,
        }
    )


def _residence(zip_codes: Any) -> list[str] | None:
    """zipCd lists 시군구 codes (28237,28245); all of Incheon's means the city."""
    found: list[str] = []
    for code in split_list(zip_codes, ","):
        if not code.startswith("28"):
            continue
        for district in resolve(code[:5]).candidates:
            if district.id not in found:
                found.append(district.id)
    if not found:
        return None
    return ["incheon"] if len(found) == len(DISTRICTS) else found
