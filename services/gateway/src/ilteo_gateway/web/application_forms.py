"""The online application pages' forms, read into the applications API's bodies.

A citizen's answers to a program's questions and an operator's new program are
checked here first, so that each mistake is named beside its field in the page's
language. The applications service checks everything again and stays the
authority; eligibility (age, residence, employment) is left to it alone.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from starlette.datastructures import ImmutableMultiDict

from ilteo_gateway.web.i18n import Translator
from ilteo_places import DISTRICTS

SEOUL = ZoneInfo("Asia/Seoul")
DISTRICT_IDS = tuple(district.id for district in DISTRICTS)
INCHEON = "incheon"  # anywhere in the city, as the applications service names it
OUTSIDE_INCHEON = "outside"  # the residence choice sent upstream as null
EMPLOYMENT_STATUSES = ("unemployed", "employed", "self_employed", "student")
WHEN_FULL = ("waitlist", "refuse")
QUESTION_TYPES = ("text", "choice", "yes_no", "number")

# The applications service's limits, repeated so that the page can name them.
TITLE_MAX = 200
DESCRIPTION_MAX = 20_000
LABEL_MAX = 500
OPTION_MAX = 200
OPTIONS_MAX = 50
NOTE_MAX = 1000
CAPACITY_MAX = 1_000_000
TEXT_ANSWER_MAX = 2000
QUESTION_ROWS = 3  # blank question rows on a new form
QUESTION_ROWS_MAX = 30
OLDEST_BIRTH_YEAR = 1900

# What follows mirrors the service's rules for the choices the page offers; a
# change there shows up here as a refusal with the service's own words.
OPERATOR_NEXT = {
    "received": ("under_review",),
    "under_review": ("accepted", "rejected", "waitlisted"),
    "waitlisted": ("under_review", "accepted", "rejected"),
}
CANCELLABLE = frozenset({"received", "under_review", "waitlisted", "accepted"})
STATUSES = (
    "received",
    "under_review",
    "accepted",
    "rejected",
    "waitlisted",
    "cancelled",
)

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_BIRTH_YEAR = re.compile(r"^\d{4}$")


# A submitted form as Starlette reads it (``FormData``), or one made for a page.
Form = ImmutableMultiDict[str, Any]


@dataclass(frozen=True, slots=True)
class Problem:
    """One mistake: the id of the control it belongs to (None: the whole form)."""

    field: str | None
    message: str


def text(form: Form, name: str) -> str:
    """A text field, trimmed, with the browser's CRLF line ends counted as one."""
    value = form.get(name)
    if not isinstance(value, str):
        return ""
    return value.replace("\r\n", "\n").strip()


def in_language(message: str, language: str) -> str:
    """One half of the services' ``한국어 / English`` messages.

    The halves meet at the first `` / `` outside parentheses with Hangul before
    it and none after it; "(가능: 없음 / none)" inside a half is no meeting point.
    A message that cannot be split that way is shown whole.
    """
    start = 0
    while (at := message.find(" / ", start)) != -1:
        korean, english = message[:at], message[at + 3 :]
        balanced = korean.count("(") == korean.count(")")
        if balanced and _HANGUL.search(korean) and not _HANGUL.search(english):
            return korean if language == "ko" else english
        start = at + 3
    return message


def _number(raw: str) -> float | None:
    try:
        value = float(raw.replace(",", ""))
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _whole(raw: str) -> int | None:
    value = _number(raw)
    return int(value) if value is not None and value.is_integer() else None


# The citizen's application ----------------------------------------------------


def question_control(question: Mapping[str, Any]) -> str:
    """The id of a question's first control, where an error summary points."""
    if question["type"] in ("choice", "yes_no"):
        return f"answer-{question['id']}-1"
    return f"answer-{question['id']}"


