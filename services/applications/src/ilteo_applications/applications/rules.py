"""The rules an application must pass: period, eligibility, answers, transitions.

Pure functions over schemas, so that they are tested without a database.
"""

from collections.abc import Mapping, Sequence
from datetime import datetime

from ilteo_applications.applications.schemas import (
    Answer,
    Applicant,
    ApplicationStatus,
)
from ilteo_applications.auth import Role
from ilteo_applications.errors import FieldError, say
from ilteo_applications.programs.schemas import (
    INCHEON,
    ChoiceQuestion,
    Eligibility,
    NumberQuestion,
    Question,
    TextQuestion,
    YesNoQuestion,
)
from ilteo_common.items import EmploymentStatus
from ilteo_places import DISTRICTS

Status = ApplicationStatus

# received → under_review → accepted | rejected | waitlisted; a waitlisted one may
# be reviewed again or decided directly when a seat frees up.
OPERATOR_TRANSITIONS: Mapping[Status, frozenset[Status]] = {
    Status.RECEIVED: frozenset({Status.UNDER_REVIEW}),
    Status.UNDER_REVIEW: frozenset(
        {Status.ACCEPTED, Status.REJECTED, Status.WAITLISTED}
    ),
    Status.WAITLISTED: frozenset(
        {Status.UNDER_REVIEW, Status.ACCEPTED, Status.REJECTED}
    ),
}
# A citizen may withdraw until the application is rejected or already cancelled.
CANCELLABLE: frozenset[Status] = frozenset(
    {Status.RECEIVED, Status.UNDER_REVIEW, Status.WAITLISTED, Status.ACCEPTED}
)
# The statuses that hold one of the program's seats.
HOLDING_A_SEAT: frozenset[Status] = frozenset(
    {Status.RECEIVED, Status.UNDER_REVIEW, Status.ACCEPTED}
)

STATUS_KO = {
    Status.RECEIVED: "접수",
    Status.UNDER_REVIEW: "검토 중",
    Status.ACCEPTED: "선정",
    Status.REJECTED: "미선정",
    Status.WAITLISTED: "대기",
    Status.CANCELLED: "취소",
}
EMPLOYMENT_KO = {
    EmploymentStatus.UNEMPLOYED: "미취업",
    EmploymentStatus.EMPLOYED: "재직",
    EmploymentStatus.SELF_EMPLOYED: "자영업",
    EmploymentStatus.STUDENT: "학생",
}
DISTRICT_NAMES = {district.id: district for district in DISTRICTS}


def within_period(*, starts_at: datetime, ends_at: datetime, now: datetime) -> bool:
    return starts_at <= now < ends_at


def age_in(year: int, birth_year: int) -> int:
    """The age reached in ``year``: only the birth year is asked, not the day."""
    return year - birth_year


def eligibility_problems(
    eligibility: Eligibility, applicant: Applicant, *, year: int
) -> list[FieldError]:
    problems = []
    age = age_in(year, applicant.birth_year)
    low, high = eligibility.age_min, eligibility.age_max
    if (low is not None and age < low) or (high is not None and age > high):
        wanted = f"{low if low is not None else ''}~{high if high is not None else ''}"
        problems.append(
            FieldError(
                field="applicant.birth_year",
                detail=say(
                    f"나이 조건({wanted}세)에 맞지 않습니다: {year}년 기준 {age}세",
                    f"Outside the age range {wanted}: {age} in {year}",
                ),
            )
        )

    places = eligibility.residence
    if places and not _lives_in(applicant.residence, places):
        names_ko = ", ".join(_place_name(place, korean=True) for place in places)
        names_en = ", ".join(_place_name(place, korean=False) for place in places)
        problems.append(
            FieldError(
                field="applicant.residence",
                detail=say(
                    f"거주지 조건({names_ko})에 맞지 않습니다",
                    f"Residence must be in {names_en}",
                ),
            )
        )

    statuses = eligibility.employment_status
    if statuses and applicant.employment_status not in statuses:
        allowed_ko = ", ".join(EMPLOYMENT_KO[status] for status in statuses)
        allowed_en = ", ".join(status.value for status in statuses)
        problems.append(
            FieldError(
                field="applicant.employment_status",
                detail=say(
                    f"고용 상태 조건({allowed_ko})에 맞지 않습니다",
                    f"Employment status must be one of {allowed_en}",
                ),
            )
        )
    return problems


