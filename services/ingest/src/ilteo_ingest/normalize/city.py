"""인천광역시 고시·공고: one notice of the city's board, list row plus page.

A notice is a program (모집, 안내), a job fair (박람회) or a public job (채용
공고); jobs become ``JobPosting``, the others ``SupportProgram``. The facts are
the notice's "label: value" lines (신청기간, 장소, 대상, 모집인원 …), read as
the site writes them: dates as ``2026. 12. 1.(화)``, periods that are only
``추후 공지`` or end ``채용 시까지``, entities the site escaped twice.
"""

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from typing import Any

from ilteo_common.items import (
    Audience,
    ItemKind,
    JobPosting,
    Period,
    Place,
    SupportProgram,
)
from ilteo_ingest.normalize.common import (
    KST,
    as_dict,
    career_from_text,
    clean_html,
    employment_type_from_text,
    find_dates,
    parse_count,
    parse_date,
    parse_pay,
    text_or_none,
)
from ilteo_ingest.normalize.eligibility import parse_audience, parse_eligibility
from ilteo_ingest.normalize.places import district_in_text, place_from
from ilteo_ingest.sources import CITY
from ilteo_places import district_from_address

SITE = CITY.production_base_url
CITY_NAME = "인천광역시"

# Labels of the facts, in the order they are tried.
PERIOD_LABELS = ("신청기간", "접수기간", "모집기간", "원서접수", "행사일시", "기간")
PLACE_LABELS = ("장소", "근무지", "근무장소", "행사장소", "교육장소")
TARGET_LABELS = ("대상", "지원대상", "모집대상", "참여대상", "신청대상")
CONDITION_LABELS = ("신청자격", "지원자격", "자격요건")
SUPPORT_LABELS = ("지원내용", "교육내용", "지원규모", "혜택")
HEADCOUNT_LABELS = ("모집인원", "채용인원", "선발인원")
PAY_LABELS = ("보수", "급여", "임금")
# A notice with one of these facts announces a job, whatever its title says.
JOB_LABELS = ("응시자격", "담당업무", "보수", "근무조건", "채용인원")

_FAIR = re.compile(r"박람회|한마당|채용\s*행사|채용\s*설명회|매칭\s*데이")
_JOB_TITLE = re.compile(r"채용\s*공고|채용$")
_UNTIL_FILLED = re.compile(r"채용\s*시\s*까지|상시")
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


def normalize(
    record: Mapping[str, Any], detail: Mapping[str, Any] | None
) -> SupportProgram | JobPosting:
    notice = as_dict(detail)
    facts = {
        label: clean_html(value) or ""
        for label, value in as_dict(notice.get("facts")).items()
    }
    title = clean_html(notice.get("title") or record.get("title")) or ""
    if kind_of(title, facts) == "job":
        return _job(record, notice, facts, title)
    return _program(record, notice, facts, title)


def kind_of(title: str, facts: Mapping[str, str]) -> str:
    """``fair``, ``job`` or ``program``: the board mixes all three."""
    if _FAIR.search(title):
        return "fair"
    if any(label in facts for label in JOB_LABELS):
        return "job"
    return "job" if _JOB_TITLE.search(_TRAILING_NOTE.sub("", title)) else "program"


def _program(
    record: Mapping[str, Any],
    notice: Mapping[str, Any],
    facts: Mapping[str, str],
    title: str,
) -> SupportProgram:
    target = _first(facts, TARGET_LABELS)
    conditions = [facts[label] for label in CONDITION_LABELS if label in facts]
    audience = parse_audience(target) if target else parse_audience(title)
    period = notice_period(_first(facts, PERIOD_LABELS))
    return SupportProgram(
        kind=ItemKind.PROGRAM,
        **_common(record, notice, facts, title, period),
        audience=audience,
        categories=[_category(kind_of(title, facts), audience)],
        support=_first(facts, SUPPORT_LABELS),
        application_period=period,
        eligibility=parse_eligibility(target, *conditions),
        capacity=parse_count(_first(facts, HEADCOUNT_LABELS)),
    )