def application_body(
    program: Mapping[str, Any], form: Form, t: Translator, *, this_year: int
) -> tuple[dict[str, Any], list[Problem]]:
    """The body of ``POST /v1/programs/{id}/applications``, and what is wrong."""
    problems: list[Problem] = []
    applicant = _applicant(form, t, this_year=this_year, problems=problems)

    answers: dict[str, Any] = {}
    for question in program.get("questions", []):
        answer, problem = _answer(question, form, t)
        if problem is not None:
            problems.append(Problem(question_control(question), problem))
        elif answer is not None:
            answers[question["id"]] = answer
    return {"applicant": applicant, "answers": answers}, problems


def _applicant(
    form: Form, t: Translator, *, this_year: int, problems: list[Problem]
) -> dict[str, Any]:
    applicant: dict[str, Any] = {}
    birth_year = text(form, "birth_year")
    if not birth_year:
        problems.append(Problem("birth_year", t("apply.error.birth_year_missing")))
    elif not _BIRTH_YEAR.fullmatch(birth_year):
        problems.append(Problem("birth_year", t("apply.error.birth_year_format")))
    elif not OLDEST_BIRTH_YEAR <= int(birth_year) <= this_year:
        problems.append(
            Problem(
                "birth_year",
                t(
                    "apply.error.birth_year_range",
                    low=OLDEST_BIRTH_YEAR,
                    high=this_year,
                ),
            )
        )
    else:
        applicant["birth_year"] = int(birth_year)

    residence = text(form, "residence")
    if residence == OUTSIDE_INCHEON:
        applicant["residence"] = None
    elif residence in DISTRICT_IDS:
        applicant["residence"] = residence
    else:
        problems.append(Problem("residence", t("apply.error.residence")))

    status = text(form, "employment_status")
    if status in EMPLOYMENT_STATUSES:
        applicant["employment_status"] = status
    else:
        first = f"employment_status-{EMPLOYMENT_STATUSES[0]}"
        problems.append(Problem(first, t("apply.error.employment_status")))
    return applicant


def _answer(
    question: Mapping[str, Any], form: Form, t: Translator
) -> tuple[Any, str | None]:
    """The answer in the type the service expects, or what is wrong with it."""
    label = question["label"]
    raw = text(form, f"answer-{question['id']}")
    kind = question["type"]
    if not raw:
        if not question.get("required", True):
            return None, None
        picked = kind in ("choice", "yes_no")
        return None, t(
            "apply.error.choose" if picked else "apply.error.required", label=label
        )

    if kind == "text":
        limit = int(question.get("max_length") or TEXT_ANSWER_MAX)
        if len(raw) > limit:
            return None, t("apply.error.too_long", label=label, limit=f"{limit:,}")
        return raw, None
    if kind == "choice":
        if raw not in question.get("options", []):
            return None, t("apply.error.choose", label=label)
        return raw, None
    if kind == "yes_no":
        if raw not in ("yes", "no"):
            return None, t("apply.error.choose", label=label)
        return raw == "yes", None
    return _number_answer(question, raw, t)


def _number_answer(
    question: Mapping[str, Any], raw: str, t: Translator
) -> tuple[Any, str | None]:
    label = question["label"]
    value = _number(raw)
    if value is None:
        return None, t("apply.error.number", label=label)
    if question.get("whole") and not value.is_integer():
        return None, t("apply.error.whole", label=label)
    low, high = question.get("minimum"), question.get("maximum")
    if low is not None and value < low:
        return None, t("apply.error.minimum", label=label, low=f"{low:g}")
    if high is not None and value > high:
        return None, t("apply.error.maximum", label=label, high=f"{high:g}")
    return (int(value) if value.is_integer() else value), None


def application_control(field: str, program: Mapping[str, Any]) -> str | None:
    """The control of a field the applications service named in its answer."""
    if field == "applicant.employment_status":
        return f"employment_status-{EMPLOYMENT_STATUSES[0]}"
    if field in ("applicant.birth_year", "applicant.residence"):
        return field.removeprefix("applicant.")
    for question in program.get("questions", []):
        if field == f"answers.{question['id']}":
            return question_control(question)
    return None


# The operator's new program ---------------------------------------------------


