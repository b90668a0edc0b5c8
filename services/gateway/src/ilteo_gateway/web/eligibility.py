"""Eligibility hints: does a profile meet a program's or a policy's conditions?

The search service's hits carry no conditions, so the hints are computed here from
the item's structured ``eligibility`` fields (age, residence, employment status,
company age and size) and its ``audience``, against the visitor's profile. A
condition the profile cannot answer is "to check", never a guess.

Age is the age reached this year, since a profile holds only the birth year (the
recommend and applications services count it the same way).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ilteo_gateway.web.i18n import Translator
from ilteo_gateway.web.view import district_label

CITY_WIDE = "incheon"  # a residence condition met by anyone living in the city

# 업력 (years since founding) of a founder's stage, as the recommend service reads
# it: pre-founding 0, early under 3, growth 3 to 7.
STAGE_YEARS: dict[str, tuple[int, int]] = {
    "pre_founding": (0, 0),
    "early": (0, 3),
    "growth": (3, 7),
}


class Verdict(StrEnum):
    MET = "met"  # 충족
    NOT_MET = "not_met"  # 미충족
    UNKNOWN = "unknown"  # 확인 필요


@dataclass(frozen=True, slots=True)
class Hint:
    condition: str  # age, residence, employment_status, company_age, ...
    verdict: Verdict
    values: dict[str, Any] = field(default_factory=dict)
    # The profile field that would settle an unknown verdict, if the profile has it.
    missing: str | None = None


def hints(
    *,
    eligibility: Mapping[str, Any] | None,
    audience: Sequence[str],
    profile: Mapping[str, Any],
    year: int,
) -> list[Hint]:
    """One hint per condition the item states, in a fixed order."""
    rules = eligibility or {}
    who = str(profile.get("audience", "individual"))
    found = [
        _audience(audience, who),
        _age(rules, profile, who=who, year=year),
        _residence(rules, profile, who=who),
        _employment_status(rules, profile, who=who),
        _company_age(rules, profile, who=who, year=year),
        _company_size(rules, profile, who=who),
    ]
    return [hint for hint in found if hint is not None]


def _audience(audience: Sequence[str], who: str) -> Hint | None:
    # Only a mismatch is worth a line: "for companies" under a job seeker's search.
    if not audience or who in audience:
        return None
    return Hint("audience", Verdict.NOT_MET, {"audience": list(audience)})


def _age(
    rules: Mapping[str, Any], profile: Mapping[str, Any], *, who: str, year: int
) -> Hint | None:
    low, high = rules.get("age_min"), rules.get("age_max")
    if (low is None and high is None) or who == "company":
        return None
    values = {"low": low, "high": high}
    birth_year = profile.get("birth_year")
    if birth_year is None:
        missing = "birth_year" if who == "individual" else None
        return Hint("age", Verdict.UNKNOWN, values, missing=missing)
    age = year - int(birth_year)
    inside = (low is None or age >= low) and (high is None or age <= high)
    return Hint(
        "age", Verdict.MET if inside else Verdict.NOT_MET, values | {"age": age}
    )


def _residence(
    rules: Mapping[str, Any], profile: Mapping[str, Any], *, who: str
) -> Hint | None:
    allowed = list(rules.get("residence") or [])
    if not allowed:
        return None
    lives_in = profile.get("residence_district" if who == "individual" else "district")
    values = {"districts": allowed}
    if not lives_in:
        return Hint("residence", Verdict.UNKNOWN, values, missing="residence_district")
    met = CITY_WIDE in allowed or lives_in in allowed
    return Hint("residence", Verdict.MET if met else Verdict.NOT_MET, values)


def _employment_status(
    rules: Mapping[str, Any], profile: Mapping[str, Any], *, who: str
) -> Hint | None:
    allowed = list(rules.get("employment_status") or [])
    if not allowed or who != "individual":
        return None
    values = {"statuses": allowed}
    status = profile.get("employment_status")
    if not status:
        return Hint(
            "employment_status", Verdict.UNKNOWN, values, missing="employment_status"
        )
    verdict = Verdict.MET if status in allowed else Verdict.NOT_MET
    return Hint("employment_status", verdict, values)


def _company_age(
    rules: Mapping[str, Any], profile: Mapping[str, Any], *, who: str, year: int
) -> Hint | None:
    limit = rules.get("company_max_age_years")
    if limit is None or who == "individual":
        return None
    values = {"years": limit}
    if who == "company":
        founded = profile.get("founding_year")
        if founded is None:
            return Hint("company_age", Verdict.UNKNOWN, values, missing="founding_year")
        met = year - int(founded) <= limit
        return Hint("company_age", Verdict.MET if met else Verdict.NOT_MET, values)
    low, high = STAGE_YEARS.get(str(profile.get("stage")), (0, 99))
    if high <= limit:
        return Hint("company_age", Verdict.MET, values)
    if low > limit:
        return Hint("company_age", Verdict.NOT_MET, values)
    # The stage spans the limit: only the founding date would tell.
    return Hint("company_age", Verdict.UNKNOWN, values)


def _company_size(
    rules: Mapping[str, Any], profile: Mapping[str, Any], *, who: str
) -> Hint | None:
    allowed = list(rules.get("company_sizes") or [])
    if not allowed or who != "company":
        return None
    values = {"sizes": allowed}
    size = profile.get("size")
    if not size:
        return Hint("company_size", Verdict.UNKNOWN, values, missing="size")
    verdict = Verdict.MET if size in allowed else Verdict.NOT_MET
    return Hint("company_size", verdict, values)


def describe(hint: Hint, t: Translator) -> str:
    """The condition in words, e.g. "나이 만 19~39세" or "Lives in Incheon"."""
    values = hint.values
    if hint.condition == "age":
        low, high = values["low"], values["high"]
        if low is not None and high is not None:
            return t("elig.age.range", low=low, high=high)
        if low is not None:
            return t("elig.age.min", low=low)
        return t("elig.age.max", high=high)
    if hint.condition == "residence":
        places = [
            t("elig.residence.city")
            if d == CITY_WIDE
            else district_label(d, t.language)
            for d in values["districts"]
        ]
        return t("elig.residence", places=", ".join(places))
    if hint.condition == "employment_status":
        names = [_term(t, "employment_status", s) for s in values["statuses"]]
        return t("elig.employment_status", statuses=", ".join(names))
    if hint.condition == "company_age":
        return t("elig.company_age", years=values["years"])
    if hint.condition == "company_size":
        names = [_term(t, "company_size", s) for s in values["sizes"]]
        return t("elig.company_size", sizes=", ".join(names))
    names = [_term(t, "audience", a) for a in values["audience"]]
    return t("elig.audience", audience=", ".join(names))


def _term(t: Translator, group: str, value: str) -> str:
    key = f"term.{group}.{value}"
    return t(key) if t.has(key) else value
