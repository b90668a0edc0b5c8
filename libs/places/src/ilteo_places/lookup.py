"""Names, codes and addresses to current districts."""

import difflib
import re
import unicodedata
from dataclasses import dataclass

from ilteo_places.districts import (
    DISTRICTS,
    DONGS,
    FORMER_BY_CODE,
    FORMER_DISTRICTS,
    District,
    FormerDistrict,
    successors,
)
from ilteo_places.geo import former_dong_name


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a name, code or address maps to among the current districts.

    ``former`` is set when the query named a district that no longer exists;
    a former district that was split gives several ``candidates``.
    """

    query: str
    candidates: tuple[District, ...] = ()
    former: FormerDistrict | None = None
    suggestions: tuple[str, ...] = ()

    @property
    def found(self) -> bool:
        return bool(self.candidates)

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1

    @property
    def district(self) -> District | None:
        """The one current district, or None when there is none or several."""
        return self.candidates[0] if len(self.candidates) == 1 else None


def resolve(text_or_code: str) -> Resolution:
    """Map a district name, 5-digit code or English name, current or former.

    A former 법정동 code (8 or 10 digits, e.g. 2811014700 for 중구 운서동)
    gives the one current district of that 동.
    """
    key = _normalize(text_or_code)
    entry = _INDEX.get(key)
    if entry is not None:
        return Resolution(text_or_code, *entry)
    if key.isdigit() and len(key) in (8, 10):
        return _resolve_dong_code(text_or_code, key)
    return Resolution(text_or_code, suggestions=_suggest(key))


def resolve_address(address: str) -> Resolution:
    """Map an Incheon address, with old or new district names, to districts."""
    tokens = [_strip_number(token) for token in _TOKEN.findall(_nfkc(address))]
    if any(token in _OTHER_SIDO for token in tokens):
        return Resolution(address)
    named = _named_district(tokens)
    dong = next((token for token in tokens if token in _DISTRICTS_OF_DONG), None)
    if named is None:
        in_dong = _DISTRICTS_OF_DONG.get(dong, ()) if dong else ()
        return Resolution(address, in_dong)
    candidates, former = named
    if dong is not None and len(candidates) > 1:
        narrowed = tuple(d for d in candidates if dong in DONGS[d.id])
        candidates = narrowed or candidates
    return Resolution(address, candidates, former)


def district_from_address(address: str) -> District | None:
    """The current district of an Incheon address, or None if unknown or unclear.

    A split former district (중구, 서구) needs its 법정동 in the address:
    "인천 중구 운서동 123" is 영종구, but "인천 중구 공항로 272" is unclear.
    검암동 and 시천동 go by the 2026 code list (서해구 and 검단구).
    """
    return resolve_address(address).district


_Entry = tuple[tuple[District, ...], FormerDistrict | None]

_TOKEN = re.compile(r"[^\s,()\[\]]+")
_INCHEON_PREFIXES = (
    "인천광역시",
    "인천시",
    "인천",
    "incheonmetropolitancity",
    "incheoncity",
    "incheon",
)
_OTHER_SIDO = frozenset(
    str.split(
        "서울 서울시 서울특별시 부산 부산광역시 대구 대구광역시 광주 광주광역시 "
        "대전 대전광역시 울산 울산광역시 세종 세종특별자치시 경기 경기도 강원 강원도 "
        "강원특별자치도 충북 충청북도 충남 충청남도 전북 전라북도 전북특별자치도 "
        "전남 전라남도 경북 경상북도 경남 경상남도 제주 제주도 제주특별자치도"
    )
)


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _normalize(text: str) -> str:
    key = re.sub(r"[\s\-_.·,]", "", _nfkc(text).casefold())
    for prefix in _INCHEON_PREFIXES:
        if key.startswith(prefix) and key != prefix:
            return key[len(prefix) :]
    return key


def _strip_number(token: str) -> str:
    """'운서동123-4' → '운서동' (a lot number glued to the 동)."""
    return re.sub(r"[\d\-]+(번지)?$", "", token) or token


def _keys(name_ko: str, name_en: str, code: str | None) -> list[str]:
    keys = [name_ko, name_en, code or ""]
    base_ko, base_en = name_ko[:-1], re.sub(r"-gu?n?$", "", name_en)
    if len(base_ko) >= 2:  # '중', '동', '서', '남' alone are too vague
        keys += [base_ko, base_en]
    return [_normalize(key) for key in keys if key]


def _build_index() -> dict[str, _Entry]:
    index: dict[str, _Entry] = {}
    for former in FORMER_DISTRICTS:
        for key in _keys(former.name_ko, former.name_en, former.code):
            index[key] = (former.successors, former)
    for district in DISTRICTS:
        for key in [*_keys(district.name_ko, district.name_en, None), district.id]:
            index[_normalize(key)] = ((district,), None)
        if district.official_code:
            index[district.official_code] = ((district,), None)
    return index


def _build_labels() -> dict[str, str]:
    return {
        key: former.name_ko if former else candidates[0].name_ko
        for key, (candidates, former) in _INDEX.items()
    }


def _dong_index() -> dict[str, tuple[District, ...]]:
    index: dict[str, tuple[District, ...]] = {}
    for district in DISTRICTS:
        for dong in DONGS[district.id]:
            index[dong] = (*index.get(dong, ()), district)
    return index


_INDEX = _build_index()
_LABELS = _build_labels()
_DISTRICTS_OF_DONG = _dong_index()
_KOREAN_NAMES = frozenset(
    [d.name_ko for d in DISTRICTS] + [f.name_ko for f in FORMER_DISTRICTS]
)


def _named_district(tokens: list[str]) -> _Entry | None:
    for token in tokens:
        if token.isdigit():  # a postcode or lot number, never a district code
            continue
        key = _normalize(token)
        if token in _KOREAN_NAMES or (key in _INDEX and key.isascii()):
            return _INDEX[key]
    return None


def _resolve_dong_code(query: str, code: str) -> Resolution:
    candidates = successors(code[:5])
    former = FORMER_BY_CODE.get(code[:5])
    if len(candidates) > 1:
        name = former_dong_name(code)
        narrowed = tuple(d for d in candidates if name in DONGS[d.id])
        candidates = narrowed or candidates
    return Resolution(query, candidates, former)


def _suggest(key: str) -> tuple[str, ...]:
    close = difflib.get_close_matches(key, list(_LABELS), n=6, cutoff=0.6)
    return tuple(dict.fromkeys(_LABELS[match] for match in close))[:3]
