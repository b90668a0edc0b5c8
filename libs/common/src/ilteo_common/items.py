"""The normalised items that travel in ``ItemEvent.item``: the shared schemas.

Spiders and the gateway produce them; the indexer and the recommender read them.
Every field a source does not state stays ``None``, never zero or an empty string:
"pay not stated" and "pay 0" are different facts.
"""

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, model_validator

MINIMUM_WAGE_2026_KRW_PER_HOUR = 10_320
"""최저임금 2026: 10,320 KRW per hour (2,156,880 KRW per month on 209 hours)."""

HOURS_PER_MONTH = 209
"""The statutory monthly hours (주 40시간 + 주휴) used to convert hourly pay."""

Text = Annotated[str, Field(min_length=1, max_length=20_000)]
ShortText = Annotated[str, Field(min_length=1, max_length=500)]


class _Schema(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class ItemKind(StrEnum):
    JOB = "job"  # 채용공고
    TRAINING = "training"  # 직업훈련
    PROGRAM = "program"  # 취업·기업·창업 지원사업
    POLICY = "policy"  # 청년·일자리 정책


class PayPeriod(StrEnum):
    HOUR = "hour"  # 시급
    DAY = "day"  # 일급
    MONTH = "month"  # 월급
    YEAR = "year"  # 연봉


class Pay(_Schema):
    """Pay as the source states it; conversions are the indexer's work."""

    period: PayPeriod | None = None
    min_krw: int | None = Field(default=None, ge=0)
    max_krw: int | None = Field(default=None, ge=0)
    # 면접 후 결정, 회사내규에 따름: stated, but without an amount.
    negotiable: bool = False
    text: str | None = None  # the source's own wording

    @model_validator(mode="after")
    def _ordered(self) -> "Pay":
        low, high = self.min_krw, self.max_krw
        if low is not None and high is not None and low > high:
            raise ValueError("pay minimum is above its maximum")
        if (low is not None or high is not None) and not self.period:
            raise ValueError("a pay amount needs its period (hour, day, month, year)")
        return self


class GeoPoint(_Schema):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Place(_Schema):
    """Where an item is. ``district_id`` is always a *current* district."""

    district_id: str | None = None  # e.g. "geomdan-gu", from ilteo_places
    address: str | None = None
    point: GeoPoint | None = None
    region_text: str | None = None  # the source's own wording, e.g. "인천 서구"


class Audience(StrEnum):
    INDIVIDUAL = "individual"  # 개인 구직자
    COMPANY = "company"  # 기업
    FOUNDER = "founder"  # 예비·초기 창업자


class EmploymentType(StrEnum):
    PERMANENT = "permanent"  # 정규직 (기간의 정함이 없는)
    FIXED_TERM = "fixed_term"  # 계약직
    DISPATCH = "dispatch"  # 파견
    PART_TIME = "part_time"  # 시간제·아르바이트
    DAILY = "daily"  # 일용직
    OTHER = "other"


class Career(StrEnum):
    NONE = "none"  # 신입
    EXPERIENCED = "experienced"  # 경력
    ANY = "any"  # 관계없음


class Education(StrEnum):
    ANY = "any"  # 학력무관
    MIDDLE_SCHOOL = "middle_school"
    HIGH_SCHOOL = "high_school"
    COLLEGE = "college"  # 대졸 (2~3년)
    UNIVERSITY = "university"  # 대졸 (4년)
    MASTER = "master"
    DOCTORATE = "doctorate"


class EmploymentStatus(StrEnum):
    UNEMPLOYED = "unemployed"  # 미취업
    EMPLOYED = "employed"  # 재직
    SELF_EMPLOYED = "self_employed"
    STUDENT = "student"


class CompanySize(StrEnum):
    MICRO = "micro"  # 소상공인
    SMALL = "small"  # 소기업
    MEDIUM = "medium"  # 중기업
    MIDSIZE = "midsize"  # 중견기업
    LARGE = "large"


class Eligibility(_Schema):
    """Structured conditions; ``None`` means the source sets no such condition."""

    age_min: int | None = Field(default=None, ge=0, le=120)
    age_max: int | None = Field(default=None, ge=0, le=120)
    # Residence required in one of these current districts; "incheon" for the city.
    residence: list[str] | None = None
    employment_status: list[EmploymentStatus] | None = None
    company_max_age_years: int | None = Field(default=None, ge=0)  # 업력
    company_sizes: list[CompanySize] | None = None
    text: str | None = None  # the source's own wording of the conditions


class Period(_Schema):
    """A date range; an open end is ``None``. ``text`` keeps e.g. ``추후 공지``."""

    starts_on: date | None = None
    ends_on: date | None = None
    text: str | None = None


class SourceRef(_Schema):
    source: str
    source_id: str
    url: HttpUrl | None = None


class ItemBase(_Schema):
    title: ShortText
    description: str | None = None
    organization: str | None = None  # company, institution or agency
    url: HttpUrl | None = None  # the source's page for the item
    place: Place = Place()
    posted_at: datetime | None = None
    # 마감일. None with open_until_filled means 채용시까지 (until filled).
    closes_on: date | None = None
    open_until_filled: bool = False
    deadline_text: str | None = None
    keywords: list[str] = []
    audience: list[Audience] = [Audience.INDIVIDUAL]


class JobPosting(ItemBase):
    kind: Literal[ItemKind.JOB] = ItemKind.JOB
    occupation_code: str | None = None  # 고용직업분류 (KECO) code, e.g. "614100"
    occupation: str | None = None
    industry: str | None = None
    employment_type: EmploymentType | None = None
    employment_type_text: str | None = None
    pay: Pay | None = None  # None: the source says nothing about pay
    career: Career | None = None
    career_min_years: float | None = Field(default=None, ge=0)
    education: Education | None = None
    headcount: int | None = Field(default=None, ge=0)  # 모집인원
    remote: bool = False
    working_hours: str | None = None
    benefits: list[str] = []


class TrainingCourse(ItemBase):
    kind: Literal[ItemKind.TRAINING] = ItemKind.TRAINING
    course_id: str  # trprId
    run: str | None = None  # trprDegr: 회차
    period: Period = Period()
    fee_krw: int | None = Field(default=None, ge=0)
    ncs_code: str | None = None
    capacity: int | None = Field(default=None, ge=0)
    employment_rate_3m: float | None = Field(default=None, ge=0, le=100)
    employment_rate_6m: float | None = Field(default=None, ge=0, le=100)


class SupportProgram(ItemBase):
    """An employment, business or start-up support program, or a policy."""

    kind: Literal[ItemKind.PROGRAM, ItemKind.POLICY]
    categories: list[str] = []
    support: str | None = None  # what the program gives
    application_period: Period = Period()
    eligibility: Eligibility = Eligibility()
    # Programs published on the platform take applications online.
    takes_applications: bool = False
    capacity: int | None = Field(default=None, ge=0)


Item = Annotated[
    JobPosting | TrainingCourse | SupportProgram, Field(discriminator="kind")
]
