"""Job postings: the facts of one job, and how Work24 (고용24) publishes them."""

import itertools
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ilteo_common.items import HOURS_PER_MONTH, MINIMUM_WAGE_2026_KRW_PER_HOUR
from ilteo_ingest.demo import geography
from ilteo_ingest.demo.common import (
    Context,
    business_number,
    manwon,
    person_name,
    phone,
    won,
    yy_mm_dd,
)
from ilteo_ingest.demo.model import Flaw, PayTruth, Raw, Record
from ilteo_ingest.demo.vocab import (
    COMPANY_KINDS,
    COMPANY_STEMS,
    LEGAL_FORMS,
    OCCUPATIONS,
    PUBLIC_EMPLOYERS,
    PUBLIC_ROLES,
    SECTOR_WEIGHTS,
    TITLE_PATTERNS,
    Occupation,
)

WORK24_WEB = "https://www.work24.go.kr"
# Work24 lists postings registered in the last this many days, newest first.
REGISTRATION_SPAN_DAYS = 45
MINIMUM_MONTHLY_KRW = MINIMUM_WAGE_2026_KRW_PER_HOUR * HOURS_PER_MONTH

# empTpCd: 10/11 open-ended (정규직), 20/21 fixed-term (계약직), 4 파견.
EMPLOYMENT_TYPES = {
    "10": "기간의 정함이 없는 근로계약",
    "11": "기간의 정함이 없는 근로계약(시간(선택)제)",
    "20": "기간의 정함이 있는 근로계약",
    "21": "기간의 정함이 있는 근로계약(시간(선택)제)",
    "4": "파견근로",
}
# minEdubg: 00 is 학력무관.
EDUCATION = {
    "00": "학력무관",
    "01": "초졸이하",
    "02": "중졸",
    "03": "고졸",
    "04": "대졸(2~3년)",
    "05": "대졸(4년)",
    "06": "석사",
}
CAREERS = {"N": "신입", "E": "경력", "Z": "관계없음"}
_PAY_KINDS = {"H": "시급", "D": "일급", "M": "월급", "Y": "연봉"}
_PERIODS = {"H": "hour", "D": "day", "M": "month", "Y": "year"}
_NEGOTIABLE = ("면접 후 결정", "회사내규에 따름")
# Last years' minimum wages, which stale postings still offer.
_OLD_MINIMUM_WAGES = (9_860, 10_030)
_PUBLIC_OCCUPATIONS = [o for o in OCCUPATIONS if o.sector in ("office", "facility")]
# Cumulative occupation weights per district: a base of 1 plus its leaning.
_OCCUPATION_WEIGHTS = {
    district_id: list(
        itertools.accumulate(1 + leaning.get(o.sector, 0) for o in OCCUPATIONS)
    )
    for district_id, leaning in SECTOR_WEIGHTS.items()
}


@dataclass(frozen=True, slots=True)
class Employer:
    name: str
    business_number: str  # 사업자등록번호
    ceo: str
    staff: int
    capital_million: int  # 자본금, 백만원
    sales_million: int  # 연매출액, 백만원
    public: bool


@dataclass(frozen=True, slots=True)
class Pay:
    code: str  # salTp: H, D, M, Y; "" when negotiable
    text: str  # as the posting prints it
    min_krw: int
    max_krw: int  # 0 when only a minimum is stated
    negotiable: bool

    def truth(self) -> PayTruth:
        low = self.min_krw or None
        high = self.max_krw or None
        return PayTruth(
            period=_PERIODS.get(self.code),
            min_krw=low,
            max_krw=high,
            negotiable=self.negotiable,
            below_minimum_wage=_below_minimum(self.code, low),
        )


@dataclass(frozen=True, slots=True)
class Job:
    """One job as its employer would describe it, before any source formats it."""

    index: int
    employer: Employer
    occupation: Occupation
    title: str
    place: geography.Place
    pay: Pay
    employment_type: str  # empTpCd
    education: str  # minEdubg
    career: str  # N, E or Z
    registered: datetime
    closing: date | None  # None: 채용시까지 without a date
    until_filled: bool  # 채용시까지
    headcount: int
    work_days: str  # 근무형태, e.g. 주5일근무


