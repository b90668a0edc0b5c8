"""Parsers for the quirks the sources share: dates, money, codes, entities, lists.

Every parser takes the source's text as it is and returns ``None`` for "not
stated" rather than guessing; none of them raises on odd text.
"""

import html
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from ilteo_common.items import (
    Career,
    Education,
    EmploymentType,
    Pay,
    PayPeriod,
    Period,
)

KST = timezone(timedelta(hours=9), "KST")

BOM = "\ufeff"

# 채용시까지, 상시채용, 상시모집: open until filled.
_OPEN_UNTIL_FILLED = re.compile(r"채용\s*시\s*까지|상시")
_DATE = re.compile(
    r"(?<!\d)(?P<y>\d{4}|\d{2})\s*[-./년]\s*(?P<m>\d{1,2})\s*[-./월]\s*"
    r"(?P<d>\d{1,2})(?!\d)"
)
_COMPACT_DATE = re.compile(r"(?<!\d)(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})(?!\d)")
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def strip_bom(text: str) -> str:
    """Work24 puts a UTF-8 byte-order mark before the XML declaration."""
    return text.lstrip(BOM).lstrip()


def text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def clean_html(value: Any) -> str | None:
    """Entities decoded (twice-escaped ones too), tags dropped, spaces tidied."""
    text = text_or_none(value)
    if text is None:
        return None
    for _ in range(3):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    text = re.sub(r"<br\s*/?>|</p>", "\n", text, flags=re.IGNORECASE)
    text = _TAG.sub(" ", text)
    text = _SPACES.sub(" ", text)
    text = _BLANK_LINES.sub("\n", text)
    lines = [line.strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line) or None


def split_list(value: Any, separators: str = "@") -> list[str]:
    """``"기술@금융"`` becomes ``["기술", "금융"]``; empty parts are dropped."""
    text = text_or_none(value)
    if text is None:
        return []
    parts = re.split("[" + re.escape(separators) + "]", text)
    return [part.strip() for part in parts if part.strip()]


def _full_year(year: str) -> int:
    # Two-digit years (26-03-30) are this century's: the feeds are current.
    return 2000 + int(year) if len(year) == 2 else int(year)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


class InvalidDate(ValueError):
    """A date field holds a date no calendar has (26-02-30, 20261341)."""


def find_dates(value: Any, *, strict: bool = False) -> list[date]:
    """Every date in a text, in order: 2026-03-30, 26-03-30, 2026.3.30, 20260330.

    ``strict`` is for date fields: a date-shaped value that is not a calendar
    date raises ``InvalidDate`` instead of being skipped as free text.
    """
    text = text_or_none(value)
    if text is None:
        return []
    found: list[tuple[int, date]] = []
    patterns = ((_DATE, _full_year), (_COMPACT_DATE, int))
    for pattern, year_of in patterns:
        for match in pattern.finditer(text):
            day = _safe_date(year_of(match["y"]), int(match["m"]), int(match["d"]))
            if day is None and strict:
                raise InvalidDate(f"not a calendar date: {match.group()!r}")
            if day is not None:
                found.append((match.start(), day))
    return [day for _, day in sorted(found, key=lambda pair: pair[0])]


def parse_date(value: Any, *, strict: bool = False) -> date | None:
    dates = find_dates(value, strict=strict)
    return dates[0] if dates else None


def parse_timestamp(value: Any) -> datetime | None:
    """``YYYYMMDDHHmm[ss]``, ``YYYY-MM-DD HH:MM[:SS]`` or a date, in KST."""
    text = text_or_none(value)
    if text is None:
        return None
    digits = re.sub(r"\D", "", text)
    formats = {14: "%Y%m%d%H%M%S", 12: "%Y%m%d%H%M", 8: "%Y%m%d"}
    layout = formats.get(len(digits))
    if layout is None:
        return None
    try:
        local = datetime.strptime(digits, layout)
    except ValueError:
        return None
    return local.replace(tzinfo=KST).astimezone(UTC)


@dataclass(frozen=True)
class Deadline:
    """A closing date as the source states it: 마감일, 채용시까지, 추후 공지."""

    closes_on: date | None
    open_until_filled: bool
    text: str | None


def parse_deadline(value: Any) -> Deadline:
    """``채용시까지 26-04-17`` closes on that date and may close earlier."""
    text = text_or_none(value)
    if text is None:
        return Deadline(None, False, None)
    open_until_filled = bool(_OPEN_UNTIL_FILLED.search(text))
    return Deadline(parse_date(text, strict=True), open_until_filled, text)


