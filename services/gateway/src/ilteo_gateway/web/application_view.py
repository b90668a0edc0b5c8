"""How programs and applications read on the page: Korean times, the application
period, eligibility in words, answers as the citizen gave them."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from ilteo_gateway.web import view
from ilteo_gateway.web.application_forms import INCHEON, SEOUL
from ilteo_gateway.web.i18n import Translator


def now() -> datetime:
    return datetime.now(SEOUL)


def _parsed(moment: str | datetime) -> datetime:
    parsed = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    return parsed.astimezone(SEOUL) if parsed.tzinfo else parsed


def moment(value: str | datetime | None) -> str:
    """``2026-03-02 09:00`` in Korean time."""
    return _parsed(value).strftime("%Y-%m-%d %H:%M") if value else ""


def local_input(value: datetime) -> str:
    """The value of a ``datetime-local`` field."""
    return _parsed(value).strftime("%Y-%m-%dT%H:%M")


def phase(program: Mapping[str, Any], *, at: datetime | None = None) -> str:
    """``open`` (접수 중), ``upcoming`` (접수 예정) or ``closed`` (접수 마감)."""
    at = at or now()
    if at < _parsed(program["starts_at"]):
        return "upcoming"
    if at >= _parsed(program["ends_at"]):
        return "closed"
    return "open"


def _place(place: str, language: str) -> str:
    if place == INCHEON:
        return "인천광역시" if language == "ko" else "Incheon"
    return view.district_label(place, language)


def eligibility(program: Mapping[str, Any], t: Translator) -> list[str]:
    """Each condition of who may apply, in words; empty when anyone may."""
    rules = program.get("eligibility") or {}
    lines = []
    low, high = rules.get("age_min"), rules.get("age_max")
    if low is not None and high is not None:
        lines.append(t("program.rule.age_between", low=low, high=high))
    elif low is not None:
        lines.append(t("program.rule.age_from", low=low))
    elif high is not None:
        lines.append(t("program.rule.age_to", high=high))
    if rules.get("residence"):
        places = ", ".join(_place(p, t.language) for p in rules["residence"])
        lines.append(t("program.rule.residence", places=places))
    if rules.get("employment_status"):
        statuses = ", ".join(
            t(f"applicant.employment.{status}") for status in rules["employment_status"]
        )
        lines.append(t("program.rule.employment", statuses=statuses))
    return lines


def residence(value: str | None, language: str) -> str:
    if value is None:
        return "인천 외 지역" if language == "ko" else "Outside Incheon"
    return _place(value, language)


def answer(value: Any, t: Translator) -> str:
    """An answer as the citizen gave it: 예/아니오, numbers with separators."""
    if value is None or value == "":
        return t("apply.answer.none")
    if isinstance(value, bool):
        return t("apply.answer.yes") if value else t("apply.answer.no")
    if isinstance(value, int | float):
        return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"
    return str(value)
