"""기업마당 지원사업: one ``jsonArray`` record."""

import re
from collections.abc import Mapping
from typing import Any

from ilteo_common.items import Audience, ItemKind, Place, SupportProgram
from ilteo_ingest.normalize.common import (
    clean_html,
    parse_period,
    parse_timestamp,
    split_list,
    text_or_none,
    url_or_none,
)
from ilteo_ingest.normalize.eligibility import parse_audience, parse_eligibility
from ilteo_ingest.normalize.places import place_from

SITE = "https://www.bizinfo.go.kr"


def normalize(
    record: Mapping[str, Any], detail: Mapping[str, Any] | None
) -> SupportProgram:
    target = record.get("trgetNm")
    summary = clean_html(record.get("bsnsSumryCn"))
    audience = parse_audience(target)
    if audience == [Audience.INDIVIDUAL] and not text_or_none(target):
        audience = [Audience.COMPANY]
    return SupportProgram(
        kind=ItemKind.PROGRAM,
        title=clean_html(record.get("pblancNm")) or "",
        description=summary,
        organization=text_or_none(
            record.get("jrsdInsttNm") or record.get("excInsttNm")
        ),
        url=url_or_none(record.get("pblancUrl"), base=SITE),
        place=_place(record.get("areaNm")),
        posted_at=parse_timestamp(record.get("creatPnttm")),
        keywords=split_list(record.get("hashtags"), ",")
        + split_list(record.get("industNm"), "@"),
        audience=audience,
        categories=split_list(record.get("pldirSportRealmLclasCodeNm"), "@"),
        support=summary,
        application_period=parse_period(record.get("reqstBeginEndDe")),
        eligibility=parse_eligibility(target, summary),
    )


def source_id(record: Mapping[str, Any]) -> str | None:
    """pblancId, or the id inside pblancUrl when the field itself is missing."""
    stated = text_or_none(record.get("pblancId"))
    if stated:
        return stated
    match = re.search(r"pblancId=([A-Za-z0-9_]+)", str(record.get("pblancUrl") or ""))
    return match[1] if match else None


def _place(areas: Any) -> Place:
    names = split_list(areas, "@")
    for name in names:
        place = place_from(region=name)
        if place.district_id:
            return place
    return Place(region_text="@".join(names) or None)
