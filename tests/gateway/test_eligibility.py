"""Eligibility hints of the search page: a profile against an item's conditions."""

from typing import Any

import pytest

from ilteo_gateway.web.eligibility import Hint, Verdict, describe, hints
from ilteo_gateway.web.i18n import Translator

YEAR = 2026
KO = Translator("ko")
EN = Translator("en")

JOB_SEEKER = {
    "audience": "individual",
    "birth_year": 1996,  # 30 this year
    "residence_district": "bupyeong-gu",
    "employment_status": "unemployed",
}
COMPANY = {
    "audience": "company",
    "industry": "제조업",
    "size": "small",
    "founding_year": 2024,
    "district": "namdong-gu",
}


def verdicts(
    eligibility: dict[str, Any],
    profile: dict[str, Any],
    audience: tuple[str, ...] = ("individual",),
) -> dict[str, Verdict]:
    found = hints(
        eligibility=eligibility, audience=list(audience), profile=profile, year=YEAR
    )
    return {hint.condition: hint.verdict for hint in found}


class TestAge:
    @pytest.mark.parametrize(
        ("low", "high", "expected"),
        [
            (19, 39, Verdict.MET),
            (30, 30, Verdict.MET),
            (31, None, Verdict.NOT_MET),
            (None, 29, Verdict.NOT_MET),
            (40, 64, Verdict.NOT_MET),
        ],
    )
    def test_age_reached_this_year(
        self, low: int | None, high: int | None, expected: Verdict
    ) -> None:
        rules = {"age_min": low, "age_max": high}

        assert verdicts(rules, JOB_SEEKER)["age"] is expected

    def test_without_a_birth_year_it_is_to_check_and_says_what_to_add(self) -> None:
        profile = {**JOB_SEEKER, "birth_year": None}

        (hint,) = hints(
            eligibility={"age_min": 19, "age_max": 39},
            audience=["individual"],
            profile=profile,
            year=YEAR,
        )

        assert hint.verdict is Verdict.UNKNOWN
        assert hint.missing == "birth_year"

    def test_a_founder_has_no_birth_year_to_add(self) -> None:
        founder = {"audience": "founder", "stage": "early", "district": "yeonsu-gu"}

        (hint,) = hints(
            eligibility={"age_max": 39},
            audience=["founder"],
            profile=founder,
            year=YEAR,
        )

        assert (hint.verdict, hint.missing) == (Verdict.UNKNOWN, None)

    def test_a_company_is_not_asked_its_age(self) -> None:
        assert "age" not in verdicts({"age_max": 39}, COMPANY, ("company",))


class TestResidence:
    def test_anyone_in_the_city_meets_a_city_wide_condition(self) -> None:
        assert verdicts({"residence": ["incheon"]}, JOB_SEEKER) == {
            "residence": Verdict.MET
        }

    def test_another_district_does_not(self) -> None:
        rules = {"residence": ["ganghwa-gun", "ongjin-gun"]}

        assert verdicts(rules, JOB_SEEKER)["residence"] is Verdict.NOT_MET

    def test_the_same_district_does(self) -> None:
        rules = {"residence": ["bupyeong-gu"]}

        assert verdicts(rules, JOB_SEEKER)["residence"] is Verdict.MET

    def test_preferred_districts_are_not_a_residence(self) -> None:
        profile = {"audience": "individual", "preferred_districts": ["bupyeong-gu"]}

        (hint,) = hints(
            eligibility={"residence": ["incheon"]},
            audience=["individual"],
            profile=profile,
            year=YEAR,
        )

        assert (hint.verdict, hint.missing) == (Verdict.UNKNOWN, "residence_district")

    def test_a_company_is_where_it_is_located(self) -> None:
        rules = {"residence": ["namdong-gu"]}

        assert verdicts(rules, COMPANY, ("company",))["residence"] is Verdict.MET


