"""Programs (courses, support programs) that take applications, and their questions."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal, Self
from uuid import UUID

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    computed_field,
    model_validator,
)

from ilteo_applications.errors import say
from ilteo_applications.timezone import in_kst, now_kst
from ilteo_common.items import EmploymentStatus
from ilteo_places import DISTRICTS

INCHEON = "incheon"
"""In ``Eligibility.residence``: anywhere in 인천광역시."""

DISTRICT_IDS = frozenset(district.id for district in DISTRICTS)

SeoulDateTime = Annotated[datetime, AfterValidator(in_kst)]
QuestionId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
Label = Annotated[str, Field(min_length=1, max_length=500)]
Title = Annotated[str, Field(min_length=1, max_length=200)]
Description = Annotated[str, Field(min_length=1, max_length=20_000)]


class _Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class _QuestionBase(_Schema):
    id: QuestionId
    label: Label
    required: bool = True


class TextQuestion(_QuestionBase):
    type: Literal["text"]
    max_length: int = Field(default=2000, ge=1, le=20_000)


class ChoiceQuestion(_QuestionBase):
    """One option out of ``options``."""

    type: Literal["choice"]
    options: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        min_length=2, max_length=50
    )

    @model_validator(mode="after")
    def _distinct_options(self) -> Self:
        if len(set(self.options)) != len(self.options):
            raise ValueError(
                say(
                    f"질문 {self.id}의 선택지가 중복됩니다",
                    f"question {self.id} lists an option twice",
                )
            )
        return self


class YesNoQuestion(_QuestionBase):
    type: Literal["yes_no"]


class NumberQuestion(_QuestionBase):
    type: Literal["number"]
    minimum: float | None = None
    maximum: float | None = None
    whole: bool = False  # only whole numbers, e.g. 가구원 수

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if (
            self.minimum is not None
            and self.maximum is not None
            and self.minimum > self.maximum
        ):
            raise ValueError(
                say(
                    f"질문 {self.id}의 최솟값이 최댓값보다 큽니다",
                    f"question {self.id} has its minimum above its maximum",
                )
            )
        return self


Question = Annotated[
    TextQuestion | ChoiceQuestion | YesNoQuestion | NumberQuestion,
    Field(discriminator="type"),
]


class Eligibility(_Schema):
    """Who may apply; ``None`` sets no condition. Same names as the shared items'."""

    age_min: int | None = Field(default=None, ge=0, le=120)
    age_max: int | None = Field(default=None, ge=0, le=120)
    # "incheon" for anywhere in the city, or ids of current districts (ilteo_places).
    residence: list[str] | None = None
    employment_status: list[EmploymentStatus] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if (
            self.age_min is not None
            and self.age_max is not None
            and self.age_min > self.age_max
        ):
            raise ValueError(
                say(
                    "최소 나이가 최대 나이보다 큽니다",
                    "age_min is above age_max",
                )
            )
        unknown = sorted(set(self.residence or ()) - DISTRICT_IDS - {INCHEON})
        if unknown:
            raise ValueError(
                say(
                    f"알 수 없는 거주 지역입니다: {', '.join(unknown)}",
                    f"Unknown residence: {', '.join(unknown)}; use 'incheon' or "
                    f"a district id ({', '.join(sorted(DISTRICT_IDS))})",
                )
            )
        return self


class WhenFull(StrEnum):
    """What a submission gets once the seats are taken."""

    WAITLIST = "waitlist"  # 대기자로 접수
    REFUSE = "refuse"  # 접수 마감


def _check_period(starts_at: datetime | None, ends_at: datetime | None) -> None:
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        raise ValueError(
            say(
                "접수 마감 시각은 시작 시각보다 뒤여야 합니다",
                "ends_at must be after starts_at",
            )
        )


def _check_question_ids(questions: list[Question] | None) -> None:
    ids = [question.id for question in questions or ()]
    if len(set(ids)) != len(ids):
        raise ValueError(say("질문 id가 중복됩니다", "two questions share the same id"))


class ProgramCreate(_Schema):
    title: Title
    description: Description
    # 접수 기간, in Korean time when no offset is given.
    starts_at: SeoulDateTime
    ends_at: SeoulDateTime
    capacity: int = Field(ge=1, le=1_000_000)  # 모집 정원
    when_full: WhenFull = WhenFull.WAITLIST
    eligibility: Eligibility = Eligibility()
    questions: list[Question] = Field(default_factory=list, max_length=50)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _check_period(self.starts_at, self.ends_at)
        _check_question_ids(self.questions)
        return self


class ProgramUpdate(_Schema):
    """Only the fields given change; questions only while nobody has applied."""

    title: Title | None = None
    description: Description | None = None
    starts_at: SeoulDateTime | None = None
    ends_at: SeoulDateTime | None = None
    capacity: int | None = Field(default=None, ge=1, le=1_000_000)
    when_full: WhenFull | None = None
    eligibility: Eligibility | None = None
    questions: list[Question] | None = Field(default=None, max_length=50)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if not self.model_fields_set:
            raise ValueError(say("바꿀 항목이 없습니다", "Nothing to change"))
        for name in self.model_fields_set:
            if getattr(self, name) is None:
                raise ValueError(
                    say(f"{name} 값은 비울 수 없습니다", f"{name} cannot be null")
                )
        _check_period(self.starts_at, self.ends_at)
        _check_question_ids(self.questions)
        return self


class Program(BaseModel):
    """A program as stored. ``id`` and these fields are what search indexes later."""

    id: UUID
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    capacity: int
    when_full: WhenFull
    eligibility: Eligibility
    questions: list[Question]
    created_by: str
    created_at: datetime
    updated_at: datetime
    # Received, under review and accepted applications; waitlisted ones hold none.
    seats_taken: int

    @computed_field  # type: ignore[prop-decorator]
    @property
    def seats_left(self) -> int:
        """Free seats (잔여 정원) at the time of the answer."""
        return max(0, self.capacity - self.seats_taken)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def accepting_now(self) -> bool:
        """Within the application period (접수 중) at the time of the answer."""
        return self.starts_at <= now_kst() < self.ends_at


class ProgramPage(BaseModel):
    items: list[Program]
    total: int
    limit: int
    offset: int
