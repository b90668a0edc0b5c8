"""The catalogue of current and former districts, and the 법정동 crosswalk."""

from collections.abc import Iterable
from datetime import date

import pytest

from ilteo_places import (
    DISTRICTS,
    FORMER_DISTRICTS,
    District,
    district_for_dong,
    successors,
)
from ilteo_places.districts import DONGS
from ilteo_places.geo import former_dong_name


def names(districts: Iterable[District]) -> list[str]:
    return [d.name_ko for d in districts]


class TestDistricts:
    def test_there_are_nine_gu_and_two_gun(self) -> None:
        kinds = [d.kind for d in DISTRICTS]

        assert (kinds.count("구"), kinds.count("군")) == (9, 2)

    def test_ids_names_and_codes_are_unique(self) -> None:
        for field in ("id", "name_ko", "name_en", "official_code"):
            values = [getattr(d, field) for d in DISTRICTS]
            assert len(set(values)) == len(DISTRICTS), field

    def test_codes_are_those_of_the_national_code_list(self) -> None:
        codes = {d.name_ko: d.official_code for d in DISTRICTS}

        assert codes == {
            "제물포구": "28125",
            "영종구": "28155",
            "미추홀구": "28177",
            "연수구": "28185",
            "남동구": "28200",
            "부평구": "28237",
            "계양구": "28245",
            "서해구": "28275",
            "검단구": "28290",
            "강화군": "28710",
            "옹진군": "28720",
        }

    def test_only_the_reorganised_districts_have_a_creation_date(self) -> None:
        created = {d.name_ko for d in DISTRICTS if d.created == date(2026, 7, 1)}

        assert created == {"제물포구", "영종구", "서해구", "검단구"}
        assert all(d.created is None for d in DISTRICTS if d.name_ko not in created)

    def test_every_district_has_its_dong_list_and_no_dong_is_listed_twice(
        self,
    ) -> None:
        assert set(DONGS) == {d.id for d in DISTRICTS}
        for dongs in DONGS.values():
            assert len(dongs) == len(set(dongs))


class TestSuccessors:
    @pytest.mark.parametrize(
        ("code", "expected"),
        [
            ("28110", ["제물포구", "영종구"]),
            ("28140", ["제물포구"]),
            ("28170", ["미추홀구"]),
            ("28260", ["서해구", "검단구"]),
            ("28237", ["부평구"]),
            ("28290", ["검단구"]),
            ("11140", []),
        ],
    )
    def test_maps_current_and_former_codes(
        self, code: str, expected: list[str]
    ) -> None:
        assert names(successors(code)) == expected

    def test_the_districts_replaced_in_2026_end_the_day_before(self) -> None:
        ends = {f.name_ko: f.until for f in FORMER_DISTRICTS}

        assert ends == {
            "중구": date(2026, 6, 30),
            "동구": date(2026, 6, 30),
            "남구": date(2018, 6, 30),
            "서구": date(2026, 6, 30),
        }


class TestDistrictForDong:
    @pytest.mark.parametrize(
        ("district", "dong", "expected"),
        [
            ("28110", "운서동", "영종구"),
            ("중구", "무의동", "영종구"),
            ("중구", "신포동", "제물포구"),
            ("동구", "송림동", "제물포구"),
            ("서구", "마전동", "검단구"),
            ("28260", "청라동", "서해구"),
            ("서구", "검암동", "서해구"),
            ("서구", "시천동", "검단구"),
            ("부평구", "부평동", "부평구"),
        ],
    )
    def test_gives_one_current_district(
        self, district: str, dong: str, expected: str
    ) -> None:
        found = district_for_dong(district, dong)

        assert found is not None
        assert found.name_ko == expected

    def test_a_dong_of_another_district_gives_none(self) -> None:
        assert district_for_dong("중구", "마전동") is None

    def test_every_former_dong_of_a_split_district_has_exactly_one_successor(
        self,
    ) -> None:
        for code in [f"28110{n}" for n in range(101, 153)] + [
            f"28260{n}" for n in range(101, 122) if n != 116
        ]:
            name = former_dong_name(code)
            assert name is not None, code
            assert district_for_dong(code[:5], name) is not None, (code, name)