def job_facts(ctx: Context, index: int, *, version: int = 0) -> Job:
    """The job behind Work24 posting ``index`` (and its copies on other sources)."""
    rng = ctx.rng("job", index)
    public = index in ctx.plan.copies
    district = geography.pick_district(rng)
    place = geography.place_in(district, rng)
    occupation = _occupation(rng, district.id, public=public)
    employer = _employer(rng, occupation, public=public)
    registered = _registered(ctx, rng, index)
    closing, until_filled = _closing(rng, registered.date())
    if closing is not None and version:
        closing += timedelta(days=7 * version)
    title = _title(rng, occupation, employer, place, public=public)
    return Job(
        index=index,
        employer=employer,
        occupation=occupation,
        title=f"{title} (마감연장)" if version else title,
        place=place,
        pay=_pay(rng, occupation, public=public),
        employment_type=_employment_type(rng, occupation, public=public),
        education=rng.choices(list(EDUCATION), weights=(40, 1, 2, 30, 12, 14, 1))[0],
        career=rng.choices(list(CAREERS), weights=(3, 3, 4))[0],
        registered=registered,
        closing=closing,
        until_filled=until_filled,
        headcount=rng.choice((1, 1, 1, 2, 2, 3, 5, 10)),
        work_days=rng.choice(("주5일근무", "주5일근무", "주6일근무", "교대근무")),
    )


def work24_record(ctx: Context, index: int, *, version: int = 0) -> Record:
    """Work24 posting ``index``: the list row, the detail document and the truth."""
    job = job_facts(ctx, index, version=version)
    rng = ctx.rng("work24", index)
    flaw = ctx.plan.flaw("work24", index)
    # Work24's address data lags: many postings still print the old districts.
    old_name = rng.random() < 0.6
    auth_no = f"K1{rng.randint(10, 99)}{job.registered:%y%m%d}{index:06d}"
    modified = _modified(ctx, rng, job, version)
    row = _work24_row(job, auth_no, modified, old_name=old_name)
    _apply_flaw(row, flaw)
    return Record(
        source="work24",
        index=index,
        id=auth_no,
        title=job.title,
        district=job.place.district,
        point=(job.place.lon, job.place.lat),
        payload=row,
        detail=_work24_detail(rng, job, row, old_name=old_name),
        flaw=flaw,
        closed=is_closed(job, ctx.today),
        version=version,
        modified=modified,
        closing=job.closing,
        pay=_flawed_pay(row) if flaw is Flaw.PAY_INVERTED else job.pay.truth(),
    )


