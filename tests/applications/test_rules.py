"""The pure rules of an application: eligibility, answers and status transitions."""

import pytest

from ilteo_applications.applications import rules
from ilteo_applications.applications.schemas import Applicant, ApplicationStatus
from ilteo_applications.auth import Role
from ilteo_applications.programs.schemas import (
    ChoiceQuestion,
    Eligibility,
    NumberQuestion,
    TextQuestion,
    YesNoQuestion,
)
from ilteo_common.items import EmploymentStatus

Status = ApplicationStatus
YOUTH = Eligibility(age_min=19, age_max=34, residence=["incheon"])


def applicant(**changes: object) -> Applicant:
    fields: dict[str, object] = {
        "birth_year": 2000,
        "residence": "yeonsu-gu",
        "employment_status": EmploymentStatus.UNEMPLOYED,
    }
    return Applicant.model_validate(fields | changes)


class TestEligibility:
    @pytest.mark.parametrize(
        ("birth_year", "eligible"),
        [(2007, True), (2008, False), (1992, True), (1991, False)],
    )
    def test_age_is_reckoned_from_the_birth_year(
        self, birth_year: int, eligible: bool
    ) -> None:
        problems = rules.eligibility_problems(
            YOUTH, applicant(birth_year=birth_year), year=2026
        )

        assert (problems == []) is eligible

    def test_living_outside_incheon_is_named(self) -> None:
        problems = rules.eligibility_problems(
            YOUTH, applicant(residence=None), year=2026
        )

        assert [p.field for p in problems] == ["applicant.residence"]
        assert "인천광역시" in problems[0].detail

    def test_no_conditions_admit_everyone(self) -> None:
        problems = rules.eligibility_problems(
            Eligibility(), applicant(birth_year=1930, residence=None), year=2026
        )

        assert problems == []


class TestAnswers:
    QUESTIONS = (
        TextQuestion(type="text", id="why", label="지원 동기", max_length=10),
        ChoiceQuestion(
            type="choice", id="track", label="과정", options=["웹", "데이터"]
        ),
        YesNoQuestion(type="yes_no", id="car", label="자차", required=False),
        NumberQuestion(
            type="number", id="kids", label="자녀 수", whole=True, minimum=0
        ),
    )

    def test_right_answers_pass(self) -> None:
        answers = {"why": "배우고 싶어요", "track": "웹", "car": False, "kids": 0}

        assert rules.answer_problems(self.QUESTIONS, answers) == []

    @pytest.mark.parametrize(
        ("answers", "field"),
        [
            ({"track": "웹", "kids": 1}, "answers.why"),
            (
                {"why": "열심히 하겠습니다 정말로요", "track": "웹", "kids": 1},
                "answers.why",
            ),
            ({"why": "네", "track": "디자인", "kids": 1}, "answers.track"),
            ({"why": "네", "track": "웹", "car": "yes", "kids": 1}, "answers.car"),
            ({"why": "네", "track": "웹", "kids": 1.5}, "answers.kids"),
            ({"why": "네", "track": "웹", "kids": -1}, "answers.kids"),
            ({"why": "네", "track": "웹", "kids": True}, "answers.kids"),
            ({"why": "네", "track": "웹", "kids": 1, "pet": "개"}, "answers.pet"),
        ],
        ids=[
            "missing",
            "too-long",
            "not-an-option",
            "not-yes-no",
            "not-whole",
            "below-minimum",
            "bool-as-number",
            "unknown-question",
        ],
    )
    def test_a_wrong_answer_names_its_question(
        self, answers: dict[str, rules.Answer], field: str
    ) -> None:
        problems = rules.answer_problems(self.QUESTIONS, answers)

        assert [p.field for p in problems] == [field]


class TestTransitions:
    @pytest.mark.parametrize(
        ("current", "wanted", "allowed"),
        [
            (Status.RECEIVED, Status.UNDER_REVIEW, True),
            (Status.RECEIVED, Status.ACCEPTED, False),
            (Status.UNDER_REVIEW, Status.WAITLISTED, True),
            (Status.WAITLISTED, Status.ACCEPTED, True),
            (Status.ACCEPTED, Status.REJECTED, False),
            (Status.UNDER_REVIEW, Status.CANCELLED, False),
            (Status.CANCELLED, Status.UNDER_REVIEW, False),
        ],
    )
    def test_operator_transitions(
        self, current: ApplicationStatus, wanted: ApplicationStatus, allowed: bool
    ) -> None:
        assert rules.operator_may_set(current, wanted) is allowed

    def test_a_refusal_says_what_is_allowed(self) -> None:
        message = rules.transition_refusal(
            Status.RECEIVED, Status.ACCEPTED, role=Role.OPERATOR
        )

        assert "under_review" in message
        assert "접수" in message
