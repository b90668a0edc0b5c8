"""The profile form: from posted fields to the recommend API's body, and back.

The page checks what a form can get wrong (numbers, ranges, choices, lengths,
required fields) and names each problem by its field, in the visitor's language,
before anything is sent. The recommend service still checks everything again; its
own field errors are shown the same way (:func:`service_problems`).
"""

import dataclasses
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from ilteo_common.items import CompanySize, Education, EmploymentStatus, EmploymentType
from ilteo_gateway.web.i18n import Translator
from ilteo_places import DISTRICTS

AUDIENCES = ("individual", "company", "founder")
DISTRICT_IDS = tuple(district.id for district in DISTRICTS)
FOUNDER_STAGES = ("pre_founding", "early", "growth")
EDUCATIONS = tuple(e.value for e in Education)
EMPLOYMENT_TYPES = tuple(e.value for e in EmploymentType)
EMPLOYMENT_STATUSES = tuple(e.value for e in EmploymentStatus)
COMPANY_SIZES = tuple(e.value for e in CompanySize)

# Lists typed as one line: "용접, 배관" (commas, Korean 、 or new lines).
TERM_LISTS = {"desired_occupations": 10, "skills": 30, "certificates": 20}
MAX_TERM_CHARS = 60
MAX_ABOUT_CHARS = 1000
MAX_PAY_KRW = 100_000_000
# 15 is the youngest working age (근로기준법 제64조); 100 the oldest the API takes.
YOUNGEST_AGE, OLDEST_AGE = 15, 100

FIELDS: dict[str, tuple[str, ...]] = {
    "individual": (
        "desired_occupations",
        "skills",
        "certificates",
        "career_years",
        "education",
        "preferred_districts",
        "residence_district",
        "employment_types",
        "employment_status",
        "min_monthly_pay_krw",
        "birth_year",
        "about",
        "use_behaviour_for_ranking",
    ),
    "company": (
        "industry",
        "size",
        "founding_year",
        "district",
        "use_behaviour_for_ranking",
    ),
    "founder": ("stage", "sector", "district", "use_behaviour_for_ranking"),
}
_SEPARATORS = re.compile(r"[,\n、]")


@dataclasses.dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with one field: a catalog key, or the service's own words."""

    field: str
    key: str | None = None
    # ``field`` names the form field here, so the dataclass helper is spelled out.
    values: dict[str, Any] = dataclasses.field(default_factory=dict)
    text: str | None = None

    def message(self, t: Translator) -> str:
        if self.key is not None:
            return t(self.key, **self.values)
        return in_language(self.text or "", t.language)


def in_language(text: str, language: str) -> str:
    """One half of a service's "한국어 / English" message."""
    korean, separator, english = text.partition(" / ")
    if not separator:
        return text
    return english if language == "en" else korean


class _Reader:
    """Reads the posted fields one by one and collects the problems."""

    def __init__(self, posted: Iterable[tuple[str, str]]) -> None:
        self.values: dict[str, list[str]] = {}
        for name, value in posted:
            self.values.setdefault(name, []).append(value.strip())
        self.problems: list[Problem] = []

    def text(self, name: str) -> str:
        return next((v for v in self.values.get(name, []) if v), "")

    def fail(self, name: str, key: str, **values: Any) -> None:
        self.problems.append(Problem(name, key, values))

    def terms(self, name: str, limit: int) -> list[str]:
        parts = _SEPARATORS.split(" , ".join(self.values.get(name, [])))
        terms = list(dict.fromkeys(p.strip() for p in parts if p.strip()))
        if len(terms) > limit:
            self.fail(name, "form.too_many", limit=limit)
        elif any(len(term) > MAX_TERM_CHARS for term in terms):
            self.fail(name, "form.term_too_long", limit=MAX_TERM_CHARS)
        return terms

    def term(self, name: str, *, required: bool) -> str | None:
        value = self.text(name)
        if not value:
            if required:
                self.fail(name, "form.required")
            return None
        if len(value) > MAX_TERM_CHARS:
            self.fail(name, "form.too_long", limit=MAX_TERM_CHARS)
        return value

    def number(self, name: str, low: int, high: int, *, required: bool) -> int | None:
        raw = self.text(name).replace(",", "").replace(" ", "")
        if not raw:
            if required:
                self.fail(name, "form.required")
            return None
        if not raw.isdecimal():
            self.fail(name, "form.number")
            return None
        value = int(raw)
        if not low <= value <= high:
            # Thousands separators for amounts, not for years.
            shown = "{:,}" if high >= 10_000 else "{}"
            self.fail(
                name, "form.range", low=shown.format(low), high=shown.format(high)
            )
            return None
        return value

    def choice(
        self, name: str, allowed: tuple[str, ...], *, required: bool
    ) -> str | None:
        value = self.text(name)
        if not value:
            if required:
                self.fail(name, "form.choose")
            return None
        if value not in allowed:
            self.fail(name, "form.choose")
            return None
        return value

    def choices(self, name: str, allowed: tuple[str, ...]) -> list[str]:
        chosen = list(dict.fromkeys(v for v in self.values.get(name, []) if v))
        if any(value not in allowed for value in chosen):
            self.fail(name, "form.choose")
            return [value for value in chosen if value in allowed]
        return chosen

    def flag(self, name: str) -> bool:
        return self.text(name) in ("on", "true", "1")