def registered_within(ctx_jobs: int, days: int) -> int:
    """How many postings (a prefix of the index order) were registered in ``days``."""
    return min(ctx_jobs, -(-(days + 1) * ctx_jobs // REGISTRATION_SPAN_DAYS))


def is_closed(job: Job, today: date) -> bool:
    return job.closing is not None and job.closing < today


def _below_minimum(code: str, low: int | None) -> bool:
    if low is None:
        return False
    if code == "H":
        return low < MINIMUM_WAGE_2026_KRW_PER_HOUR
    if code == "M":
        return low < MINIMUM_MONTHLY_KRW
    return False


def _flawed_pay(row: dict[str, Any]) -> PayTruth:
    period = _PERIODS[next(k for k, v in _PAY_KINDS.items() if v == row["salTpNm"])]
    return PayTruth(period, int(row["minSal"]), int(row["maxSal"]), False, False)


def _occupation(rng: random.Random, district_id: str, *, public: bool) -> Occupation:
    if public:
        return rng.choice(_PUBLIC_OCCUPATIONS)
    return rng.choices(OCCUPATIONS, cum_weights=_OCCUPATION_WEIGHTS[district_id])[0]


def _employer(rng: random.Random, occupation: Occupation, *, public: bool) -> Employer:
    if public:
        name = rng.choice(PUBLIC_EMPLOYERS)
    else:
        kind = rng.choice(COMPANY_KINDS[occupation.sector])
        name = f"{rng.choice(LEGAL_FORMS)}{rng.choice(COMPANY_STEMS)}{kind}"
    staff = int(rng.lognormvariate(3.2, 1.1)) + 1
    capital = rng.randint(50, 5_000)
    return Employer(
        name=name,
        business_number=business_number(rng),
        ceo=person_name(rng),
        staff=staff,
        capital_million=capital,
        sales_million=capital * rng.randint(2, 30),
        public=public,
    )


def _registered(ctx: Context, rng: random.Random, index: int) -> datetime:
    # Index order is newest first, so "registered within N days" is a prefix.
    days_ago = index * REGISTRATION_SPAN_DAYS // ctx.plan.sizes["work24"]
    day = ctx.today - timedelta(days=days_ago)
    hour, minute = rng.randint(8, 18), rng.randint(0, 59)
    return min(datetime(day.year, day.month, day.day, hour, minute), ctx.now)


def _closing(rng: random.Random, registered: date) -> tuple[date | None, bool]:
    roll = rng.random()
    if roll < 0.15:
        return None, True
    closing = registered + timedelta(days=rng.randint(30, 90))
    return closing, roll < 0.35


def _title(
    rng: random.Random,
    occupation: Occupation,
    employer: Employer,
    place: geography.Place,
    *,
    public: bool,
) -> str:
    if public:
        role = rng.choice(PUBLIC_ROLES)
        return f"[{employer.name}] 2026년 {role} 채용"
    pattern = rng.choice(TITLE_PATTERNS)
    return pattern.format(
        occupation=occupation.name,
        company=employer.name,
        district=place.district.name_ko,
        dong=place.dong,
    )


def _pay(rng: random.Random, occupation: Occupation, *, public: bool) -> Pay:
    roll = rng.random()
    if roll < 0.1 and not public:
        return Pay("", rng.choice(_NEGOTIABLE), 0, 0, True)
    if public:
        code = "M"
    elif occupation.hourly:
        code = "H" if roll < 0.8 else "M"
    elif occupation.sector in ("construction", "logistics") and roll < 0.3:
        code = "D"
    elif occupation.sector in ("tech", "bio", "office", "health") and roll < 0.6:
        code = "Y"
    else:
        code = "M"
    low, high = _amounts(rng, code)
    return Pay(code, _pay_text(code, low, high), low, high, False)


def _amounts(rng: random.Random, code: str) -> tuple[int, int]:
    if code == "H":
        below = rng.random() < 0.04
        low = rng.choice(_OLD_MINIMUM_WAGES) if below else rng.randint(1032, 1300) * 10
        step = 500
    elif code == "D":
        low, step = rng.randint(11, 18) * 10_000, 10_000
    elif code == "M":
        # About one in thirty offers less than the monthly minimum (215.7만원).
        low, step = rng.randint(210, 380) * 10_000, 100_000
    else:
        low, step = rng.randint(28, 60) * 1_000_000, 1_000_000
    high = low + step * rng.randint(1, 10) if rng.random() < 0.6 else 0
    return low, high


def _pay_text(code: str, low: int, high: int) -> str:
    fmt = won if code in ("H", "D") else manwon
    if high:
        return f"{_PAY_KINDS[code]} {fmt(low)} ~ {fmt(high)}"
    return f"{_PAY_KINDS[code]} {fmt(low)} 이상"


def _employment_type(
    rng: random.Random, occupation: Occupation, *, public: bool
) -> str:
    if public:
        return rng.choice(("20", "21"))
    if occupation.hourly:
        return rng.choice(("11", "21", "21", "4"))
    return rng.choices(("10", "20", "4"), weights=(7, 2, 1))[0]


def _modified(ctx: Context, rng: random.Random, job: Job, version: int) -> datetime:
    if version:
        return ctx.revised_at(version)
    edited = job.registered + timedelta(minutes=rng.randint(0, 3 * 24 * 60))
    return min(edited, ctx.now)


def _close_text(job: Job) -> str:
    if job.closing is None:
        return "채용시까지"
    day = yy_mm_dd(job.closing)
    return f"채용시까지 {day}" if job.until_filled else day


def _work24_row(
    job: Job, auth_no: str, modified: datetime, *, old_name: bool
) -> dict[str, Any]:
    place, pay = job.place, job.pay
    return {
        "wantedAuthNo": auth_no,
        "company": job.employer.name,
        "busino": job.employer.business_number,
        "indTpNm": job.occupation.industry,
        "title": job.title,
        "salTpNm": _PAY_KINDS.get(pay.code, ""),
        "sal": pay.text,
        "minSal": str(pay.min_krw),
        "maxSal": str(pay.max_krw),
        "region": place.region(old_name=old_name),
        "holidayTpNm": job.work_days,
        "minEdubg": job.education,
        "maxEdubg": "",
        "career": CAREERS[job.career],
        "regDt": yy_mm_dd(job.registered.date()),
        "closeDt": _close_text(job),
        "infoSvc": "VALIDATION",
        "wantedInfoUrl": f"{WORK24_WEB}/wk/a/b/1500/empDetailAuthView.do"
        f"?wantedAuthNo={auth_no}&infoTypeCd=VALIDATION",
        "wantedMobileInfoUrl": f"{WORK24_WEB}/m/wk/a/b/1500/empDetailAuthView.do"
        f"?wantedAuthNo={auth_no}",
        "smodifyDtm": modified.strftime("%Y%m%d%H%M"),
        "zipCd": place.zip_code,
        "strtnmCd": f"28{job.index % 1000:03d}{job.index:07d}",
        "basicAddr": place.address(old_name=old_name),
        "detailAddr": f"{job.index % 9 + 1}층",
        "empTpCd": job.employment_type,
        "jobsCd": job.occupation.code,
    }


def _apply_flaw(row: dict[str, Any], flaw: Flaw | None) -> None:
    if flaw is Flaw.MISSING_TITLE:
        row["title"] = ""
    elif flaw is Flaw.BAD_DATE:
        row["closeDt"] = "26-02-30"
    elif flaw is Flaw.PAY_INVERTED:
        # The maximum is keyed in below the minimum (or where none was stated).
        low = int(row["minSal"]) or 2_500_000
        row["salTpNm"] = row["salTpNm"] or "월급"
        row["minSal"], row["maxSal"] = str(low + low // 5), str(low)
    elif flaw is Flaw.BROKEN_ENTITY:
        # A bare ampersand: not well-formed XML.
        row["title"] = Raw(f"{row['title']} (R&D 부문)")


def _work24_detail(
    rng: random.Random, job: Job, row: dict[str, Any], *, old_name: bool
) -> dict[str, Any]:
    employer, place = job.employer, job.place
    corp = {
        "corpNm": employer.name,
        "reperNm": employer.ceo,
        "totPsncnt": f"{employer.staff:,}명",
        "capitalAmt": f"{employer.capital_million:,}백만원",
        "yrSalesAmt": f"{employer.sales_million:,}백만원",
        "indTpCdNm": job.occupation.industry,
        "busiCont": f"{job.occupation.industry} ({place.district.name_ko} 소재)",
        "corpAddr": place.address(old_name=old_name, road=False),
        "homePg": "",
        "busiSize": "공공기관" if employer.public else _company_size(employer.staff),
    }
    return {
        "wantedAuthNo": row["wantedAuthNo"],
        "corpInfo": corp,
        "wantedInfo": _wanted_info(rng, job, row, old_name=old_name),
        "empchargeInfo": {"empChargerDpt": "인사팀", "contactTelno": phone(rng)},
    }


def _wanted_info(
    rng: random.Random, job: Job, row: dict[str, Any], *, old_name: bool
) -> dict[str, Any]:
    place = job.place
    region_code = place.district.official_code or ""
    if old_name:
        region_code = {"중구": "28110", "동구": "28140", "서구": "28260"}.get(
            place.former_name, region_code
        )
    return {
        "wantedTitle": row["title"],
        "jobsNm": job.occupation.name,
        "relJobsNm": job.occupation.industry,
        "jobCont": f"{job.occupation.duties}\n근무지: {place.address()}",
        "receiptCloseDt": row["closeDt"],
        "empTpNm": EMPLOYMENT_TYPES[job.employment_type],
        "collectPsncnt": f"{job.headcount}명",
        "salTpNm": row["sal"],
        "enterTpNm": CAREERS[job.career],
        "eduNm": EDUCATION[job.education],
        "forLang": "",
        "major": "",
        "certificate": "",
        "compAbl": "",
        "pfCond": rng.choice(("인근 거주자", "관련 자격증 소지자", "차량 소지자", "")),
        "etcPfCond": "",
        "selMthd": "서류ㆍ면접",
        "rcptMthd": rng.choice(("고용24 입사지원", "이메일", "방문")),
        "submitDoc": "이력서, 자기소개서",
        "workRegion": place.address(old_name=old_name),
        "nearLine": "",
        "workdayWorkhrCont": f"{job.work_days}, 09:00 ~ 18:00",
        "fourIns": "국민연금 고용보험 산재보험 건강보험",
        "retirepay": "퇴직금",
        "etcWelfare": rng.choice(("중식 제공", "통근버스 운행", "기숙사 제공", "")),
        "disableCvntl": "",
        "keywordList": {"srchKeywordNm": _keywords(job)},
        "dtlRecrContUrl": row["wantedInfoUrl"],
        "jobsCd": job.occupation.code,
        "minEdubgIcd": job.education,
        "maxEdubgIcd": "",
        "regionCd": region_code,
        "empTpCd": job.employment_type,
        "enterTpCd": job.career,
        "salTpCd": job.pay.code,
    }


def _keywords(job: Job) -> list[str]:
    words = [part for part in job.occupation.name.split("ㆍ") if part]
    return [*words, job.place.district.name_ko]


def _company_size(staff: int) -> str:
    if staff < 50:
        return "소기업"
    if staff < 300:
        return "중소기업"
    return "중견기업"
