"""Reasons in plain Korean (pure functions, no engines)."""

from datetime import date

from ilteo_recommend.profiles.schemas import IndividualFields
from ilteo_recommend.recommendations.ranking import Candidate
from ilteo_recommend.recommendations.reasons import (
    deadline_part,
    eligibility_part,
    pay_part,
    reasons_for,
)

TODAY = date(2026, 12, 1)
WELDER = IndividualFields(
    audience="individual",
    desired_occupations=["용접원"],
    skills=["용접", "CO2"],
    career_years=6,
    preferred_districts=["bupyeong-gu"],
    min_monthly_pay_krw=2_800_000,
)


class TestReasonsFor:
    def test_matches_district_and_pay(self) -> None:
        candidate = Candidate(
            key="k",
            source={
                "kind": "job",
                "district_id": "bupyeong-gu",
                "pay_month_min": 2_800_000,
                "pay_month_max": 2_800_000,
            },
            matched={"term:용접", "term:CO2"},
        )
        parts = reasons_for(
            candidate,
            fields=WELDER,
            wanted_pay=2_800_000,
            preferred=frozenset({"bupyeong-gu"}),
            today=TODAY,
        )
        assert parts == [
            "용접·CO2 경력과 일치",
            "부평구 (희망 지역)",
            "월 280만원 (희망 이상)",
        ]

    def test_a_course_for_a_wish_is_not_called_a_skill_one_has(self) -> None:
        newcomer = IndividualFields(
            audience="individual",
            desired_occupations=["지게차 운전원", "용접원"],
            skills=["용접"],
        )
        course = Candidate(
            key="k",
            source={"kind": "training"},
            matched={"term:지게차 운전", "term:용접"},
        )
        parts = reasons_for(
            course,
            fields=newcomer,
            wanted_pay=None,
            preferred=frozenset(),
            today=TODAY,
        )
        assert parts == ["희망 직종 지게차 운전원 관련, 용접 보유 기술과 일치"]

    def test_nothing_matched_and_nothing_similar_says_nothing_false(self) -> None:
        candidate = Candidate(key="k", source={"kind": "job"})
        candidate.signals = {"similarity": 0.1}
        parts = reasons_for(
            candidate,
            fields=WELDER,
            wanted_pay=None,
            preferred=frozenset(),
            today=TODAY,
        )
        assert parts == []


class TestParts:
    def test_pay_below_the_wish(self) -> None:
        source = {"kind": "job", "pay_month_min": 2_200_000, "pay_month_max": 2_400_000}
        assert (
            pay_part(source, wanted=2_800_000) == "월 220만원~240만원 (희망보다 낮음)"
        )

    def test_age_band_known_and_unknown(self) -> None:
        source = {"eligibility_age_min": 19, "eligibility_age_max": 34}
        youth = WELDER.model_copy(update={"birth_year": 2000})
        assert eligibility_part(source, fields=youth) == "만 19~34세 대상 (연령 충족)"
        assert (
            eligibility_part(source, fields=WELDER)
            == "만 19~34세 대상 (연령 확인 필요)"
        )

    def test_deadline_soon(self) -> None:
        assert deadline_part({"closes_on": "2026-12-04"}, today=TODAY) == "마감 D-3"
        assert deadline_part({"closes_on": "2026-12-01"}, today=TODAY) == "오늘 마감"
        assert deadline_part({"closes_on": "2027-01-30"}, today=TODAY) is None