def read_profile(
    audience: str, posted: Iterable[tuple[str, str]], *, today: date | None = None
) -> tuple[dict[str, Any], list[Problem]]:
    """The API body of a new profile of ``audience`` (with ``audience``), and the
    problems; an edit sends the same body without ``audience``."""
    year = (today or date.today()).year
    form = _Reader(posted)
    body: dict[str, Any] = {"audience": audience}
    if audience == "individual":
        body |= _individual(form, year=year)
    elif audience == "company":
        body |= {
            "industry": form.term("industry", required=True),
            "size": form.choice("size", COMPANY_SIZES, required=True),
            "founding_year": form.number("founding_year", 1900, year, required=True),
            "district": form.choice("district", DISTRICT_IDS, required=True),
        }
    elif audience == "founder":
        body |= {
            "stage": form.choice("stage", FOUNDER_STAGES, required=True),
            "sector": form.term("sector", required=True),
            "district": form.choice("district", DISTRICT_IDS, required=True),
        }
    else:
        form.fail("audience", "form.choose")
    body["use_behaviour_for_ranking"] = form.flag("use_behaviour_for_ranking")
    return body, form.problems


def _individual(form: _Reader, *, year: int) -> dict[str, Any]:
    body: dict[str, Any] = {
        name: form.terms(name, limit) for name, limit in TERM_LISTS.items()
    }
    about = form.text("about")
    if len(about) > MAX_ABOUT_CHARS:
        form.fail("about", "form.too_long", limit=MAX_ABOUT_CHARS)
    wants_something = any(body[name] for name in TERM_LISTS) or about
    if not wants_something:
        form.fail("desired_occupations", "form.say_what_you_want")
    oldest, youngest = year - OLDEST_AGE, year - YOUNGEST_AGE
    return body | {
        "career_years": form.number("career_years", 0, 60, required=False),
        "education": form.choice("education", EDUCATIONS, required=False),
        "preferred_districts": form.choices("preferred_districts", DISTRICT_IDS),
        "residence_district": form.choice(
            "residence_district", DISTRICT_IDS, required=False
        ),
        "employment_types": form.choices("employment_types", EMPLOYMENT_TYPES),
        "employment_status": form.choice(
            "employment_status", EMPLOYMENT_STATUSES, required=False
        ),
        "min_monthly_pay_krw": form.number(
            "min_monthly_pay_krw", 0, MAX_PAY_KRW, required=False
        ),
        "birth_year": form.number("birth_year", oldest, youngest, required=False),
        "about": about or None,
    }


def form_values(profile: Mapping[str, Any]) -> dict[str, Any]:
    """A stored profile as the form shows it: lists as one line, numbers as text."""
    values: dict[str, Any] = {"audience": profile.get("audience", "individual")}
    for name in FIELDS.get(values["audience"], ()):
        value = profile.get(name)
        if name in TERM_LISTS:
            values[name] = ", ".join(value or [])
        elif isinstance(value, bool | list):
            values[name] = value
        else:
            values[name] = "" if value is None else str(value)
    return values


def posted_values(posted: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """What was typed, to show again beside the problems."""
    values: dict[str, Any] = {}
    for name, value in posted:
        if name in ("preferred_districts", "employment_types"):
            values.setdefault(name, []).append(value)
        elif name == "use_behaviour_for_ranking":
            values[name] = value in ("on", "true", "1")
        elif name != "csrf_token":
            values[name] = value
    return values


def service_problems(body: Any) -> list[Problem]:
    """The recommend service's field errors (``errors[].field`` like ``skills.3``)."""
    if not isinstance(body, dict):
        return []
    problems = []
    for error in body.get("errors") or []:
        name = str(error.get("field", "")).split(".")[0] or "request"
        problems.append(Problem(name, text=str(error.get("detail", ""))))
    if not problems and body.get("detail"):
        problems.append(Problem("request", text=str(body["detail"])))
    return problems


def title_of(profile: Mapping[str, Any], t: Translator) -> str:
    """A short name for a profile: its audience and what it looks for."""
    audience = str(profile.get("audience", "individual"))
    if audience == "company":
        what = [profile.get("industry")]
    elif audience == "founder":
        what = [profile.get("sector")]
    else:
        what = [
            *(profile.get("desired_occupations") or []),
            *(profile.get("skills") or []),
            *(profile.get("certificates") or []),
        ][:3]
    words = ", ".join(str(w) for w in what if w)
    kind = t(f"term.audience.{audience}")
    if not words:
        return t("profile.title_plain", audience=kind)
    return t("profile.title", audience=kind, what=words)
