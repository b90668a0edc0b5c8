"""Structured eligibility and audience read from a program's own wording.

A small rule-based parser: age ranges (만 19세 ~ 39세, 39세 이하), residence in
Incheon or one of its districts (old district names included), employment
status (미취업, 재직자), company age (업력 7년 이내) and size (중소기업).
Conditions it does not find stay ``None``; the text is kept beside them.
"""

import re
from collections.abc import Iterable

from ilteo_common.items import Audience, CompanySize, Eligibility, EmploymentStatus
from ilteo_ingest.normalize.common import clean_html
from ilteo_places import resolve

_AGE_RANGE = re.compile(
    r"(?:만\s*)?(?P<low>\d{1,3})\s*세?\s*(?:이상)?\s*(?:~|-|∼|부터|에서)\s*"
    r"(?:만\s*)?(?P<high>\d{1,3})\s*세"
)
_AGE_FLOOR = re.compile(r"(?:만\s*)?(?P<age>\d{1,3})\s*세\s*이상")
_AGE_CEILING = re.compile(r"(?:만\s*)?(?P<age>\d{1,3})\s*세\s*(?:이하|미만)")
_COMPANY_AGE = re.compile(
    r"(?:업력|창업|설립|개업)\s*(?:후\s*)?(?P<years>\d{1,2})\s*년\s*(?:이내|미만|이하)"
)
_RESIDENCE_HINT = re.compile(r"거주|주소|주민등록|소재")
_DISTRICT_NAME = re.compile(r"(?P<name>[가-힣]{1,4}[구군])(?=[\s,·ㆍ)에의내민]|$)")

_STATUS_WORDS: tuple[tuple[str, EmploymentStatus], ...] = (
    ("미취업", EmploymentStatus.UNEMPLOYED),
    ("구직자", EmploymentStatus.UNEMPLOYED),
    ("실업", EmploymentStatus.UNEMPLOYED),
    ("구직 중", EmploymentStatus.UNEMPLOYED),
    ("재직", EmploymentStatus.EMPLOYED),
    ("근로자", EmploymentStatus.EMPLOYED),
    ("자영업", EmploymentStatus.SELF_EMPLOYED),
    ("프리랜서", EmploymentStatus.SELF_EMPLOYED),
    ("대학생", EmploymentStatus.STUDENT),
    ("재학생", EmploymentStatus.STUDENT),
    ("졸업예정", EmploymentStatus.STUDENT),
)

_SIZE_WORDS: tuple[tuple[str, tuple[CompanySize, ...]], ...] = (
    ("소상공인", (CompanySize.MICRO,)),
    ("중소기업", (CompanySize.MICRO, CompanySize.SMALL, CompanySize.MEDIUM)),
    ("중견기업", (CompanySize.MIDSIZE,)),
    ("소기업", (CompanySize.SMALL,)),
    ("중기업", (CompanySize.MEDIUM,)),
    ("대기업", (CompanySize.LARGE,)),
)

_FOUNDER_WORDS = ("예비창업", "창업자", "창업기업", "초기창업", "스타트업")
_COMPANY_WORDS = ("기업", "소상공인", "사업자", "법인", "사업주")
_INDIVIDUAL_WORDS = (
    "청년",
    "구직자",
    "주민",
    "시민",
    "개인",
    "근로자",
    "여성",
    "중장년",
)


def parse_eligibility(*texts: str | None) -> Eligibility:
    """Eligibility from one or more texts of a program (target, conditions)."""
    cleaned = [clean for text in texts if (clean := clean_html(text))]
    text = "\n".join(cleaned)
    if not text:
        return Eligibility()
    age_min, age_max = parse_age_range(text)
    return Eligibility(
        age_min=age_min,
        age_max=age_max,
        residence=parse_residence(text),
        employment_status=_found(text, _STATUS_WORDS) or None,
        company_max_age_years=parse_company_age(text),
        company_sizes=_sizes(text),
        text=text[:20_000],
    )


def parse_age_range(text: str) -> tuple[int | None, int | None]:
    """``만 19세 ~ 39세`` → (19, 39); ``39세 이하`` → (None, 39); ``65세 미만``
    → (None, 64)."""
    match = _AGE_RANGE.search(text)
    if match and int(match["low"]) <= int(match["high"]) <= 120:
        return int(match["low"]), int(match["high"])
    floor = _AGE_FLOOR.search(text)
    ceiling = _AGE_CEILING.search(text)
    low = int(floor["age"]) if floor and int(floor["age"]) <= 120 else None
    high = None
    if ceiling and int(ceiling["age"]) <= 120:
        high = int(ceiling["age"])
        if "미만" in ceiling.group():
            high -= 1
    if low is not None and high is not None and low > high:
        return None, None
    return low, high


def parse_residence(text: str) -> list[str] | None:
    """Current district ids named in a residence condition, or ``["incheon"]``.

    A former district that was split (서구, 중구) stands for all its successors:
    whoever lived there before the change is still eligible.
    """
    lines = [line for line in re.split(r"[\n.;]", text) if _RESIDENCE_HINT.search(line)]
    if not lines:
        return None
    districts: list[str] = []
    for line in lines:
        for match in _DISTRICT_NAME.finditer(line):
            for district in resolve(match["name"]).candidates:
                if district.id not in districts:
                    districts.append(district.id)
    if districts:
        return districts
    return ["incheon"] if any("인천" in line for line in lines) else None


def parse_company_age(text: str) -> int | None:
    """``업력 7년 이내``, ``창업 3년 미만`` → the company's maximum age in years."""
    match = _COMPANY_AGE.search(text)
    return int(match["years"]) if match else None


def parse_audience(*texts: str | None) -> list[Audience]:
    """Who a program is for: founders, companies, individuals (in that order)."""
    text = "\n".join(clean for t in texts if (clean := clean_html(t)))
    audience: list[Audience] = []
    if any(word in text for word in _FOUNDER_WORDS):
        audience.append(Audience.FOUNDER)
    if any(word in text for word in _COMPANY_WORDS):
        audience.append(Audience.COMPANY)
    if any(word in text for word in _INDIVIDUAL_WORDS) or not audience:
        audience.append(Audience.INDIVIDUAL)
    return audience


def _found(
    text: str, table: Iterable[tuple[str, EmploymentStatus]]
) -> list[EmploymentStatus]:
    statuses: list[EmploymentStatus] = []
    for word, status in table:
        if word in text and status not in statuses:
            statuses.append(status)
    return statuses


def _sizes(text: str) -> list[CompanySize] | None:
    sizes: list[CompanySize] = []
    remaining = text
    # Longer words first, and consumed, so 중소기업 is not also read as 소기업.
    for word, found in _SIZE_WORDS:
        if word in remaining:
            sizes.extend(size for size in found if size not in sizes)
            remaining = remaining.replace(word, " ")
    return sizes or None