def parse_period(value: Any, end: Any = None) -> Period:
    """``20260101 ~ 20261231``, two fields, or free text such as ``추후 공지``."""
    text = text_or_none(value)
    end_text = text_or_none(end)
    if end_text is not None:
        starts = parse_date(text, strict=True)
        ends = parse_date(end_text, strict=True)
        wording = (
            None if starts and ends else " ~ ".join(filter(None, (text, end_text)))
        )
        return Period(starts_on=starts, ends_on=ends, text=wording)
    if text is None:
        return Period()
    dates = find_dates(text, strict=True)
    starts = dates[0] if dates else None
    ends = dates[1] if len(dates) > 1 else None
    wording = None if len(dates) >= 2 else text
    return Period(starts_on=starts, ends_on=ends, text=wording)


# Units written after amounts in the feeds: 만원, 백만원, 억원, 원.
_UNITS = {"억": 100_000_000, "천만": 10_000_000, "백만": 1_000_000, "만": 10_000}
_AMOUNT = re.compile(r"(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<u>억|천만|백만|만)?\s*원?")


def parse_amount_krw(value: Any) -> int | None:
    """``1,200백만원`` is 1.2 billion KRW; ``250만원`` 2.5 million; ``3000`` 3000."""
    text = text_or_none(value)
    if text is None:
        return None
    match = _AMOUNT.search(text)
    if match is None:
        return None
    number = float(match["n"].replace(",", ""))
    return round(number * _UNITS.get(match["u"] or "", 1))


def parse_count(value: Any) -> int | None:
    """``35명``, ``0명`` or ``1,234``; ``○명``, ``00명`` (undisclosed) give None."""
    text = text_or_none(value)
    if text is None:
        return None
    match = re.search(r"\d[\d,]*", text)
    if match is None:
        return None
    digits = match.group().replace(",", "")
    if len(digits) > 1 and set(digits) == {"0"}:
        return None
    return int(digits)


def parse_float(value: Any) -> float | None:
    text = text_or_none(value)
    if text is None:
        return None
    try:
        return float(text.replace(",", "").rstrip("%"))
    except ValueError:
        return None


# Pay ------------------------------------------------------------------------

_PERIOD_WORDS = {
    "시급": PayPeriod.HOUR,
    "시간": PayPeriod.HOUR,
    "일급": PayPeriod.DAY,
    "일당": PayPeriod.DAY,
    "월급": PayPeriod.MONTH,
    "월": PayPeriod.MONTH,
    "연봉": PayPeriod.YEAR,
    "연": PayPeriod.YEAR,
}
# Work24 salTp: H hourly, D daily, M monthly, Y yearly.
PAY_PERIOD_CODES = {
    "H": PayPeriod.HOUR,
    "D": PayPeriod.DAY,
    "M": PayPeriod.MONTH,
    "Y": PayPeriod.YEAR,
}
_NEGOTIABLE = re.compile(r"면접\s*후\s*결정|회사\s*내규|협의|추후\s*협의")


def pay_period(value: Any) -> PayPeriod | None:
    text = text_or_none(value)
    if text is None:
        return None
    if text in PAY_PERIOD_CODES:
        return PAY_PERIOD_CODES[text]
    for word, period in _PERIOD_WORDS.items():
        if text.startswith(word):
            return period
    return None


def parse_pay(
    text: Any,
    *,
    period: Any = None,
    min_krw: Any = None,
    max_krw: Any = None,
) -> Pay | None:
    """Pay from a wording (``월급 250만원 ~ 300만원``, ``면접 후 결정``) and
    optional structured fields; the wording is always kept."""
    wording = text_or_none(text)
    stated_period = pay_period(period) or pay_period(wording)
    negotiable = wording is not None and bool(_NEGOTIABLE.search(wording))
    low, high = _amounts(None if negotiable else wording, min_krw, max_krw)
    if low is None and high is None:
        if wording is None:
            return None
        return Pay(text=wording, period=stated_period, negotiable=negotiable)
    if stated_period is None:
        return Pay(text=wording, negotiable=negotiable)
    # An inverted range is kept as stated: the schema refuses it, and the
    # record goes to the dead letters with that reason.
    return Pay(
        period=stated_period,
        min_krw=low,
        max_krw=high,
        negotiable=negotiable,
        text=wording,
    )


def _amounts(
    wording: str | None, min_krw: Any, max_krw: Any
) -> tuple[int | None, int | None]:
    low = _positive(parse_amount_krw(min_krw))
    high = _positive(parse_amount_krw(max_krw))
    if low is not None or high is not None or wording is None:
        return low, high
    amounts = [
        amount
        for match in _AMOUNT.finditer(wording)
        if (amount := _positive(parse_amount_krw(match.group()))) is not None
    ]
    if not amounts:
        return None, None
    if len(amounts) == 1:
        # "10,320원 이상" is a floor; "300만원 이하" a ceiling.
        return (None, amounts[0]) if "이하" in wording else (amounts[0], None)
    return amounts[0], amounts[1]


def _positive(amount: int | None) -> int | None:
    return amount if amount else None


# Code tables ----------------------------------------------------------------

