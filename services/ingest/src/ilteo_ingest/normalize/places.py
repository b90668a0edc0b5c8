"""Places as current districts: from coordinates, an address, a name or a code."""

from typing import Any

from ilteo_common.items import GeoPoint, Place
from ilteo_ingest.normalize.common import parse_float, text_or_none
from ilteo_places import district_at, district_from_address, resolve


def place_from(
    *,
    address: Any = None,
    region: Any = None,
    lon: Any = None,
    lat: Any = None,
) -> Place:
    """The current district, tried from the most to the least precise hint.

    Coordinates win, then the address (its 법정동 settles a split district such
    as the former 중구 or 서구), then a district name or code in ``region``.
    """
    point = _point(lon, lat)
    address_text = text_or_none(address)
    region_text = text_or_none(region)
    district = district_at(point.lon, point.lat) if point else None
    if district is None and address_text:
        district = district_from_address(address_text)
    if district is None and region_text:
        district = district_from_address(region_text) or resolve(region_text).district
    return Place(
        district_id=district.id if district else None,
        address=address_text,
        point=point,
        region_text=region_text,
    )


def district_in_text(text: Any) -> str | None:
    """A current district named anywhere in a free text (나라일터's contents)."""
    value = text_or_none(text)
    if value is None:
        return None
    for line in value.splitlines():
        if "인천" not in line:
            continue
        district = district_from_address(line[line.index("인천") :][:80])
        if district is not None:
            return district.id
    return None


def _point(lon: Any, lat: Any) -> GeoPoint | None:
    x, y = parse_float(lon), parse_float(lat)
    if x is None or y is None or not (-180 <= x <= 180 and -90 <= y <= 90):
        return None
    return GeoPoint(lon=x, lat=y)
