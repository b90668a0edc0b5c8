"""Training courses (HRD), youth policies (온통청년), 기업마당 and K-Startup."""

import html
import random
from datetime import date, datetime, timedelta
from typing import Any

from ilteo_ingest.demo import geography
from ilteo_ingest.demo.common import Context, phone, ymd
from ilteo_ingest.demo.model import Flaw, Record
from ilteo_ingest.demo.vocab import (
    BIZ_PROGRAMS,
    EMPLOYMENT_STATUSES,
    INDUSTRIES_AT,
    STARTUP_AGES,
    STARTUP_PROGRAMS,
    STARTUP_YEARS,
    TRAINING_COURSES,
    TRAINING_INSTITUTES,
    YOUTH_POLICIES,
)
from ilteo_places import DISTRICTS, District

HRD_WEB = "https://www.work24.go.kr"
BIZINFO_WEB = "https://www.bizinfo.go.kr"
KSTARTUP_WEB = "https://www.k-startup.go.kr"
YOUTH_WEB = "https://www.youthcenter.go.kr"

# 시군구 codes of all of Incheon, before and after 2026-07-01.
_UNCHANGED = {
    district.official_code or "" for district in DISTRICTS if not district.created
}
_OLD_CODES = tuple(sorted(_UNCHANGED | {"28110", "28140", "28260"}))
_NEW_CODES = tuple(district.official_code or "" for district in DISTRICTS)
# What a lagging 기관 still writes for the districts created on 2026-07-01.
_OLD_CODE_OF = {
    "jemulpo-gu": "28110",
    "yeongjong-gu": "28110",
    "seohae-gu": "28260",
    "geomdan-gu": "28260",
}