def _lives_in(residence: str | None, places: Sequence[str]) -> bool:
    if residence is None:
        return False
    return INCHEON in places or residence in places


def _place_name(place: str, *, korean: bool) -> str:
    if place == INCHEON:
        return "인천광역시" if korean else "Incheon"
    district = DISTRICT_NAMES[place]
    return district.name_ko if korean else district.name_en


def answer_problems(
    questions: Sequence[Question], answers: Mapping[str, Answer]
) -> list[FieldError]:
    problems = []
    known = {question.id for question in questions}
    for extra in sorted(set(answers) - known):
        problems.append(
            FieldError(
                field=f"answers.{extra}",
                detail=say(
                    f"이 프로그램에 없는 질문입니다: {extra}",
                    f"This program asks no question {extra}",
                ),
            )
        )
    for question in questions:
        answer = answers.get(question.id)
        if answer is None or (isinstance(answer, str) and not answer.strip()):
            if question.required:
                problems.append(_problem(question, "답변이 필요합니다", "is required"))
            continue
        detail = _answer_problem(question, answer)
        if detail is not None:
            problems.append(detail)
    return problems


def _problem(question: Question, korean: str, english: str) -> FieldError:
    return FieldError(
        field=f"answers.{question.id}",
        detail=say(
            f"'{question.label}': {korean}", f"Question {question.id} {english}"
        ),
    )


def _answer_problem(question: Question, answer: Answer) -> FieldError | None:
    if isinstance(question, TextQuestion):
        if not isinstance(answer, str):
            return _problem(question, "글로 답해 주세요", "needs a text answer")
        if len(answer) > question.max_length:
            return _problem(
                question,
                f"{question.max_length}자 이내로 답해 주세요",
                f"takes at most {question.max_length} characters",
            )
    elif isinstance(question, ChoiceQuestion):
        if answer not in question.options or isinstance(answer, bool):
            options = ", ".join(question.options)
            return _problem(
                question,
                f"다음 중 하나를 골라 주세요: {options}",
                f"must be one of: {options}",
            )
    elif isinstance(question, YesNoQuestion):
        if not isinstance(answer, bool):
            return _problem(
                question,
                "예(true) 또는 아니오(false)로 답해 주세요",
                "needs true or false",
            )
    elif isinstance(question, NumberQuestion):
        return _number_problem(question, answer)
    return None


def _number_problem(question: NumberQuestion, answer: Answer) -> FieldError | None:
    if isinstance(answer, bool) or not isinstance(answer, int | float):
        return _problem(question, "숫자로 답해 주세요", "needs a number")
    if question.whole and not float(answer).is_integer():
        return _problem(question, "정수로 답해 주세요", "needs a whole number")
    if question.minimum is not None and answer < question.minimum:
        return _problem(
            question,
            f"{question.minimum:g} 이상이어야 합니다",
            f"must be at least {question.minimum:g}",
        )
    if question.maximum is not None and answer > question.maximum:
        return _problem(
            question,
            f"{question.maximum:g} 이하여야 합니다",
            f"must be at most {question.maximum:g}",
        )
    return None


def operator_may_set(current: Status, wanted: Status) -> bool:
    return wanted in OPERATOR_TRANSITIONS.get(current, frozenset())


def transition_refusal(current: Status, wanted: Status, *, role: Role) -> str:
    """Why ``current`` cannot become ``wanted``, said plainly."""
    if role is Role.OPERATOR:
        allowed = sorted(OPERATOR_TRANSITIONS.get(current, frozenset()))
        allowed_text = ", ".join(allowed) or "없음 / none"
        return say(
            f"'{STATUS_KO[current]}' 상태에서 '{STATUS_KO[wanted]}'(으)로 바꿀 수 "
            f"없습니다 (가능: {allowed_text})",
            f"An application {current.value} cannot become {wanted.value} "
            f"(allowed: {allowed_text})",
        )
    return say(
        f"'{STATUS_KO[current]}' 상태의 신청은 취소할 수 없습니다",
        f"An application that is {current.value} cannot be cancelled",
    )
