"""The profile form's reading and checks, the bar charts' geometry, and the words
the new pages' templates ask the catalog for."""

import re
from datetime import date
from pathlib import Path

import pytest

from ilteo_gateway.web import charts, profile_form
from ilteo_gateway.web.feedback_pages import back_to
from ilteo_gateway.web.i18n import CATALOG, Translator
from ilteo_gateway.web.profile_form import in_language, read_profile, service_problems

TODAY = date(2026, 12, 3)
KO = Translator("ko")
TEMPLATES = Path(profile_form.__file__).parent / "templates"


def problems_of(audience: str, posted: list[tuple[str, str]]) -> dict[str, str]:
    _body, problems = read_profile(audience, posted, today=TODAY)
    return {p.field: p.message(KO) for p in problems}


class TestReadIndividual:
    def test_a_full_form_becomes_the_api_body(self) -> None:
        posted = [
            ("audience", "individual"),
            ("desired_occupations", "용접원, 배관공 ,용접원"),
            ("skills", "CO2 용접\n특수용접"),
            ("certificates", ""),
            ("career_years", "7"),
            ("education", "high_school"),
            ("preferred_districts", "bupyeong-gu"),
            ("preferred_districts", "seohae-gu"),
            ("residence_district", "bupyeong-gu"),
            ("employment_types", "permanent"),
            ("employment_status", "unemployed"),
            ("min_monthly_pay_krw", "2,800,000"),
            ("birth_year", "1985"),
            ("about", ""),
            ("use_behaviour_for_ranking", "on"),
        ]

        body, problems = read_profile("individual", posted, today=TODAY)

        assert problems == []
        assert body == {
            "audience": "individual",
            "desired_occupations": ["용접원", "배관공"],
            "skills": ["CO2 용접", "특수용접"],
            "certificates": [],
            "career_years": 7,
            "education": "high_school",
            "preferred_districts": ["bupyeong-gu", "seohae-gu"],
            "residence_district": "bupyeong-gu",
            "employment_types": ["permanent"],
            "employment_status": "unemployed",
            "min_monthly_pay_krw": 2_800_000,
            "birth_year": 1985,
            "about": None,
            "use_behaviour_for_ranking": True,
        }

    def test_empty_optional_fields_are_cleared_not_refused(self) -> None:
        body, problems = read_profile("individual", [("skills", "지게차")], today=TODAY)

        assert problems == []
        assert body["birth_year"] is None
        assert body["preferred_districts"] == []
        assert body["use_behaviour_for_ranking"] is False

    def test_something_wanted_is_required(self) -> None:
        assert problems_of("individual", [("birth_year", "1990")]) == {
            "desired_occupations": (
                "희망 직종, 보유 기술, 자격증, 자기소개 중 하나 이상을 입력해 주세요."
            )
        }

    @pytest.mark.parametrize(
        ("name", "value", "message"),
        [
            ("birth_year", "1899", "1926부터 2011 사이의 숫자로 입력해 주세요."),
            ("birth_year", "2015", "1926부터 2011 사이의 숫자로 입력해 주세요."),
            ("birth_year", "90년", "숫자로만 입력해 주세요 (예: 1990)."),
            ("career_years", "61", "0부터 60 사이의 숫자로 입력해 주세요."),
            ("min_monthly_pay_krw", "-5", "숫자로만 입력해 주세요 (예: 1990)."),
            ("education", "phd", "목록에 있는 값을 골라 주세요."),
            ("preferred_districts", "seo-gu", "목록에 있는 값을 골라 주세요."),
            ("about", "가" * 1001, "1000자 이내로 입력해 주세요."),
        ],
    )
    def test_each_problem_is_named_by_its_field(
        self, name: str, value: str, message: str
    ) -> None:
        found = problems_of("individual", [("skills", "지게차"), (name, value)])

        assert found == {name: message}

    def test_too_many_entries(self) -> None:
        occupations = ", ".join(f"직종{n}" for n in range(11))

        found = problems_of("individual", [("desired_occupations", occupations)])

        assert found == {"desired_occupations": "10개까지 입력할 수 있습니다."}


class TestReadOthers:
    def test_a_company_needs_its_four_fields(self) -> None:
        found = problems_of("company", [("industry", "제조업")])

        assert set(found) == {"size", "founding_year", "district"}

    def test_a_company(self) -> None:
        posted = [
            ("industry", "제조업"),
            ("size", "small"),
            ("founding_year", "2019"),
            ("district", "namdong-gu"),
        ]

        body, problems = read_profile("company", posted, today=TODAY)

        assert problems == []
        assert body == {
            "audience": "company",
            "industry": "제조업",
            "size": "small",
            "founding_year": 2019,
            "district": "namdong-gu",
            "use_behaviour_for_ranking": False,
        }

    def test_a_founding_year_in_the_future(self) -> None:
        posted = [
            ("industry", "제조업"),
            ("size", "small"),
            ("founding_year", "2027"),
            ("district", "namdong-gu"),
        ]

        assert set(problems_of("company", posted)) == {"founding_year"}

    def test_a_founder(self) -> None:
        posted = [("stage", "early"), ("sector", "교육"), ("district", "yeonsu-gu")]

        body, problems = read_profile("founder", posted, today=TODAY)

        assert problems == []
        assert body["stage"] == "early"

    def test_an_unknown_audience(self) -> None:
        assert set(problems_of("robot", [])) == {"audience"}


