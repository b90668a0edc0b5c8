"""OpenSearch hits and buckets as the API's response models."""

from enum import StrEnum
from typing import Any, TypeVar

import structlog

from ilteo_common.items import (
    Career,
    Education,
    EmploymentType,
    ItemKind,
    PayPeriod,
)
from ilteo_places import DISTRICTS
from ilteo_search.api.schemas import (
    DistrictRef,
    FacetBucket,
    ItemSource,
    Pay,
    SearchHit,
    SourceLink,
)

log = structlog.get_logger(__name__)

DISTRICT_REFS: dict[str, DistrictRef] = {
    d.id: DistrictRef(id=d.id, name_ko=d.name_ko, name_en=d.name_en) for d in DISTRICTS
}

_E = TypeVar("_E", bound=StrEnum)


def enum_or_none(kind: type[_E], value: Any) -> _E | None:
    """A stored value as its enum; a value this version does not know is dropped."""
    try:
        return kind(value) if value is not None else None
    except ValueError:
        return None


def district_ref(district_id: str | None) -> DistrictRef | None:
    return DISTRICT_REFS.get(district_id) if district_id else None


def cluster_of(hit: dict[str, Any]) -> str:
    fields = hit.get("fields", {}).get("cluster_id")
    if fields:
        return str(fields[0])
    return str(hit.get("_source", {}).get("cluster_id") or hit["_id"])


def _pay(source: dict[str, Any]) -> Pay | None:
    amounts = ("pay_month_min", "pay_month_max", "pay_hour_min", "pay_hour_max")
    stated = source.get("pay_stated") or source.get("pay_text")
    if not stated and not any(source.get(name) is not None for name in amounts):
        return None
    return Pay(
        period=enum_or_none(PayPeriod, source.get("pay_period")),
        text=source.get("pay_text"),
        negotiable=bool(source.get("pay_negotiable")),
        month_min=source.get("pay_month_min"),
        month_max=source.get("pay_month_max"),
        hour_min=source.get("pay_hour_min"),
        hour_max=source.get("pay_hour_max"),
        below_minimum_wage=bool(source.get("below_minimum_wage")),
    )


def search_hit(hit: dict[str, Any], *, also_on: list[SourceLink]) -> SearchHit | None:
    source = hit.get("_source", {})
    kind = enum_or_none(ItemKind, source.get("kind"))
    if kind is None or not source.get("title"):
        log.warning("search.hit_skipped", key=hit.get("_id"), kind=source.get("kind"))
        return None
    return SearchHit(
        key=source.get("key") or hit["_id"],
        cluster_id=cluster_of(hit),
        kind=kind,
        title=source["title"],
        organization=source.get("organization"),
        occupation=source.get("occupation"),
        occupation_code=source.get("occupation_code"),
        district=district_ref(source.get("district_id")),
        region_text=source.get("region_text"),
        employment_type=enum_or_none(EmploymentType, source.get("employment_type")),
        career=enum_or_none(Career, source.get("career")),
        education=enum_or_none(Education, source.get("education")),
        remote=bool(source.get("remote")),
        pay=_pay(source),
        posted_at=source.get("posted_at"),
        closes_on=source.get("closes_on"),
        open_until_filled=bool(source.get("open_until_filled")),
        status=source.get("status", "open"),
        source=source.get("source", ""),
        url=source.get("url"),
        highlights=hit.get("highlight", {}),
        also_on=also_on,
    )


def source_link(source: dict[str, Any]) -> SourceLink:
    return SourceLink(
        key=source["key"],
        source=source.get("source", ""),
        source_id=source.get("source_id", ""),
        url=source.get("url"),
    )


def clusters_count(bucket: dict[str, Any]) -> int:
    clusters = bucket.get("clusters")
    if clusters is not None:
        return int(clusters["value"])
    return int(bucket.get("doc_count", 0))


def facet_label(facet: str, value: str) -> str:
    if facet == "district":
        ref = DISTRICT_REFS.get(value)
        return ref.name_ko if ref else value
    if facet == "min_pay_month":
        return f"월 {int(value) // 10_000:,}만원 이상"
    if facet == "closing_within_days":
        return f"{value}일 이내 마감"
    if facet == "remote":
        return "재택" if value == "true" else "출근"
    return value


def facet_buckets(facet: str, agg: dict[str, Any]) -> list[FacetBucket]:
    values = agg["values"]
    raw = values["buckets"]
    pairs: list[tuple[str, dict[str, Any]]]
    if isinstance(raw, dict):  # a ``filters`` aggregation: named buckets
        pairs = list(raw.items())
    else:
        pairs = [(str(b.get("key_as_string", b["key"])), b) for b in raw]
    buckets = [
        FacetBucket(value=value, label=facet_label(facet, value), count=count)
        for value, bucket in pairs
        if (count := clusters_count(bucket)) > 0
    ]
    if isinstance(raw, list):
        buckets.sort(key=lambda bucket: -bucket.count)
    return buckets


def item_source(source: dict[str, Any]) -> ItemSource:
    return ItemSource(
        **source_link(source).model_dump(),
        status=source.get("status", "open"),
        modified_at=source.get("modified_at"),
    )
