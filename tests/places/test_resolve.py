"""Names and codes, current or former, to current districts."""

import pytest

from ilteo_places import resolve


def names_of(query: str) -> list[str]:
    return [d.name_ko for d in resolve(query).candidates]


class TestResolve:
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("부평구", "부평구"),
            ("부평", "부평구"),
            ("28237", "부평구"),
            ("Bupyeong", "부평구"),
            ("bupyeong-gu", "부평구"),
            ("Bupyeong-gu", "부평구"),
            ("인천광역시 부평구", "부평구"),
            ("인천 부평구", "부평구"),
            ("검단구", "검단구"),
            ("검단", "검단구"),
            ("28290", "검단구"),
            ("영종", "영종구"),
            ("Yeongjong-gu", "영종구"),
            ("제물포구", "제물포구"),
            ("서해구", "서해구"),
            ("미추홀", "미추홀구"),
            ("강화군", "강화군"),
            ("Ongjin", "옹진군"),
        ],
    )
    def test_a_current_name_code_or_english_name_gives_that_district(
        self, query: str, expected: str
    ) -> None:
        resolution = resolve(query)

        assert resolution.district is not None
        assert resolution.district.name_ko == expected
        assert resolution.former is None
        assert not resolution.ambiguous

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("동구", "제물포구"),
            ("28140", "제물포구"),
            ("Dong-gu", "제물포구"),
            ("남구", "미추홀구"),
            ("28170", "미추홀구"),
        ],
    )
    def test_a_former_district_merged_whole_gives_its_successor(
        self, query: str, expected: str
    ) -> None:
        resolution = resolve(query)

        assert resolution.district is not None
        assert resolution.district.name_ko == expected
        assert resolution.former is not None
        assert not resolution.ambiguous

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("중구", ["제물포구", "영종구"]),
            ("28110", ["제물포구", "영종구"]),
            ("Jung-gu", ["제물포구", "영종구"]),
            ("서구", ["서해구", "검단구"]),
            ("28260", ["서해구", "검단구"]),
            ("인천 서구", ["서해구", "검단구"]),
        ],
    )
    def test_a_split_former_district_is_ambiguous_with_all_candidates(
        self, query: str, expected: list[str]
    ) -> None:
        resolution = resolve(query)

        assert resolution.ambiguous
        assert resolution.district is None
        assert names_of(query) == expected
        assert resolution.former is not None

    @pytest.mark.parametrize(
        ("code", "expected"),
        [
            ("2811014700", "영종구"),  # 중구 운서동
            ("2811012400", "제물포구"),  # 중구 신포동
            ("28260113", "검단구"),  # 서구 마전동
            ("2826010400", "서해구"),  # 서구 경서동
            ("2823710100", "부평구"),  # 부평구 부평동
        ],
    )
    def test_a_former_beopjeongdong_code_gives_one_district(
        self, code: str, expected: str
    ) -> None:
        assert names_of(code) == [expected]

    @pytest.mark.parametrize(
        ("query", "suggestion"),
        [("부평군", "부평구"), ("Bupyong", "부평구"), ("검단동구", "검단구")],
    )
    def test_an_unknown_name_gives_no_match_and_close_suggestions(
        self, query: str, suggestion: str
    ) -> None:
        resolution = resolve(query)

        assert not resolution.found
        assert resolution.district is None
        assert suggestion in resolution.suggestions

    @pytest.mark.parametrize("query", ["", "서울", "강남구", "11140", "zzz"])
    def test_something_else_gives_no_match(self, query: str) -> None:
        assert not resolve(query).found

    def test_one_syllable_stems_are_not_accepted(self) -> None:
        assert not resolve("중").found
        assert not resolve("서").found
