"""Incheon addresses, with old or new district names, to current districts."""

import pytest

from ilteo_places import district_from_address, resolve_address


class TestDistrictFromAddress:
    @pytest.mark.parametrize(
        ("address", "expected"),
        [
            ("인천 중구 운서동 123", "영종구"),
            ("인천광역시 중구 운서동 2850", "영종구"),
            ("인천광역시 서구 마전동", "검단구"),
            ("인천 동구 송림동", "제물포구"),
            ("인천광역시 부평구 부평대로 1", "부평구"),
            ("인천광역시 부평구 부평대로 1 (부평동)", "부평구"),
            ("인천광역시 중구 신포로 27 (신포동)", "제물포구"),
            ("중구 중앙동1가 3-2", "제물포구"),
            ("인천 서구 청라동 1-2", "서해구"),
            ("인천광역시 서구 검암동 100", "서해구"),
            ("인천광역시 남구 주안동 1", "미추홀구"),
            ("인천광역시 영종구 운서동 2850", "영종구"),
            ("인천광역시 서해구 청라대로 204", "서해구"),
            ("인천 강화군 강화읍 관청리 1", "강화군"),
            ("인천 운서동123", "영종구"),
            ("Bupyeong-gu, Incheon", "부평구"),
        ],
    )
    def test_reads_the_current_district(self, address: str, expected: str) -> None:
        district = district_from_address(address)

        assert district is not None
        assert district.name_ko == expected

    def test_a_split_district_without_its_dong_is_unclear(self) -> None:
        resolution = resolve_address("인천광역시 중구 공항로 272")

        assert district_from_address("인천광역시 중구 공항로 272") is None
        assert [d.name_ko for d in resolution.candidates] == ["제물포구", "영종구"]

    def test_a_dong_name_shared_by_two_districts_without_district_is_unclear(
        self,
    ) -> None:
        resolution = resolve_address("인천 금곡동 1")

        assert resolution.ambiguous
        assert district_from_address("인천 금곡동 1") is None

    def test_the_district_named_decides_a_shared_dong_name(self) -> None:
        district = district_from_address("인천 서구 금곡동 1")

        assert district is not None
        assert district.name_ko == "검단구"

    @pytest.mark.parametrize(
        "address",
        ["서울특별시 중구 세종대로 110", "부산광역시 서구 구덕로 1", "", "아무 데나"],
    )
    def test_an_address_elsewhere_gives_none(self, address: str) -> None:
        assert district_from_address(address) is None
