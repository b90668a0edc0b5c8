"""Reading the application pages' forms into the applications API's bodies (pure
logic: no engines, no service)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from starlette.datastructures import ImmutableMultiDict

from ilteo_gateway.web import application_forms as forms
from ilteo_gateway.web import application_view as apview
from ilteo_gateway.web.i18n import Translator

KST = ZoneInfo("Asia/Seoul")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=KST)
KO = Translator("ko")

PROGRAM = {
    "id": "7b0c2d0e-0000-4000-8000-000000000001",
    "questions": [
        {"id": "motivation", "type": "text", "label": "지원 동기", "max_length": 10},
        {"id": "track", "type": "choice", "label": "과정", "options": ["웹", "데이터"]},
        {"id": "car", "type": "yes_no", "label": "자차", "required": False},
        {
            "id": "household",
            "type": "number",
            "label": "가구원 수",
            "minimum": 1,
            "maximum": 10,
            "whole": True,
        },
    ],
}


def form(**fields: str | list[str]) -> ImmutableMultiDict[str, str]:
    pairs = []
    for name, value in fields.items():
        for one in value if isinstance(value, list) else [value]:
            pairs.append((name.replace("__", "-"), one))
    return ImmutableMultiDict(pairs)


def application(**changes: str) -> ImmutableMultiDict[str, str]:
    fields = {
        "birth_year": "2000",
        "residence": "bupyeong-gu",
        "employment_status": "unemployed",
        "answer__motivation": "웹 개발\r\n희망",
        "answer__track": "웹",
        "answer__household": "3",
    }
    return form(**(fields | changes))


class TestInLanguage:
    @pytest.mark.parametrize(
        ("message", "korean", "english"),
        [
            ("접수 기간이 아닙니다 / Not open", "접수 기간이 아닙니다", "Not open"),
            (
                "바꿀 수 없습니다 (가능: 없음 / none) / Cannot (allowed: none)",
                "바꿀 수 없습니다 (가능: 없음 / none)",
                "Cannot (allowed: none)",
            ),
            ("No halves at all", "No halves at all", "No halves at all"),
        ],
    )
    def test_picks_the_half_of_the_language(
        self, message: str, korean: str, english: str
    ) -> None:
        assert forms.in_language(message, "ko") == korean
        assert forms.in_language(message, "en") == english

    def test_hangul_on_both_sides_is_shown_whole(self) -> None:
        message = "'대기' 상태 / '대기' is waitlisted"

        assert forms.in_language(message, "en") == message


class TestApplicationBody:
    def test_answers_take_the_types_the_service_expects(self) -> None:
        body, problems = forms.application_body(
            PROGRAM, application(answer__car="no"), KO, this_year=2026
        )

        assert problems == []
        assert body == {
            "applicant": {
                "birth_year": 2000,
                "residence": "bupyeong-gu",
                "employment_status": "unemployed",
            },
            "answers": {
                "motivation": "웹 개발\n희망",
                "track": "웹",
                "car": False,
                "household": 3,
            },
        }

    def test_outside_incheon_is_sent_as_no_district(self) -> None:
        body, problems = forms.application_body(
            PROGRAM, application(residence="outside"), KO, this_year=2026
        )

        assert problems == []
        assert body["applicant"]["residence"] is None

    def test_an_unanswered_optional_question_is_left_out(self) -> None:
        body, _problems = forms.application_body(
            PROGRAM, application(), KO, this_year=2026
        )

        assert "car" not in body["answers"]

    @pytest.mark.parametrize(
        ("changes", "field", "message"),
        [
            ({"birth_year": ""}, "birth_year", "출생연도를 적어 주세요."),
            ({"birth_year": "２０００x"}, "birth_year", "네 자리 숫자"),
            ({"birth_year": "2031"}, "birth_year", "1900년부터 2026년 사이"),
            ({"residence": "gangnam-gu"}, "residence", "거주지(군·구)를 골라"),
            (
                {"employment_status": "retired"},
                "employment_status-unemployed",
                "고용 상태를 골라",
            ),
            (
                {"answer__motivation": "열한 글자가 넘는 답변"},
                "answer-motivation",
                "'지원 동기'은(는) 10자 이내로",
            ),
            ({"answer__track": "요리"}, "answer-track-1", "'과정'에서 하나를"),
            ({"answer__car": "maybe"}, "answer-car-1", "'자차'에서 하나를"),
            ({"answer__household": "셋"}, "answer-household", "숫자를 적어"),
            ({"answer__household": "2.5"}, "answer-household", "정수를 적어"),
            ({"answer__household": "11"}, "answer-household", "10 이하"),
            ({"answer__household": "nan"}, "answer-household", "숫자를 적어"),
        ],
    )
    def test_each_mistake_is_named_at_its_control(
        self, changes: dict[str, str], field: str, message: str
    ) -> None:
        _body, problems = forms.application_body(
            PROGRAM, application(**changes), KO, this_year=2026
        )

        assert [p.field for p in problems] == [field]
        assert message in problems[0].message

    def test_service_fields_point_to_the_controls(self) -> None:
        controls = {
            field: forms.application_control(field, PROGRAM)
            for field in (
                "applicant.birth_year",
                "applicant.employment_status",
                "answers.track",
                "answers.motivation",
                "answers.unknown",
            )
        }

        assert controls == {
            "applicant.birth_year": "birth_year",
            "applicant.employment_status": "employment_status-unemployed",
            "answers.track": "answer-track-1",
            "answers.motivation": "answer-motivation",
            "answers.unknown": None,
        }


def program(**changes: str | list[str]) -> ImmutableMultiDict[str, str]:
    fields: dict[str, str | list[str]] = {
        "title": " 청년 취업 아카데미 ",
        "description": "소개",
        "starts_at": "2026-03-02T09:00",
        "ends_at": "2026-03-31T18:00",
        "capacity": "30",
        "when_full": "refuse",
        "residence": ["bupyeong-gu", "namdong-gu"],
        "employment": ["student"],
        "question_count": "4",
        "q1_label": "지원 동기",
        "q1_type": "text",
        "q1_required": "on",
        "q2_label": "",
        "q3_label": "과정",
        "q3_type": "choice",
        "q3_options": "웹\r\n\r\n 데이터 \r\n",
        "q4_label": "가구원 수",
        "q4_type": "number",
        "q4_minimum": "1",
        "q4_required": "on",
    }
    return form(**(fields | changes))


class TestProgramBody:
    def test_a_new_program_as_the_service_takes_it(self) -> None:
        read = forms.program_body(program(), KO, now=NOW)

        assert read.problems == []
        assert read.body == {
            "title": "청년 취업 아카데미",
            "description": "소개",
            "starts_at": "2026-03-02T09:00",
            "ends_at": "2026-03-31T18:00",
            "capacity": 30,
            "when_full": "refuse",
            "eligibility": {
                "residence": ["namdong-gu", "bupyeong-gu"],
                "employment_status": ["student"],
            },
            "questions": [
                {"id": "q1", "type": "text", "label": "지원 동기", "required": True},
                {
                    "id": "q3",
                    "type": "choice",
                    "label": "과정",
                    "required": False,
                    "options": ["웹", "데이터"],
                },
                {
                    "id": "q4",
                    "type": "number",
                    "label": "가구원 수",
                    "required": True,
                    "whole": True,
                    "minimum": 1.0,
                },
            ],
        }
        assert read.question_rows == [1, 3, 4]

    def test_the_whole_city_needs_no_districts(self) -> None:
        read = forms.program_body(
            program(residence=["incheon", "bupyeong-gu"]), KO, now=NOW
        )

        assert read.body["eligibility"]["residence"] == ["incheon"]

    def test_a_time_with_an_offset_becomes_korean_time(self) -> None:
        read = forms.program_body(
            program(ends_at="2026-03-31T09:00+00:00"), KO, now=NOW
        )

        assert read.body["ends_at"] == "2026-03-31T18:00"

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"title": "  "}, "title"),
            ({"starts_at": "다음 주"}, "starts_at"),
            ({"ends_at": "2026-03-01T09:00"}, "ends_at"),
            (
                {"starts_at": "2026-02-01T09:00", "ends_at": "2026-03-01T09:00"},
                "ends_at",
            ),
            ({"capacity": "1.5"}, "capacity"),
            ({"when_full": "lottery"}, "when_full-waitlist"),
            ({"age_min": "200"}, "age_min"),
            ({"age_min": "40", "age_max": "30"}, "age_max"),
            ({"q2_options": "가\n나"}, "q2_label"),
            ({"q3_options": "웹"}, "q3_options"),
            ({"q3_options": "웹\n웹"}, "q3_options"),
            ({"q4_maximum": "0"}, "q4_maximum"),
            ({"q4_minimum": "하나"}, "q4_minimum"),
            ({"q1_type": "file"}, "q1_type"),
        ],
    )
    def test_each_mistake_is_named_at_its_control(
        self, changes: dict[str, str], field: str
    ) -> None:
        read = forms.program_body(program(**changes), KO, now=NOW)

        assert [p.field for p in read.problems] == [field]

    def test_service_fields_point_to_the_rows_they_came_from(self) -> None:
        read = forms.program_body(program(), KO, now=NOW)

        assert forms.program_control("questions.1.options", read) == "q3_label"
        assert forms.program_control("eligibility.age_max", read) == "age_max"
        assert forms.program_control("questions.9", read) is None


class TestStatusChange:
    def test_only_the_next_statuses_are_taken(self) -> None:
        body, problems = forms.status_change(
            form(status="under_review", note=" 서류 확인 "), "received", KO
        )
        _body, refused = forms.status_change(form(status="accepted"), "received", KO)
        _body, final = forms.status_change(form(status="received"), "rejected", KO)

        assert (body, problems) == ({"status": "under_review", "note": "서류 확인"}, [])
        assert [p.field for p in refused] == ["status"]
        assert [p.field for p in final] == ["status"]


class TestView:
    def test_the_phase_follows_the_period(self) -> None:
        program = {
            "starts_at": "2026-03-02T09:00:00+09:00",
            "ends_at": "2026-03-31T18:00:00+09:00",
        }

        assert apview.phase(program, at=NOW.replace(hour=8)) == "upcoming"
        assert apview.phase(program, at=NOW) == "open"
        assert apview.phase(program, at=datetime(2026, 3, 31, 18, tzinfo=KST)) == (
            "closed"
        )

    def test_eligibility_in_words(self) -> None:
        program = {
            "eligibility": {
                "age_min": 19,
                "age_max": 39,
                "residence": ["incheon"],
                "employment_status": ["unemployed", "student"],
            }
        }

        assert apview.eligibility(program, KO) == [
            "나이 19~39세 (올해 연도 − 출생연도)",
            "거주지: 인천광역시",
            "고용 상태: 미취업, 학생",
        ]
        assert apview.eligibility({"eligibility": {}}, KO) == []

    def test_times_read_in_korean_time(self) -> None:
        assert apview.moment("2026-03-02T00:00:00+00:00") == "2026-03-02 09:00"
