"""Public-sector jobs: 나라일터 (XML, region often left out) and 잡알리오 (JSON)."""

import random
from datetime import date, timedelta
from typing import Any

from ilteo_ingest.demo import geography
from ilteo_ingest.demo.common import Context, ymd
from ilteo_ingest.demo.jobs import Job, job_facts, work24_record
from ilteo_ingest.demo.model import Flaw, Raw, Record
from ilteo_ingest.demo.vocab import OTHER_REGIONS, PUBLIC_EMPLOYERS, PUBLIC_ROLES

NARAILTER_WEB = "https://www.gojobs.go.kr"
JOBALIO_WEB = "https://job.alio.go.kr"

# 잡알리오 code tables (hireTypeLst, recrutSe, acbgCondLst, workRgnLst, ncsCdLst).
HIRE_TYPES = {
    "R1010": "정규직",
    "R1020": "계약직",
    "R1030": "무기계약직",
    "R1050": "청년인턴(체험형)",
    "R1060": "청년인턴(채용형)",
}
RECRUIT_KINDS = {"R2010": "신입", "R2020": "경력", "R2030": "신입+경력"}
EDUCATION = {"R7010": "학력무관", "R7030": "고졸", "R7050": "대졸(4년)"}
REGIONS = {"R3010": "서울", "R3011": "인천", "R3017": "경기", "R3019": "세종"}
NCS = {
    "R600002": "경영.회계.사무",
    "R600006": "보건.의료",
    "R600014": "건설",
    "R600019": "전기.전자",
    "R600020": "정보통신",
    "R600023": "환경.에너지.안전",
}
_INSTITUTIONS = (
    "인천국제공항공사",
    "인천항만공사",
    "한국환경공단",
    "국립인천해양박물관",
    "극지연구소",
    "한국산업인력공단 인천지사",
    "근로복지공단 인천병원",
)


def narailter_record(ctx: Context, index: int, *, version: int = 0) -> Record:
    """나라일터 record ``index``: a Work24 job copied, or a public body's own."""
    rng = ctx.rng("narailter", index)
    original = ctx.plan.originals.get(("narailter", index))
    job = job_facts(ctx, original, version=version) if original is not None else None
    in_incheon = job is not None or rng.random() < 0.9
    place = job.place if job else _place(rng) if in_incheon else None
    dept = job.employer.name if job else rng.choice(PUBLIC_EMPLOYERS)
    title = _narailter_title(rng, job, dept, version)
    # Agencies post on 나라일터 a day after Work24, never in the future.
    published = job.registered.date() + timedelta(days=1) if job else None
    registered = min(published or _recent(ctx, rng), ctx.today)
    closing = job.closing if job else registered + timedelta(days=rng.randint(7, 30))
    if job is None and version:
        closing = closing + timedelta(days=7 * version) if closing else None
    flaw = ctx.plan.flaw("narailter", index)
    old_name = rng.random() < 0.5
    where = _where(rng, place, old_name=old_name)
    row: dict[str, Any] = {
        "idx": str(400_000 + ctx.plan.sizes["narailter"] - index),
        "title": title,
        "deptName": dept,
        "regdate": registered.strftime("%Y.%m.%d"),
        "enddate": closing.strftime("%Y.%m.%d") if closing else "채용시까지",
        "readnum": str(rng.randint(3, 2_000)),
        # Half the records leave the region out; the text still names it.
        "areaCode": _area_code(place, old_name=old_name) if rng.random() < 0.45 else "",
    }
    _flaw_narailter(row, flaw)
    detail = {
        "contents": _contents(job, title, dept, where, closing),
        "areaNm": where if row["areaCode"] else "",
        "workAddr": where if rng.random() < 0.3 else "",
    }
    return Record(
        source="narailter",
        index=index,
        id=row["idx"],
        title=title,
        district=place.district if place else None,
        point=(place.lon, place.lat) if place else None,
        payload=row,
        detail=detail,
        flaw=flaw,
        duplicate_of=f"work24:{work24_record(ctx, original).id}"
        if original is not None
        else None,
        closed=closing is not None and closing < ctx.today,
        version=version,
        closing=closing,
        extra={"in_incheon": in_incheon},
    )