class TestStoredProfileInTheForm:
    def test_lists_become_one_line_and_numbers_text(self) -> None:
        stored = {
            "audience": "individual",
            "desired_occupations": ["용접원", "배관공"],
            "skills": [],
            "birth_year": 1985,
            "preferred_districts": ["bupyeong-gu"],
            "use_behaviour_for_ranking": True,
            "about": None,
        }

        values = profile_form.form_values(stored)

        assert values["desired_occupations"] == "용접원, 배관공"
        assert values["skills"] == ""
        assert values["birth_year"] == "1985"
        assert values["preferred_districts"] == ["bupyeong-gu"]
        assert values["use_behaviour_for_ranking"] is True
        assert values["about"] == ""


class TestServiceProblems:
    def test_field_errors_of_the_recommend_service(self) -> None:
        body = {
            "detail": "입력값을 확인해 주세요 / Please check the input",
            "errors": [
                {
                    "field": "preferred_districts.0",
                    "detail": "인천의 군·구가 아닙니다 / No",
                }
            ],
        }

        (problem,) = service_problems(body)

        assert problem.field == "preferred_districts"
        assert problem.message(KO) == "인천의 군·구가 아닙니다"
        assert problem.message(Translator("en")) == "No"

    def test_a_problem_without_fields(self) -> None:
        (problem,) = service_problems({"detail": "이미 있습니다 / Exists"})

        assert problem.field == "request"

    def test_one_language_of_a_message(self) -> None:
        assert in_language("한국어 / English", "en") == "English"
        assert in_language("only one", "ko") == "only one"


class TestFeedbackReturnAddress:
    @pytest.mark.parametrize(
        ("posted", "expected"),
        [
            ("/?q=용접&kind=job", "/?q=용접&kind=job"),
            ("/items/work24:K1", "/items/work24:K1"),
            ("//evil.example", "/"),
            ("/\\evil.example", "/"),
            ("https://evil.example/", "/"),
            ("/a b", "/"),
            ("/" + "x" * 400 + "?q=1", "/" + "x" * 299),
        ],
    )
    def test_only_a_path_of_this_site(self, posted: str, expected: str) -> None:
        assert back_to(posted) == expected


class TestBarChart:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [(0, 1), (1, 1), (3, 5), (7, 10), (10, 10), (11, 20), (180, 200), (501, 1000)],
    )
    def test_scale_ends_on_a_round_number(self, value: int, expected: int) -> None:
        assert charts.nice_max(value) == expected

    def test_bars_are_proportional_and_zero_draws_nothing(self) -> None:
        chart = charts.bar_chart([("부평구", 40), ("옹진군", 0), ("남동구", 10)])

        widths = [bar.width for bar in chart.bars]

        assert chart.scale_max == 50
        assert widths[0] == pytest.approx(chart.plot_width * 0.8)
        assert widths[1] == 0
        assert widths[0] == pytest.approx(4 * widths[2])
        assert [bar.y for bar in chart.bars] == [0, 28, 56]

    def test_ticks_are_whole_numbers_along_the_scale(self) -> None:
        chart = charts.bar_chart([("a", 18)])

        assert [tick.value for tick in chart.ticks] == [0, 5, 10, 15, 20]
        assert chart.ticks[-1].x == pytest.approx(charts.LABEL_WIDTH + chart.plot_width)

    def test_no_rows(self) -> None:
        chart = charts.bar_chart([])

        assert chart.bars == []
        assert chart.scale_max == 1


NEW_TEMPLATES = (
    "_elig_basis.html",
    "_eligibility.html",
    "_feedback_status.html",
    "_form.html",
    "_nav_pages.html",
    "_ops_nav.html",
    "digests.html",
    "feedback_sent.html",
    "ops_feedback.html",
    "ops_index.html",
    "ops_ingest.html",
    "ops_stats.html",
    "problem.html",
    "profile_delete.html",
    "profile_form.html",
    "profiles.html",
    "recommendations.html",
)


class TestWords:
    @pytest.mark.parametrize("template", NEW_TEMPLATES)
    def test_every_literal_key_is_in_the_catalog(self, template: str) -> None:
        text = (TEMPLATES / template).read_text()
        keys = re.findall(r"""\bt\(\s*["']([a-z_.0-9]+)["']\s*[,)]""", text)
        prefixes = re.findall(r"""\bt\(\s*["']([a-z_.0-9]+\.)["']\s*~""", text)

        assert keys or prefixes, template
        assert [key for key in keys if key not in CATALOG] == []
        assert [p for p in prefixes if not any(k.startswith(p) for k in CATALOG)] == []

    def test_every_enum_value_has_words(self) -> None:
        groups = {
            "term.education": profile_form.EDUCATIONS,
            "term.employment_status": profile_form.EMPLOYMENT_STATUSES,
            "term.company_size": profile_form.COMPANY_SIZES,
            "term.stage": profile_form.FOUNDER_STAGES,
            "term.audience": profile_form.AUDIENCES,
            "employment_type": profile_form.EMPLOYMENT_TYPES,
        }

        missing = [
            f"{group}.{value}"
            for group, values in groups.items()
            for value in values
            if f"{group}.{value}" not in CATALOG
        ]

        assert missing == []