def _job(
    record: Mapping[str, Any],
    notice: Mapping[str, Any],
    facts: Mapping[str, str],
    title: str,
) -> JobPosting:
    period = notice_period(_first(facts, PERIOD_LABELS))
    return JobPosting(
        **_common(record, notice, facts, title, period),
        employment_type=employment_type_from_text(title),
        career=career_from_text(title)[0],
        pay=parse_pay(_first(facts, PAY_LABELS)),
        headcount=parse_count(_first(facts, HEADCOUNT_LABELS)),
    )


def _common(
    record: Mapping[str, Any],
    notice: Mapping[str, Any],
    facts: Mapping[str, str],
    title: str,
    period: Period,
) -> dict[str, Any]:
    """The fields programs and jobs share."""
    info = as_dict(notice.get("info"))
    stated = _first(facts, PERIOD_LABELS) or ""
    return {
        "title": title,
        "description": _description(notice),
        "organization": _organization(info.get("담당부서") or record.get("dept")),
        "url": f"{SITE}{_detail_path()}?repSeq={record['repSeq']}",
        "place": _place(facts, title, notice),
        "posted_at": _midnight(info.get("등록일") or record.get("regDate")),
        "closes_on": period.ends_on,
        "open_until_filled": bool(_UNTIL_FILLED.search(stated)),
        "deadline_text": period.text if period.ends_on is None else None,
    }


def notice_period(value: Any) -> Period:
    """``2026. 12. 1.(화) ~ 2026. 12. 15.(화)``, ``… ~ 채용 시까지``, ``추후 공지``.

    One date alone is an end when the text says so (``~ 12. 15.``, ``…까지``)
    and a single day otherwise. A date no calendar has raises ``InvalidDate``.
    """
    text = clean_html(value)
    if text is None:
        return Period()
    dates = find_dates(text, strict=True)
    if len(dates) >= 2:
        return Period(starts_on=dates[0], ends_on=dates[1])
    if not dates:
        return Period(text=text)
    day = dates[0]
    _, tilde, after = text.partition("~")
    if tilde:
        ends_here = parse_date(after) == day
        return Period(
            starts_on=None if ends_here else day,
            ends_on=day if ends_here else None,
            text=text,
        )
    if "까지" in text:
        return Period(ends_on=day, text=text)
    return Period(starts_on=day, ends_on=day, text=text)


def _first(facts: Mapping[str, str], labels: tuple[str, ...]) -> str | None:
    return next((facts[label] for label in labels if facts.get(label)), None)


def _category(kind: str, audience: list[Audience]) -> str:
    if kind == "fair":
        return "일자리 박람회"
    if Audience.FOUNDER in audience:
        return "창업지원"
    if Audience.COMPANY in audience:
        return "기업지원"
    return "취업지원"


def _description(notice: Mapping[str, Any]) -> str | None:
    lines = [clean for line in notice.get("lines") or [] if (clean := clean_html(line))]
    files = [
        name
        for attachment in notice.get("attachments") or []
        if (name := clean_html(as_dict(attachment).get("name")))
    ]
    if files:
        lines.append("첨부파일: " + ", ".join(files))
    return "\n".join(lines) or None


def _organization(department: Any) -> str:
    name = text_or_none(department)
    return f"{CITY_NAME} {name}" if name else CITY_NAME


def _place(facts: Mapping[str, str], title: str, notice: Mapping[str, Any]) -> Place:
    """The 장소 line's current district (its 법정동 settles a split district);
    else a district named in the text or the title (2026 남동구 일자리 박람회)."""
    place = place_from(address=_first(facts, PLACE_LABELS))
    if place.district_id is not None:
        return place
    text = "\n".join(str(line) for line in notice.get("lines") or [])
    found = district_in_text(text)
    if found is None:
        district = district_from_address(title)
        found = district.id if district else None
    return place.model_copy(update={"district_id": found}) if found else place


def _detail_path() -> str:
    assert CITY.detail is not None
    return CITY.detail.path


def _midnight(value: Any) -> datetime | None:
    day: date | None = parse_date(value, strict=True)
    if day is None:
        return None
    return datetime.combine(day, time(), tzinfo=KST).astimezone(UTC)