class TestEmploymentStatus:
    def test_met_and_not_met(self) -> None:
        employed = {**JOB_SEEKER, "employment_status": "employed"}
        rules = {"employment_status": ["unemployed"]}

        assert verdicts(rules, JOB_SEEKER)["employment_status"] is Verdict.MET
        assert verdicts(rules, employed)["employment_status"] is Verdict.NOT_MET

    def test_unknown_without_a_status(self) -> None:
        profile = {**JOB_SEEKER, "employment_status": None}
        rules = {"employment_status": ["unemployed"]}

        assert verdicts(rules, profile)["employment_status"] is Verdict.UNKNOWN


class TestCompanies:
    @pytest.mark.parametrize(
        ("founded", "expected"),
        [(2024, Verdict.MET), (2023, Verdict.MET), (2020, Verdict.NOT_MET)],
    )
    def test_company_age(self, founded: int, expected: Verdict) -> None:
        company = {**COMPANY, "founding_year": founded}

        found = verdicts({"company_max_age_years": 3}, company, ("company",))

        assert found["company_age"] is expected

    @pytest.mark.parametrize(
        ("stage", "limit", "expected"),
        [
            ("pre_founding", 0, Verdict.MET),
            ("early", 3, Verdict.MET),
            ("early", 1, Verdict.UNKNOWN),
            ("growth", 7, Verdict.MET),
            ("growth", 5, Verdict.UNKNOWN),
            ("growth", 2, Verdict.NOT_MET),
        ],
    )
    def test_a_founders_stage_stands_for_the_company_age(
        self, stage: str, limit: int, expected: Verdict
    ) -> None:
        founder = {"audience": "founder", "stage": stage, "district": "yeonsu-gu"}

        found = verdicts({"company_max_age_years": limit}, founder, ("founder",))

        assert found["company_age"] is expected

    def test_company_size(self) -> None:
        medium = {**COMPANY, "size": "medium"}
        rules = {"company_sizes": ["small"]}

        assert verdicts(rules, COMPANY, ("company",))["company_size"] is Verdict.MET
        assert verdicts(rules, medium, ("company",))["company_size"] is Verdict.NOT_MET

    def test_company_conditions_say_nothing_to_a_job_seeker(self) -> None:
        rules = {"company_sizes": ["small"], "company_max_age_years": 3}

        assert verdicts(rules, JOB_SEEKER, ("individual", "company")) == {}


class TestAudience:
    def test_an_item_for_companies_is_not_for_a_job_seeker(self) -> None:
        assert verdicts({}, JOB_SEEKER, ("company",)) == {"audience": Verdict.NOT_MET}

    def test_a_matching_audience_adds_no_line(self) -> None:
        assert verdicts({}, JOB_SEEKER, ("individual", "company")) == {}


class TestNoConditions:
    def test_nothing_stated_gives_no_hints(self) -> None:
        assert hints(eligibility=None, audience=[], profile=JOB_SEEKER, year=YEAR) == []


class TestDescribe:
    @pytest.mark.parametrize(
        ("hint", "korean", "english"),
        [
            (
                Hint("age", Verdict.MET, {"low": 19, "high": 39}),
                "나이 만 19~39세",
                "Age 19 to 39",
            ),
            (
                Hint("age", Verdict.MET, {"low": 40, "high": None}),
                "나이 만 40세 이상",
                "Age 40 or over",
            ),
            (
                Hint("residence", Verdict.MET, {"districts": ["incheon"]}),
                "거주지 인천",
                "Living in Incheon",
            ),
            (
                Hint("residence", Verdict.MET, {"districts": ["yeongjong-gu"]}),
                "거주지 영종구",
                "Living in Yeongjong-gu",
            ),
            (
                Hint("employment_status", Verdict.MET, {"statuses": ["unemployed"]}),
                "대상 미취업",
                "For: Not in work",
            ),
            (
                Hint("audience", Verdict.NOT_MET, {"audience": ["company"]}),
                "대상 기업",
                "For: Company",
            ),
        ],
    )
    def test_in_both_languages(self, hint: Hint, korean: str, english: str) -> None:
        assert describe(hint, KO) == korean
        assert describe(hint, EN) == english