# Work24 empTpCd (고용형태코드).
EMPLOYMENT_TYPE_CODES: dict[str, tuple[EmploymentType, str]] = {
    "4": (EmploymentType.DISPATCH, "파견근로"),
    "10": (EmploymentType.PERMANENT, "기간의 정함이 없는 근로계약"),
    "11": (EmploymentType.PERMANENT, "기간의 정함이 없는 근로계약(시간(단시간)근로)"),
    "20": (EmploymentType.FIXED_TERM, "기간의 정함이 있는 근로계약"),
    "21": (EmploymentType.FIXED_TERM, "기간의 정함이 있는 근로계약(시간(단시간)근로)"),
}

# Work24 minEdubg / maxEdubg (학력코드).
EDUCATION_CODES: dict[str, tuple[Education, str]] = {
    "00": (Education.ANY, "학력무관"),
    "01": (Education.MIDDLE_SCHOOL, "초졸이하"),
    "02": (Education.MIDDLE_SCHOOL, "중졸"),
    "03": (Education.HIGH_SCHOOL, "고졸"),
    "04": (Education.COLLEGE, "대졸(2~3년)"),
    "05": (Education.UNIVERSITY, "대졸(4년)"),
    "06": (Education.MASTER, "석사"),
    "07": (Education.DOCTORATE, "박사"),
}

_EMPLOYMENT_WORDS: tuple[tuple[str, EmploymentType], ...] = (
    ("파견", EmploymentType.DISPATCH),
    ("일용", EmploymentType.DAILY),
    ("아르바이트", EmploymentType.PART_TIME),
    ("시간제", EmploymentType.PART_TIME),
    ("계약", EmploymentType.FIXED_TERM),
    ("기간의 정함이 있는", EmploymentType.FIXED_TERM),
    ("무기계약", EmploymentType.PERMANENT),
    ("정규", EmploymentType.PERMANENT),
    ("기간의 정함이 없는", EmploymentType.PERMANENT),
    ("인턴", EmploymentType.OTHER),
)


def employment_type_from_code(code: Any) -> tuple[EmploymentType | None, str | None]:
    entry = EMPLOYMENT_TYPE_CODES.get(text_or_none(code) or "")
    return entry if entry else (None, None)


def employment_type_from_text(value: Any) -> EmploymentType | None:
    text = text_or_none(value)
    if text is None:
        return None
    # "무기계약" must win over "계약": check the longer words first.
    for word, kind in sorted(_EMPLOYMENT_WORDS, key=lambda pair: -len(pair[0])):
        if word in text:
            return kind
    return None


def education_from_code(code: Any) -> Education | None:
    entry = EDUCATION_CODES.get(text_or_none(code) or "")
    return entry[0] if entry else None


_EDUCATION_WORDS: tuple[tuple[str, Education], ...] = (
    ("무관", Education.ANY),
    ("박사", Education.DOCTORATE),
    ("석사", Education.MASTER),
    ("4년", Education.UNIVERSITY),
    ("대학교", Education.UNIVERSITY),
    ("2~3년", Education.COLLEGE),
    ("전문대", Education.COLLEGE),
    ("고졸", Education.HIGH_SCHOOL),
    ("고등학교", Education.HIGH_SCHOOL),
    ("중졸", Education.MIDDLE_SCHOOL),
)


def education_from_text(value: Any) -> Education | None:
    text = text_or_none(value)
    if text is None:
        return None
    return next((level for word, level in _EDUCATION_WORDS if word in text), None)


def career_from_text(value: Any) -> tuple[Career | None, float | None]:
    """``신입``, ``경력(2년 이상)``, ``관계없음``, or the codes N, E, Z."""
    text = text_or_none(value)
    if text is None:
        return None, None
    codes = {"N": Career.NONE, "E": Career.EXPERIENCED, "Z": Career.ANY}
    if text in codes:
        return codes[text], None
    if "관계없" in text or "무관" in text or ("신입" in text and "경력" in text):
        return Career.ANY, None
    if "경력" in text:
        years = re.search(r"(\d+(?:\.\d+)?)\s*년", text)
        months = re.search(r"(\d+)\s*개월", text)
        minimum = float(years[1]) if years else None
        if minimum is None and months:
            minimum = round(int(months[1]) / 12, 2)
        return Career.EXPERIENCED, minimum
    if "신입" in text:
        return Career.NONE, None
    return None, None


def yes(value: Any) -> bool:
    return (text_or_none(value) or "").upper() in {"Y", "YES", "TRUE", "1"}


def url_or_none(value: Any, *, base: str | None = None) -> str | None:
    """An absolute http(s) URL, joined to ``base`` when the source gives a path."""
    text = text_or_none(value)
    if text is None:
        return None
    if text.startswith("/") and base:
        text = base.rstrip("/") + text
    if not re.match(r"^https?://[^\s/]+\.?[^\s]*$", text):
        return None
    return text


def as_list(value: Any) -> list[Any]:
    """XML repeats an element for several values; one value comes alone."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}
