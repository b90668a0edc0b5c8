"""The city's own notices (고시·공고): programs, job fairs and public jobs, as HTML.

Besides the fields, a notice carries the city's own habits: 신청기간 "추후 공지"
(to be announced), addresses with a district name from before 2026-07-01, and
a separator typed as the entity ``&middot;`` that the site escapes once more.
"""

import random
from datetime import date, timedelta
from typing import Any

from ilteo_ingest.demo import geography
from ilteo_ingest.demo.common import Context
from ilteo_ingest.demo.jobs import Job, job_facts, work24_record
from ilteo_ingest.demo.model import Flaw, Record
from ilteo_ingest.demo.vocab import (
    ATTACHMENTS,
    CITY_DEPARTMENTS,
    CITY_FAIRS,
    CITY_PROGRAMS,
    PUBLIC_EMPLOYERS,
    PUBLIC_ROLES,
    CityProgram,
)

_WEEKDAYS = "월화수목금토일"
_VENUES = ("구청 대강당", "일자리지원센터", "문화회관 전시실", "청년센터 다목적실")
TO_BE_ANNOUNCED = "추후 공지"
_TO_BE_ANNOUNCED_SHARE = 0.15
_OLD_NAME_SHARE = 0.3
_ENTITY_SHARE = 0.25
_FAIR_TARGET = "구직을 희망하는 인천시민 누구나, 채용을 희망하는 인천 소재 기업"


def city_record(ctx: Context, index: int, *, version: int = 0) -> Record:
    """City notice ``index`` (newest first): a program, a job fair or a job."""
    rng = ctx.rng("city", index)
    # The city's habits come from a stream of their own.
    habits = ctx.rng("city-habits", index)
    original = ctx.plan.originals.get(("city", index))
    job = job_facts(ctx, original, version=version) if original is not None else None
    kind = "job" if job else rng.choices(("program", "fair", "job"), (5, 2, 3))[0]
    program = rng.choice(CITY_PROGRAMS) if kind == "program" else None
    place = job.place if job else geography.place_in(geography.pick_district(rng), rng)
    posted = (
        job.registered.date() if job else ctx.today - timedelta(days=rng.randint(0, 60))
    )
    begins = posted + timedelta(days=1)
    ends = job.closing if job else begins + timedelta(days=rng.randint(7, 30))
    announced_later = program is not None and habits.random() < _TO_BE_ANNOUNCED_SHARE
    if announced_later:
        ends = None
    if job is None and version and ends:
        ends += timedelta(days=7 * version)
    title = _title(rng, kind, job, program, place, version)
    flaw = ctx.plan.flaw("city", index)
    rep_seq = str(1_500_000 + ctx.plan.sizes["city"] - index)
    row: dict[str, Any] = {
        "repSeq": rep_seq,
        "title": "" if flaw is Flaw.MISSING_TITLE else title,
        "kind": kind,
        "noticeNo": f"인천광역시 공고 제2026-{rng.randint(100, 3999)}호",
        "dept": rng.choice(CITY_DEPARTMENTS),
        "regDate": posted.isoformat(),
        "modDate": ctx.revised_at(version).date().isoformat() if version else "",
        "views": str(rng.randint(10, 3_000)),
        "period": _period_text(flaw, begins, ends, announced_later),
        "where": place.address(
            old_name=habits.random() < _OLD_NAME_SHARE, road=rng.random() < 0.5
        ),
        "contact": f"{rng.choice(CITY_DEPARTMENTS)} 032-440-{rng.randint(1000, 9999)}",
        "body": _body(rng, habits, kind, job, program),
        "attachments": rng.sample(ATTACHMENTS, rng.randint(1, 3)),
    }
    return Record(
        source="city",
        index=index,
        id=rep_seq,
        title=title,
        district=place.district,
        point=(place.lon, place.lat),
        payload=row,
        flaw=flaw,
        duplicate_of=f"work24:{work24_record(ctx, original).id}"
        if original is not None
        else None,
        closed=ends is not None and ends < ctx.today,
        version=version,
        modified=ctx.revised_at(version) if version else None,
        closing=ends,
        extra={
            "kind": kind,
            "attachments": row["attachments"],
            "posted": posted.isoformat(),
            "audience": _audience(kind, program),
            "ages": list(program.ages) if program else [None, None],
            "announced_later": announced_later,
        },
    )


def _title(
    rng: random.Random,
    kind: str,
    job: Job | None,
    program: CityProgram | None,
    place: geography.Place,
    version: int,
) -> str:
    if job is not None:
        # The city's wording of a Work24 posting: 공고 first, no brackets.
        role = job.title.split("2026년 ", 1)[-1].removesuffix(" (마감연장)")
        title = f"{job.employer.name} {role} 공고"
    elif program is not None:
        title = f"2026년 {program.title}"
    elif kind == "fair":
        title = f"2026 {place.district.name_ko} {rng.choice(CITY_FAIRS)}"
    else:
        title = f"{rng.choice(PUBLIC_EMPLOYERS)} {rng.choice(PUBLIC_ROLES)} 채용 공고"
    return f"{title} (기간연장)" if version else title


def _audience(kind: str, program: CityProgram | None) -> list[str]:
    if program is not None:
        return list(program.audience)
    return ["individual", "company"] if kind == "fair" else ["individual"]


def _period_text(
    flaw: Flaw | None, begins: date, ends: date | None, announced_later: bool
) -> str:
    if flaw is Flaw.BAD_DATE:
        return "2026. 02. 30.(월)"
    return TO_BE_ANNOUNCED if announced_later else _period(begins, ends)


def _period(begins: date, ends: date | None) -> str:
    if ends is None:
        return f"{_dotted(begins)} ~ 채용 시까지"
    return f"{_dotted(begins)} ~ {_dotted(ends)}"


def _dotted(day: date) -> str:
    """The city's date style: 2026. 12. 1.(화)."""
    return f"{day.year}. {day.month}. {day.day}.({_WEEKDAYS[day.weekday()]})"


def _body(
    rng: random.Random,
    habits: random.Random,
    kind: str,
    job: Job | None,
    program: CityProgram | None,
) -> list[str]:
    if job is not None:
        return [
            f"담당업무: {job.occupation.duties}",
            f"모집인원: {job.headcount}명",
            f"보수: {job.pay.text}",
            "응시자격: 공고일 현재 인천광역시에 주민등록이 되어 있는 사람",
        ]
    if kind == "fair":
        return [
            f"행사장: {rng.choice(_VENUES)}",
            f"참여기업: {rng.randint(20, 80)}개사",
            f"대상: {_FAIR_TARGET}",
            "준비물: 이력서 (현장 면접 희망자)",
        ]
    if program is None:
        return [
            f"모집인원: {rng.randint(1, 12)}명",
            f"보수: 월 {rng.randint(216, 260)}만원",
            "응시자격: 공고일 현재 인천광역시에 주민등록이 되어 있는 사람",
            "전형방법: 서류전형, 면접전형",
        ]
    support = program.support
    if habits.random() < _ENTITY_SHARE:
        # Typed as an entity into the site's editor, which escapes it again.
        support = support.replace("ㆍ", "&middot;")
    return [
        f"모집인원: {rng.randint(10, 60)}명",
        f"대상: {program.target}",
        f"지원내용: {support}",
        "신청방법: 방문 또는 이메일 접수 (붙임 신청서 작성)",
    ]