def jobalio_record(ctx: Context, index: int, *, version: int = 0) -> Record:
    """잡알리오 record ``index``: lists of codes beside lists of names."""
    rng = ctx.rng("jobalio", index)
    institution = rng.choice(_INSTITUTIONS)
    regions = _jobalio_regions(rng)
    hire = rng.choice(list(HIRE_TYPES))
    kind = rng.choice(list(RECRUIT_KINDS))
    education = rng.choice(list(EDUCATION))
    ncs = rng.sample(list(NCS), rng.randint(1, 3))
    begins = _recent(ctx, rng)
    ends = begins + timedelta(days=rng.randint(10, 25) + 7 * version)
    title = f"{institution} 2026년 {HIRE_TYPES[hire]} 채용"
    if version:
        title += " (기간연장)"
    flaw = ctx.plan.flaw("jobalio", index)
    row: dict[str, Any] = {
        "recrutPblntSn": 290_000 + ctx.plan.sizes["jobalio"] - index,
        "instNm": institution,
        "recrutPbancTtl": "" if flaw is Flaw.MISSING_TITLE else title,
        "ncsCdLst": ",".join(ncs),
        "ncsCdNmLst": ",".join(NCS[code] for code in ncs),
        "hireTypeLst": hire,
        "hireTypeNmLst": HIRE_TYPES[hire],
        "workRgnLst": ",".join(regions),
        "workRgnNmLst": ",".join(REGIONS[code] for code in regions),
        "recrutSe": kind,
        "recrutSeNm": RECRUIT_KINDS[kind],
        "acbgCondLst": education,
        "acbgCondNmLst": EDUCATION[education],
        "recrutNope": rng.choice((1, 2, 3, 5, 10, 20)),
        "pbancBgngYmd": ymd(begins),
        "pbancEndYmd": "20260230" if flaw is Flaw.BAD_DATE else ymd(ends),
        "replmprYn": rng.choice(("N", "N", "Y")),
        "ongoingYn": "Y" if ends >= ctx.today else "N",
        "prefCondCn": "취업지원대상자, 장애인 우대",
        "aplyQlfcCn": "공고일 기준 결격사유가 없는 자",
        "srcUrl": f"{JOBALIO_WEB}/recruitview.do?idx={290_000 - index}",
    }
    return Record(
        source="jobalio",
        index=index,
        id=str(row["recrutPblntSn"]),
        title=title,
        district=None,
        point=None,
        payload=row,
        detail={"files": [{"atchFileNm": "채용공고문.hwp"}]},
        flaw=flaw,
        closed=ends < ctx.today,
        version=version,
        closing=ends,
        extra={"in_incheon": "R3011" in regions},
    )


def _place(rng: random.Random) -> geography.Place:
    return geography.place_in(geography.pick_district(rng), rng)


def _recent(ctx: Context, rng: random.Random) -> date:
    return ctx.today - timedelta(days=rng.randint(0, 40))


def _narailter_title(
    rng: random.Random, job: Job | None, dept: str, version: int
) -> str:
    if job is not None:
        # Same job, the agency's own wording: no brackets, "공고" at the end.
        role = job.title.split("2026년 ", 1)[-1].removesuffix(" (마감연장)")
        title = f"{job.employer.name} {role.removesuffix(' 채용')} 채용 공고"
    else:
        title = f"{dept} {rng.choice(PUBLIC_ROLES)} 채용"
    return f"{title} (마감연장)" if version else title


def _where(rng: random.Random, place: geography.Place | None, *, old_name: bool) -> str:
    if place is None:
        return f"{rng.choice(OTHER_REGIONS)[0]} 세종대로 {rng.randint(1, 200)}"
    return place.address(old_name=old_name, road=rng.random() < 0.5)


def _area_code(place: geography.Place | None, *, old_name: bool) -> str:
    if place is None:
        return "11110"
    former = {"중구": "28110", "동구": "28140", "서구": "28260"}
    if old_name and place.former_name in former:
        return former[place.former_name]
    return place.district.official_code or ""


def _contents(
    job: Job | None, title: str, dept: str, where: str, closing: date | None
) -> str:
    until = closing.strftime("%Y. %m. %d.") if closing else "채용 시까지"
    duties = job.occupation.duties if job else "행정 업무 지원"
    return (
        f"{title}\n1. 모집기관: {dept}\n2. 담당업무: {duties}\n"
        f"3. 근무장소: {where}\n4. 접수기간: 공고일 ~ {until}\n"
        "5. 제출서류: 응시원서, 자기소개서, 개인정보 수집ㆍ이용 동의서"
    )


def _flaw_narailter(row: dict[str, Any], flaw: Flaw | None) -> None:
    if flaw is Flaw.MISSING_TITLE:
        row["title"] = ""
    elif flaw is Flaw.BAD_DATE:
        row["enddate"] = "2026.02.30"
    elif flaw is Flaw.BROKEN_ENTITY:
        row["title"] = Raw(f"{row['title']} (시설&환경)")


def _jobalio_regions(rng: random.Random) -> list[str]:
    roll = rng.random()
    if roll < 0.7:
        return ["R3011"]
    if roll < 0.85:
        return ["R3010", "R3011"]
    return [rng.choice(("R3010", "R3017", "R3019"))]