@dataclass(slots=True)
class ProgramForm:
    """What :func:`program_body` read: the body to send and how to read its errors."""

    body: dict[str, Any]
    problems: list[Problem]
    # Position in ``body["questions"]`` -> the form's row number (1-based).
    question_rows: list[int]


def question_rows(form: Form) -> int:
    count = _whole(text(form, "question_count")) or QUESTION_ROWS
    return max(1, min(count, QUESTION_ROWS_MAX))


def program_body(form: Form, t: Translator, *, now: datetime) -> ProgramForm:
    """The body of ``POST /v1/programs``; times are Korean times, as typed."""
    problems: list[Problem] = []
    body: dict[str, Any] = {}

    for name, limit in (("title", TITLE_MAX), ("description", DESCRIPTION_MAX)):
        value = text(form, name)
        if not value:
            problems.append(Problem(name, t(f"intake.error.{name}")))
        elif len(value) > limit:
            problems.append(Problem(name, t("appform.too_long", limit=limit)))
        else:
            body[name] = value

    _period(form, t, now=now, body=body, problems=problems)
    _capacity(form, t, body=body, problems=problems)
    body["eligibility"] = _eligibility(form, t, problems=problems)
    questions, rows = _questions(form, t, problems=problems)
    body["questions"] = questions
    return ProgramForm(body=body, problems=problems, question_rows=rows)


def _moment(raw: str) -> datetime | None:
    """A typed time as Korean wall-clock time (what ``datetime-local`` sends)."""
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(SEOUL)
    return moment.replace(tzinfo=None)


def _period(
    form: Form,
    t: Translator,
    *,
    now: datetime,
    body: dict[str, Any],
    problems: list[Problem],
) -> None:
    moments: dict[str, datetime] = {}
    for name in ("starts_at", "ends_at"):
        raw = text(form, name)
        moment = _moment(raw) if raw else None
        if moment is None:
            problems.append(Problem(name, t(f"intake.error.{name}")))
        else:
            moments[name] = moment
            body[name] = moment.isoformat(timespec="minutes")
    starts, ends = moments.get("starts_at"), moments.get("ends_at")
    if starts and ends and ends <= starts:
        problems.append(Problem("ends_at", t("intake.error.period_order")))
    elif ends and ends <= now.astimezone(SEOUL).replace(tzinfo=None):
        problems.append(Problem("ends_at", t("intake.error.period_past")))


def _capacity(
    form: Form, t: Translator, *, body: dict[str, Any], problems: list[Problem]
) -> None:
    capacity = _whole(text(form, "capacity"))
    if capacity is None or not 1 <= capacity <= CAPACITY_MAX:
        problems.append(
            Problem("capacity", t("intake.error.capacity", high=f"{CAPACITY_MAX:,}"))
        )
    else:
        body["capacity"] = capacity
    when_full = text(form, "when_full") or WHEN_FULL[0]
    if when_full not in WHEN_FULL:
        problems.append(Problem("when_full-waitlist", t("intake.error.when_full")))
    body["when_full"] = when_full


def _eligibility(
    form: Form, t: Translator, *, problems: list[Problem]
) -> dict[str, Any]:
    eligibility: dict[str, Any] = {}
    for name in ("age_min", "age_max"):
        raw = text(form, name)
        if not raw:
            continue
        age = _whole(raw)
        if age is None or not 0 <= age <= 120:
            problems.append(Problem(name, t("intake.error.age")))
        else:
            eligibility[name] = age
    low, high = eligibility.get("age_min"), eligibility.get("age_max")
    if low is not None and high is not None and low > high:
        problems.append(Problem("age_max", t("intake.error.age_order")))

    places = [p for p in form.getlist("residence") if isinstance(p, str)]
    if INCHEON in places:
        eligibility["residence"] = [INCHEON]
    elif places:
        eligibility["residence"] = [p for p in DISTRICT_IDS if p in places]
    statuses = [s for s in EMPLOYMENT_STATUSES if s in form.getlist("employment")]
    if statuses:
        eligibility["employment_status"] = statuses
    return eligibility