def hrd_record(ctx: Context, index: int, *, version: int = 0) -> Record:
    """HRD course run ``index``: one 회차 of a course at one institution."""
    rng = ctx.rng("hrd", index)
    course, ncs, ncs_name = rng.choice(TRAINING_COURSES)
    institute_no = rng.randrange(len(TRAINING_INSTITUTES))
    institute = TRAINING_INSTITUTES[institute_no]
    place = geography.place_in(geography.pick_district(rng), rng)
    # One course in ten has already started: a "from today" query leaves it out.
    starts = ctx.today + timedelta(
        days=rng.randint(-60, -1) if rng.random() < 0.1 else rng.randint(1, 300)
    )
    ends = starts + timedelta(days=rng.randint(20, 150) + 7 * version)
    fee = rng.randint(30, 900) * 10_000
    flaw = ctx.plan.flaw("hrd", index)
    trpr_id = f"AIG2026{rng.randint(0, 99999):05d}{index:05d}"
    run = str(rng.randint(1, 12))
    cst_id = f"5000{institute_no:02d}{rng.randint(100000, 999999)}"
    title = (
        f"{course} ({run}회차)" if version == 0 else f"{course} ({run}회차, 일정변경)"
    )
    row: dict[str, Any] = {
        "title": "" if flaw is Flaw.MISSING_TITLE else title,
        "subTitle": institute,
        "trprId": trpr_id,
        "trprDegr": run,
        "trainstCstId": cst_id,
        "traStartDate": "2026-02-30" if flaw is Flaw.BAD_DATE else starts.isoformat(),
        "traEndDate": ends.isoformat(),
        "regCourseMan": str(rng.randint(0, 25)),
        "yardMan": str(rng.choice((15, 20, 25, 30))),
        "courseMan": str(fee),
        "realMan": str(fee // 10 * rng.choice((1, 2, 5))),
        "totTrco": str(fee),
        "eiEmplRate3": _rate(rng),
        "eiEmplRate6": _rate(rng),
        "finiCnt": str(rng.randint(0, 30)),
        "ncsCd": f"{ncs}{rng.randint(1, 9):02d}{rng.randint(1, 9):02d}",
        "address": place.address(road=True),
        "telNo": phone(rng),
        "trngAreaCd": place.district.official_code,
        "titleLink": f"{HRD_WEB}/cm/c/d/0190/retrieveCourseDetail.do"
        f"?tracseId={trpr_id}",
    }
    return Record(
        source="hrd",
        index=index,
        id=f"{cst_id}-{trpr_id}-{run}",
        title=title,
        district=place.district,
        point=(place.lon, place.lat),
        payload=row,
        detail=_hrd_detail(row, ncs_name, course, institute),
        flaw=flaw,
        closed=starts < ctx.today,
        version=version,
        closing=starts,
        extra={"ncs": ncs, "starts": starts.isoformat()},
    )


def youth_record(ctx: Context, index: int, *, version: int = 0) -> Record:
    """온통청년 policy ``index``: eligibility spelled out in text and in fields."""
    rng = ctx.rng("youth", index)
    name, major, minor, support = rng.choice(YOUTH_POLICIES)
    district = rng.choice(DISTRICTS) if rng.random() < 0.5 else None
    owner = f"인천광역시 {district.name_ko}" if district else "인천광역시"
    low, high = rng.choice(((19, 34), (19, 39), (18, 34), (15, 39)))
    status = rng.choice(EMPLOYMENT_STATUSES)
    begins = ctx.today - timedelta(days=rng.randint(0, 200))
    ends = begins + timedelta(days=rng.randint(30, 300) + 7 * version)
    always = rng.random() < 0.2  # 상시 신청
    flaw = ctx.plan.flaw("youth", index)
    title = f"{owner.removeprefix('인천광역시 ')} {name}".strip()
    title = f"{title} (기간연장)" if version else title
    created = datetime.combine(begins - timedelta(days=10), datetime.min.time())
    modified = ctx.revised_at(version) if version else created + timedelta(hours=9)
    residence = f"{owner} 거주"
    row: dict[str, Any] = {
        "plcyNo": f"2026{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{index:08d}",
        "plcyNm": "" if flaw is Flaw.MISSING_TITLE else title,
        "plcyKywdNm": rng.choice(
            ("청년,지원금", "취업,교육", "주거,월세", "금융,저축")
        ),
        "plcyExplnCn": f"{owner}에 거주하는 청년에게 {support}",
        "lclsfNm": major,
        "mclsfNm": minor,
        "plcySprtCn": support,
        "sprvsnInstCdNm": owner,
        "operInstCdNm": owner,
        "bizPrdBgngYmd": ymd(begins),
        "bizPrdEndYmd": "20261341" if flaw is Flaw.BAD_DATE else ymd(ends),
        "aplyYmd": "" if always else f"{ymd(begins)} ~ {ymd(ends)}",
        "sprtTrgtMinAge": str(low),
        "sprtTrgtMaxAge": str(high),
        "sprtTrgtAgeLmtYn": "N",
        "zipCd": _zip_codes(rng, district),
        "addAplyQlfcCndCn": f"만 {low}세~{high}세, {residence}, {status}",
        "ptcpPrpTrgtCn": "",
        "aplyUrlAddr": f"{YOUTH_WEB}/youthPolicy/ythPlcyTotalSearch",
        "frstRegDt": created.strftime("%Y-%m-%d %H:%M:%S"),
        "lastMdfcnDt": modified.strftime("%Y-%m-%d %H:%M:%S"),
    }
    return Record(
        source="youth",
        index=index,
        id=row["plcyNo"],
        title=title,
        district=district,
        point=None,
        payload=row,
        flaw=flaw,
        closed=not always and ends < ctx.today,
        version=version,
        modified=modified,
        closing=None if always else ends,
        extra={"min_age": low, "max_age": high, "residence": owner, "status": status},
    )


def bizinfo_record(ctx: Context, index: int, *, version: int = 0) -> Record:
    """기업마당 program ``index``: "@" lists, HTML entities and free-text dates."""
    rng = ctx.rng("bizinfo", index)
    stem, realms = rng.choice(BIZ_PROGRAMS)
    agency = rng.choice(
        ("인천광역시", "인천테크노파크", "인천경제자유구역청", "중소벤처기업부")
    )
    title = f"[인천] 2026년 {stem} 공고" + (" (기간연장)" if version else "")
    begins = ctx.today - timedelta(days=rng.randint(0, 60))
    ends = begins + timedelta(days=rng.randint(14, 60) + 7 * version)
    flaw = ctx.plan.flaw("bizinfo", index)
    pblanc_id = f"PBLN_{index + 100_000:012d}"
    created = datetime.combine(begins, datetime.min.time()) + timedelta(hours=10)
    modified = ctx.revised_at(version) if version else created
    summary = (
        f"<p>2026년 {stem} 참여 기업 모집 공고입니다.</p>"
        "<p>&middot;&nbsp;지원 대상 : 인천 소재 중소기업</p>"
    )
    row: dict[str, Any] = {
        "pblancId": pblanc_id,
        "pblancNm": "" if flaw is Flaw.MISSING_TITLE else title,
        "pblancUrl": f"{BIZINFO_WEB}/web/lay1/bbs/S1T122C128/AS/74/view.do"
        f"?pblancId={pblanc_id}",
        "jrsdInsttNm": agency,
        "excInsttNm": rng.choice(("인천테크노파크", "인천상공회의소", agency)),
        "pldirSportRealmLclasCodeNm": realms,
        "trgetNm": rng.choice(
            ("중소기업", "중소기업@소상공인", "소상공인", "창업벤처")
        ),
        # The provider escapes the HTML of the summary once more.
        "bsnsSumryCn": html.escape(summary),
        "reqstBeginEndDe": _request_period(rng, flaw, begins, ends),
        "areaNm": rng.choice(("인천", "인천@경기", "전국", "인천@서울@경기")),
        "industNm": "@".join(rng.sample(INDUSTRIES_AT, rng.randint(1, 3))),
        "inqireCo": str(rng.randint(10, 5_000)),
        "hashtags": f"인천,{realms.replace('@', ',')},2026",
        "creatPnttm": modified.strftime("%Y-%m-%d %H:%M:%S"),
    }
    text_period = not row["reqstBeginEndDe"][:1].isdigit()
    return Record(
        source="bizinfo",
        index=index,
        id=pblanc_id,
        title=title,
        district=None,
        point=None,
        payload=row,
        flaw=flaw,
        closed=not text_period and ends < ctx.today and flaw is None,
        version=version,
        modified=modified,
        closing=None if text_period else ends,
    )


def kstartup_record(ctx: Context, index: int, *, version: int = 0) -> Record:
    """K-Startup announcement ``index``: YYYYMMDD dates and comma-listed bands."""
    rng = ctx.rng("kstartup", index)
    stem, kind = rng.choice(STARTUP_PROGRAMS)
    title = f"2026년 {stem}" + (" (기간연장)" if version else "")
    begins = ctx.today - timedelta(days=rng.randint(0, 45))
    ends = begins + timedelta(days=rng.randint(10, 40) + 7 * version)
    flaw = ctx.plan.flaw("kstartup", index)
    serial = 176_000 + ctx.plan.sizes["kstartup"] - index
    open_now = ends >= ctx.today
    row: dict[str, Any] = {
        "pbanc_sn": serial,
        "biz_pbanc_nm": "" if flaw is Flaw.MISSING_TITLE else title,
        "intg_pbanc_biz_nm": stem,
        "pbanc_ctnt": f"{stem}에 참여할 창업기업을 다음과 같이 모집합니다.",
        "supt_biz_clsfc": kind,
        "aply_trgt": rng.choice(("일반기업", "대학생", "청소년", "1인 창조기업")),
        "aply_trgt_ctnt": "공고일 기준 창업 7년 이내 기업 또는 예비창업자",
        "supt_regin": rng.choice(("인천", "인천", "전국")),
        "pbanc_rcpt_bgng_dt": ymd(begins),
        "pbanc_rcpt_end_dt": "20260230" if flaw is Flaw.BAD_DATE else ymd(ends),
        "sprv_inst": rng.choice(("중소벤처기업부", "인천광역시", "창업진흥원")),
        "pbanc_ntrp_nm": rng.choice(
            ("인천창조경제혁신센터", "인천대학교", "창업진흥원")
        ),
        "biz_enyy": ",".join(
            sorted(rng.sample(STARTUP_YEARS, 3), key=STARTUP_YEARS.index)
        ),
        "biz_trgt_age": ",".join(rng.sample(STARTUP_AGES, rng.randint(1, 3))),
        "detl_pg_url": f"{KSTARTUP_WEB}/web/contents/bizpbanc-ongoing.do"
        f"?schM=view&pbancSn={serial}",
        "rcrt_prgs_yn": "Y" if open_now else "N",
        "intg_pbanc_yn": "N",
    }
    return Record(
        source="kstartup",
        index=index,
        id=str(serial),
        title=title,
        district=None,
        point=None,
        payload=row,
        flaw=flaw,
        closed=not open_now,
        version=version,
        closing=ends,
    )


def _rate(rng: random.Random) -> str:
    # Runs without enough graduates have no rate: an empty string.
    return "" if rng.random() < 0.2 else f"{rng.uniform(20, 90):.1f}"


def _hrd_detail(
    row: dict[str, Any], ncs_name: str, course: str, institute: str
) -> dict[str, Any]:
    return {
        "inst_base_info": {
            "trprId": row["trprId"],
            "trprDegr": row["trprDegr"],
            "trprNm": course,
            "inoNm": institute,
            "addr1": row["address"],
            "trprChap": row["telNo"],
            "ncsCd": row["ncsCd"],
            "ncsNm": ncs_name,
            "perTrco": row["totTrco"],
            "trDcnt": str(
                (date.fromisoformat(row["traEndDate"]).toordinal() % 60) + 20
            ),
            "trtm": "",
        },
        "inst_detail_info": [{"govBusiNm": "국민내일배움카드", "totTraingDyct": ""}],
    }


def _zip_codes(rng: random.Random, district: District | None) -> str:
    # Some 기관 still write the codes from before 2026-07-01.
    old = rng.random() < 0.4
    if district is None:
        return ",".join(_OLD_CODES if old else _NEW_CODES)
    if old and district.id in _OLD_CODE_OF:
        return _OLD_CODE_OF[district.id]
    return district.official_code or ""


def _request_period(
    rng: random.Random, flaw: Flaw | None, begins: date, ends: date
) -> str:
    if flaw is Flaw.BAD_DATE:
        return "2026-13-01 ~ 2026-12-31"
    roll = rng.random()
    if roll < 0.12:
        return "추후 공지"
    if roll < 0.2:
        return "예산 소진시까지"
    return f"{ymd(begins)} ~ {ymd(ends)}"
