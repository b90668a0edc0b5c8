import pytest

from ilteo_common.items import Audience, CompanySize, EmploymentStatus
from ilteo_ingest.normalize.eligibility import (
    parse_age_range,
    parse_audience,
    parse_eligibility,
)


class TestParseAgeRange:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("만 19세 ~ 39세", (19, 39)),
            ("만19세 이상 34세 이하", (19, 34)),
            ("18~34세 청년", (18, 34)),
            ("만 39세 이하", (None, 39)),
            ("65세 미만", (None, 64)),
            ("만 65세 이상 어르신", (65, None)),
            ("나이 제한 없음", (None, None)),
        ],
    )
    def test_wordings(self, text: str, expected: tuple[int | None, int | None]) -> None:
        assert parse_age_range(text) == expected


class TestParseEligibility:
    def test_youth_condition(self) -> None:
        found = parse_eligibility("만 19세 ~ 39세 인천광역시 거주 미취업 청년")

        assert (found.age_min, found.age_max) == (19, 39)
        assert found.residence == ["incheon"]
        assert found.employment_status == [EmploymentStatus.UNEMPLOYED]
        assert found.text == "만 19세 ~ 39세 인천광역시 거주 미취업 청년"

    def test_district_residence_with_particle(self) -> None:
        found = parse_eligibility("공고일 기준 부평구에 주민등록을 둔 재직자")

        assert found.residence == ["bupyeong-gu"]
        assert found.employment_status == [EmploymentStatus.EMPLOYED]

    def test_former_split_district_covers_its_successors(self) -> None:
        found = parse_eligibility("서구 거주자")

        assert found.residence is not None
        assert set(found.residence) == {"seohae-gu", "geomdan-gu"}

    def test_company_age_and_size(self) -> None:
        found = parse_eligibility("인천 소재 창업 7년 이내 중소기업")

        assert found.company_max_age_years == 7
        assert found.company_sizes == [
            CompanySize.MICRO,
            CompanySize.SMALL,
            CompanySize.MEDIUM,
        ]

    def test_micro_business_is_not_read_as_small_company(self) -> None:
        assert parse_eligibility("소상공인").company_sizes == [CompanySize.MICRO]

    def test_no_text_sets_no_condition(self) -> None:
        found = parse_eligibility(None, "")

        assert found.model_dump(exclude_none=True) == {}


class TestParseAudience:
    @pytest.mark.parametrize(
        ("text", "audience"),
        [
            ("예비창업자 및 창업기업", [Audience.FOUNDER, Audience.COMPANY]),
            ("중소기업", [Audience.COMPANY]),
            ("미취업 청년", [Audience.INDIVIDUAL]),
            ("", [Audience.INDIVIDUAL]),
        ],
    )
    def test_who_a_program_is_for(self, text: str, audience: list[Audience]) -> None:
        assert parse_audience(text) == audience
