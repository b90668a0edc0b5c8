"""Why an item is recommended, in plain Korean: one short part per signal."""

from datetime import date
from typing import Any

from ilteo_recommend.profiles.schemas import IndividualFields, ProfileFields
from ilteo_recommend.profiles.text import EMPLOYMENT_TYPE_KO, district_name
from ilteo_recommend.recommendations.queries import ABOUT_MATCH, TERM_PREFIX, skill_of
from ilteo_recommend.recommendations.ranking import Candidate

SEPARATOR = " · "
MAN_WON = 10_000  # 만원
SIMILAR_ENOUGH = 0.5
"""Scaled similarity above which "비슷함" is worth saying."""
CLOSING_SOON_DAYS = 7


def _won(amount: int) -> str:
    return f"{round(amount / MAN_WON):,}만원"


def _matched_terms(candidate: Candidate) -> list[str]:
    return sorted(
        (
            name.removeprefix(TERM_PREFIX)
            for name in candidate.matched
            if name.startswith(TERM_PREFIX)
        ),
        key=len,
    )


def match_part(candidate: Candidate, fields: ProfileFields) -> str | None:
    terms = _matched_terms(candidate)
    if terms and isinstance(fields, IndividualFields):
        occupations = [t for t in terms if t in fields.desired_occupations]
        # A course is found by the skill its occupation names (지게차 운전 for
        # 지게차 운전원): unless the person has that skill, it is the wish.
        own = {*fields.skills, *fields.certificates}
        named = {
            skill_of(o): o for o in fields.desired_occupations if skill_of(o) not in own
        }
        learned = [named[t] for t in terms if t in named and t not in occupations]
        others = [t for t in terms if t not in occupations and t not in named]
        parts = []
        if learned:
            parts.append(f"희망 직종 {'·'.join(learned)} 관련")
        if occupations:
            parts.append(f"희망 직종 {'·'.join(occupations)}")
        if others:
            noun = "경력" if fields.career_years else "보유 기술"
            parts.append(f"{'·'.join(others)} {noun}과 일치")
        elif occupations:
            parts[-1] += "과 일치"
        return ", ".join(parts)
    if terms:
        return f"{'·'.join(terms)} 분야와 일치"
    if ABOUT_MATCH in candidate.matched:
        return "자기소개와 관련"
    if candidate.signals.get("similarity", 0.0) >= SIMILAR_ENOUGH:
        return "프로필과 내용이 비슷함"
    return None


def district_part(source: dict[str, Any], *, preferred: frozenset[str]) -> str | None:
    district = source.get("district_id")
    if district is None:
        return None
    name = district_name(district)
    return f"{name} (희망 지역)" if district in preferred else name


def pay_part(source: dict[str, Any], *, wanted: int | None) -> str | None:
    if source.get("kind") != "job":
        return None
    low, high = source.get("pay_month_min"), source.get("pay_month_max")
    if low is None and high is None:
        return "급여 협의" if source.get("pay_negotiable") else None
    if low is not None and high is not None and low != high:
        text = f"월 {_won(low)}~{_won(high)}"
    else:
        text = f"월 {_won(low if low is not None else high or 0)}"
    if wanted is None:
        return text
    bottom = low if low is not None else high
    top = high if high is not None else low
    assert bottom is not None
    assert top is not None
    if bottom >= wanted:
        return f"{text} (희망 이상)"
    if top >= wanted:
        return f"{text} (희망 포함)"
    return f"{text} (희망보다 낮음)"


def employment_part(source: dict[str, Any], *, fields: ProfileFields) -> str | None:
    wanted = fields.employment_types if isinstance(fields, IndividualFields) else []
    kind = source.get("employment_type")
    if not kind or kind not in wanted:
        return None
    return EMPLOYMENT_TYPE_KO[kind]


def eligibility_part(source: dict[str, Any], *, fields: ProfileFields) -> str | None:
    low, high = source.get("eligibility_age_min"), source.get("eligibility_age_max")
    if low is None and high is None:
        return None
    if low is not None and high is not None:
        band = f"만 {low}~{high}세"
    elif low is not None:
        band = f"만 {low}세 이상"
    else:
        band = f"만 {high}세 이하"
    known = isinstance(fields, IndividualFields) and fields.birth_year is not None
    return f"{band} 대상 (연령 충족)" if known else f"{band} 대상 (연령 확인 필요)"


def residence_part(source: dict[str, Any]) -> str | None:
    residence = source.get("eligibility_residence") or []
    if not residence:
        return None
    if "incheon" in residence:
        return "인천 거주자 대상"
    return f"{'·'.join(district_name(d) for d in residence)} 거주자 대상"


def deadline_part(source: dict[str, Any], *, today: date) -> str | None:
    closes = source.get("closes_on")
    if not closes:
        return None
    days = (date.fromisoformat(closes) - today).days
    if 0 <= days <= CLOSING_SOON_DAYS:
        return "오늘 마감" if days == 0 else f"마감 D-{days}"
    return None


def feedback_part(candidate: Candidate) -> str | None:
    if candidate.signals.get("feedback", 0.0) >= SIMILAR_ENOUGH:
        return "저장·지원한 항목과 비슷함"
    return None


def reasons_for(
    candidate: Candidate,
    *,
    fields: ProfileFields,
    wanted_pay: int | None,
    preferred: frozenset[str],
    today: date,
) -> list[str]:
    source = candidate.source
    parts = [
        match_part(candidate, fields),
        district_part(source, preferred=preferred),
        pay_part(source, wanted=wanted_pay),
        employment_part(source, fields=fields),
        eligibility_part(source, fields=fields),
        residence_part(source),
        feedback_part(candidate),
        deadline_part(source, today=today),
    ]
    return [part for part in parts if part]
