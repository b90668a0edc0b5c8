"""The job map (일자리 맵) and the statistics per current district."""

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ilteo_places import DISTRICTS
from ilteo_search.api import hits, queries
from ilteo_search.api.errors import BadRequest, say
from ilteo_search.api.reading import clean_text, read_text, resolve_filters
from ilteo_search.api.repository import SearchRepository
from ilteo_search.api.schemas import (
    DistrictCount,
    DistrictStats,
    DistrictStatsResult,
    FacetBucket,
    GridCell,
    MapQuery,
    MapResult,
    StatsQuery,
)
from ilteo_search.api.vocabulary import Vocabulary

MAX_CELLS = 2000
TOP_OCCUPATIONS = 5


@dataclass(frozen=True, slots=True)
class Box:
    west: float
    south: float
    east: float
    north: float


def _bad_bbox() -> BadRequest:
    return BadRequest(
        say(
            "bbox는 '서,남,동,북' 경도·위도 네 개의 숫자입니다 (예: "
            "126.55,37.35,126.80,37.60).",
            "bbox is four numbers 'west,south,east,north' in degrees "
            "(e.g. 126.55,37.35,126.80,37.60).",
        ),
        field="bbox",
    )


def parse_bbox(text: str) -> Box:
    parts = text.split(",")
    if len(parts) != 4:
        raise _bad_bbox()
    try:
        west, south, east, north = (float(part) for part in parts)
    except ValueError:
        raise _bad_bbox() from None
    inside = all(math.isfinite(v) for v in (west, south, east, north)) and (
        -180 <= west < east <= 180 and -90 <= south < north <= 90
    )
    if not inside:
        raise _bad_bbox()
    return Box(west, south, east, north)


def _cells_agg(box: Box, zoom: int) -> dict[str, Any]:
    corners = {
        "top_left": {"lat": box.north, "lon": box.west},
        "bottom_right": {"lat": box.south, "lon": box.east},
    }
    grid = {"field": "location", "precision": zoom, "size": MAX_CELLS}
    return {
        "filter": {"geo_bounding_box": {"location": corners}},
        "aggs": {
            "grid": {
                "geotile_grid": grid,
                "aggs": {
                    "clusters": {"cardinality": {"field": queries.CLUSTER_FIELD}},
                    "centre": {"geo_centroid": {"field": "location"}},
                },
            }
        },
    }


def map_body(
    *, filters: queries.Filters, words: queries.TextQuery | None, cells: Any
) -> dict[str, Any]:
    count = {"clusters": {"cardinality": {"field": queries.CLUSTER_FIELD}}}
    query: dict[str, Any] = {"bool": {"filter": queries.all_filters(filters)}}
    if words is not None:
        query["bool"]["must"] = [queries.text_query(words)]
    aggs: dict[str, Any] = {
        "total": {"filter": {"match_all": {}}, "aggs": count},
        "districts": {
            "terms": {"field": "district_id", "size": 50},
            "aggs": count,
        },
        "unplaced": {"missing": {"field": "district_id"}, "aggs": count},
    }
    if cells is not None:
        aggs["cells"] = cells
    return {"query": query, "size": 0, "aggs": aggs, "track_total_hits": False}


async def district_map(
    *, query: MapQuery, repository: SearchRepository, vocabulary: Vocabulary
) -> MapResult:
    text = clean_text(query.q)
    filters, reading = await resolve_filters(request=query, vocabulary=vocabulary)
    words = read_text(text, reading=reading) if text else None
    if (query.bbox is None) != (query.zoom is None):
        raise BadRequest(
            say(
                "격자 칸을 보려면 bbox와 zoom을 함께 주세요.",
                "Grid cells need both bbox and zoom.",
            ),
            field="bbox" if query.bbox is None else "zoom",
        )
    cells = None
    if query.bbox is not None and query.zoom is not None:
        cells = _cells_agg(parse_bbox(query.bbox), query.zoom)

    body = map_body(filters=filters, words=words, cells=cells)
    aggs = (await repository.search(body)).get("aggregations", {})

    counts = {b["key"]: hits.clusters_count(b) for b in aggs["districts"]["buckets"]}
    return MapResult(
        total=hits.clusters_count(aggs["total"]),
        districts=[
            DistrictCount(
                **hits.DISTRICT_REFS[d.id].model_dump(), count=counts.get(d.id, 0)
            )
            for d in DISTRICTS
        ],
        unplaced=hits.clusters_count(aggs["unplaced"]),
        zoom=query.zoom if cells is not None else None,
        cells=_cells(aggs.get("cells")),
    )


def _cells(agg: dict[str, Any] | None) -> list[GridCell]:
    if agg is None:
        return []
    cells = []
    for bucket in agg["grid"]["buckets"]:
        centre = bucket["centre"].get("location")
        if centre is None:
            continue
        cells.append(
            GridCell(
                key=bucket["key"],
                count=hits.clusters_count(bucket),
                lat=centre["lat"],
                lon=centre["lon"],
            )
        )
    return cells


def stats_body(*, kind: str) -> dict[str, Any]:
    count = {"clusters": {"cardinality": {"field": queries.CLUSTER_FIELD}}}
    filters = [*queries.base_clauses(include_closed=False), {"term": {"kind": kind}}]
    pay = {
        "filter": {"exists": {"field": "pay_month_min"}},
        "aggs": {
            "months": {
                "percentiles": {"field": "pay_month_min", "percents": [25, 50, 75]}
            }
        },
    }
    occupations = {
        "terms": {"field": "occupation.keyword", "size": TOP_OCCUPATIONS},
        "aggs": count,
    }
    return {
        "query": {"bool": {"filter": filters}},
        "size": 0,
        "track_total_hits": False,
        "aggs": {
            "districts": {
                "terms": {"field": "district_id", "size": 50},
                "aggs": {**count, "occupations": occupations, "pay": pay},
            }
        },
    }


async def district_stats(
    *, query: StatsQuery, repository: SearchRepository
) -> DistrictStatsResult:
    """Open items, the leading occupations and the pay per current district."""
    body = stats_body(kind=query.kind.value)
    aggs = (await repository.search(body)).get("aggregations", {})
    buckets = {b["key"]: b for b in aggs["districts"]["buckets"]}
    return DistrictStatsResult(
        kind=query.kind,
        generated_at=datetime.now(UTC),
        districts=[_district_stats(d.id, buckets.get(d.id)) for d in DISTRICTS],
    )


def _won(value: Any) -> int | None:
    return round(value) if isinstance(value, int | float) else None


def _district_stats(district_id: str, bucket: dict[str, Any] | None) -> DistrictStats:
    ref = hits.DISTRICT_REFS[district_id].model_dump()
    if bucket is None:
        return DistrictStats(**ref, open_items=0, top_occupations=[], items_with_pay=0)
    percentiles = bucket["pay"]["months"]["values"]
    return DistrictStats(
        **ref,
        open_items=hits.clusters_count(bucket),
        top_occupations=[
            FacetBucket(value=o["key"], label=o["key"], count=hits.clusters_count(o))
            for o in bucket["occupations"]["buckets"]
        ],
        pay_month_median=_won(percentiles.get("50.0")),
        pay_month_p25=_won(percentiles.get("25.0")),
        pay_month_p75=_won(percentiles.get("75.0")),
        items_with_pay=int(bucket["pay"]["doc_count"]),
    )
