"""What a profile holds, per audience: only what ranking needs (PIPA data minimum).

No name, phone, e-mail or exact birth date: a birth year is enough for age bands,
and a district is enough for residence conditions.
"""

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal
from uuid import UUID

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from ilteo_common.items import (
    CompanySize,
    Education,
    EmploymentStatus,
    EmploymentType,
)

Term = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)
]
District = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)
]
Year = Annotated[int, Field(ge=1900, le=2100)]

# 15 is the youngest working age under the Labour Standards Act (근로기준법 제64조).
YOUNGEST_AGE = 15
OLDEST_AGE = 100


def _check_birth_year(year: int | None) -> int | None:
    this_year = date.today().year
    if year is not None and not (
        this_year - OLDEST_AGE <= year <= this_year - YOUNGEST_AGE
    ):
        raise ValueError(
            f"출생연도는 {this_year - OLDEST_AGE}~{this_year - YOUNGEST_AGE} "
            f"사이여야 합니다 / birth_year must be between {this_year - OLDEST_AGE} "
            f"and {this_year - YOUNGEST_AGE}"
        )
    return year


def _check_founding_year(year: int | None) -> int | None:
    if year is not None and year > date.today().year:
        raise ValueError("설립연도가 미래입니다 / founding_year is in the future")
    return year


class FounderStage(StrEnum):
    PRE_FOUNDING = "pre_founding"  # 예비창업자
    EARLY = "early"  # 초기창업 (업력 3년 미만)
    GROWTH = "growth"  # 도약기 (업력 3~7년)


class Audience(StrEnum):
    INDIVIDUAL = "individual"
    COMPANY = "company"
    FOUNDER = "founder"


class _Fields(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    # 행태 정보 활용 동의: saves and applications may lift similar items.
    use_behaviour_for_ranking: bool = False


class IndividualFields(_Fields):
    """A job seeker (개인 구직자)."""

    audience: Literal[Audience.INDIVIDUAL]
    desired_occupations: list[Term] = Field(default=[], max_length=10)  # 희망 직종
    skills: list[Term] = Field(default=[], max_length=30)
    certificates: list[Term] = Field(default=[], max_length=20)  # 자격증
    career_years: int | None = Field(default=None, ge=0, le=60)
    education: Education | None = None
    # Current district ids; former names and codes are accepted and resolved.
    preferred_districts: list[District] = Field(default=[], max_length=11)
    employment_types: list[EmploymentType] = Field(default=[], max_length=6)
    min_monthly_pay_krw: int | None = Field(default=None, ge=0, le=100_000_000)
    birth_year: Year | None = None  # the year only, never the date
    # For residence conditions of programs and policies (거주지 요건).
    residence_district: District | None = None
    employment_status: EmploymentStatus | None = None
    about: str | None = Field(default=None, max_length=1000)  # 자기소개

    _birth_year = field_validator("birth_year")(_check_birth_year)

    @model_validator(mode="after")
    def _says_what_is_wanted(self) -> "IndividualFields":
        if not (
            self.desired_occupations or self.skills or self.certificates or self.about
        ):
            raise ValueError(
                "희망 직종, 기술, 자격증, 자기소개 중 하나는 필요합니다 / one of "
                "desired_occupations, skills, certificates or about is needed"
            )
        return self


class CompanyFields(_Fields):
    """A company (기업) looking for subsidies and business support."""

    audience: Literal[Audience.COMPANY]
    industry: Term  # 업종
    size: CompanySize
    founding_year: Year  # 설립연도, for 업력 conditions
    district: District

    _founding_year = field_validator("founding_year")(_check_founding_year)


class FounderFields(_Fields):
    """A (prospective) founder (예비·초기 창업자)."""

    audience: Literal[Audience.FOUNDER]
    stage: FounderStage
    sector: Term  # 창업 분야
    district: District


ProfileCreate = Annotated[
    IndividualFields | CompanyFields | FounderFields,
    Field(discriminator="audience"),
]


class ProfileUpdate(BaseModel):
    """The fields to change; the audience stays. ``[]`` empties a list."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    use_behaviour_for_ranking: bool | None = None
    desired_occupations: list[Term] | None = Field(default=None, max_length=10)
    skills: list[Term] | None = Field(default=None, max_length=30)
    certificates: list[Term] | None = Field(default=None, max_length=20)
    career_years: int | None = Field(default=None, ge=0, le=60)
    education: Education | None = None
    preferred_districts: list[District] | None = Field(default=None, max_length=11)
    employment_types: list[EmploymentType] | None = Field(default=None, max_length=6)
    min_monthly_pay_krw: int | None = Field(default=None, ge=0, le=100_000_000)
    birth_year: Year | None = None
    residence_district: District | None = None
    employment_status: EmploymentStatus | None = None
    about: str | None = Field(default=None, max_length=1000)
    industry: Term | None = None
    size: CompanySize | None = None
    founding_year: Year | None = None
    district: District | None = None
    stage: FounderStage | None = None
    sector: Term | None = None

    _birth_year = field_validator("birth_year")(_check_birth_year)
    _founding_year = field_validator("founding_year")(_check_founding_year)


class _Stored(BaseModel):
    id: UUID
    created_at: datetime
    updated_at: datetime


class IndividualProfile(IndividualFields, _Stored):
    pass


class CompanyProfile(CompanyFields, _Stored):
    pass


class FounderProfile(FounderFields, _Stored):
    pass


Profile = Annotated[
    IndividualProfile | CompanyProfile | FounderProfile,
    Field(discriminator="audience"),
]
ProfileFields = IndividualFields | CompanyFields | FounderFields