def _questions(
    form: Form, t: Translator, *, problems: list[Problem]
) -> tuple[list[dict[str, Any]], list[int]]:
    questions: list[dict[str, Any]] = []
    rows: list[int] = []
    for row in range(1, question_rows(form) + 1):
        question = _question(form, row, t, problems=problems)
        if question is not None:
            questions.append(question)
            rows.append(row)
    return questions, rows


def _question(
    form: Form, row: int, t: Translator, *, problems: list[Problem]
) -> dict[str, Any] | None:
    prefix = f"q{row}_"
    label = text(form, prefix + "label")
    options = [line.strip() for line in text(form, prefix + "options").split("\n")]
    options = [option for option in options if option]
    kind = text(form, prefix + "type") or "text"
    if not label:
        if options:
            problems.append(Problem(prefix + "label", t("intake.error.label", n=row)))
        return None
    if len(label) > LABEL_MAX:
        problems.append(
            Problem(
                prefix + "label", t("intake.error.label_long", n=row, limit=LABEL_MAX)
            )
        )
    if kind not in QUESTION_TYPES:
        problems.append(Problem(prefix + "type", t("intake.error.type", n=row)))
        return None

    question: dict[str, Any] = {
        "id": f"q{row}",
        "type": kind,
        "label": label,
        "required": form.get(prefix + "required") is not None,
    }
    if kind == "choice":
        question["options"] = options
        problem = _options_problem(options, row, t)
        if problem:
            problems.append(Problem(prefix + "options", problem))
    elif kind == "number":
        _number_limits(form, row, t, question=question, problems=problems)
    return question


def _options_problem(options: Sequence[str], row: int, t: Translator) -> str | None:
    if len(options) < 2:
        return t("intake.error.options_few", n=row)
    if len(options) > OPTIONS_MAX:
        return t("intake.error.options_many", n=row, limit=OPTIONS_MAX)
    if len(set(options)) != len(options):
        return t("intake.error.options_twice", n=row)
    if any(len(option) > OPTION_MAX for option in options):
        return t("intake.error.option_long", n=row, limit=OPTION_MAX)
    return None


def _number_limits(
    form: Form,
    row: int,
    t: Translator,
    *,
    question: dict[str, Any],
    problems: list[Problem],
) -> None:
    question["whole"] = True  # counts: people, months, years
    for name in ("minimum", "maximum"):
        raw = text(form, f"q{row}_{name}")
        if not raw:
            continue
        value = _number(raw)
        if value is None:
            problems.append(Problem(f"q{row}_{name}", t("intake.error.limit", n=row)))
        else:
            question[name] = value
    low, high = question.get("minimum"), question.get("maximum")
    if low is not None and high is not None and low > high:
        problems.append(Problem(f"q{row}_maximum", t("intake.error.limits", n=row)))


def program_control(field: str, program_form: ProgramForm) -> str | None:
    """The control of a field the applications service named in its answer."""
    head, _, rest = field.partition(".")
    if head in ("title", "description", "starts_at", "ends_at", "capacity"):
        return head
    if head == "when_full":
        return "when_full-waitlist"
    if head == "eligibility":
        name = rest.partition(".")[0]
        return name if name in ("age_min", "age_max") else None
    if head == "questions":
        index = _whole(rest.partition(".")[0])
        if index is not None and 0 <= index < len(program_form.question_rows):
            return f"q{program_form.question_rows[index]}_label"
    return None


# The operator's decision --------------------------------------------------------


def status_change(
    form: Form, current: str, t: Translator
) -> tuple[dict[str, Any], list[Problem]]:
    """The body of ``PATCH /v1/applications/{id}``: the next status and a note."""
    wanted = text(form, "status")
    note = text(form, "note")
    problems = []
    if wanted not in OPERATOR_NEXT.get(current, ()):
        problems.append(Problem("status", t("intake.error.status")))
    if len(note) > NOTE_MAX:
        problems.append(Problem("note", t("appform.too_long", limit=NOTE_MAX)))
    return {"status": wanted, "note": note or None}, problems
