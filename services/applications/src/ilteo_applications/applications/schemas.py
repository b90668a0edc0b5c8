"""Applications (신청), their statuses and the history of each status change."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Self
from uuid import UUID

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    model_validator,
)

from ilteo_applications.auth import Role
from ilteo_applications.errors import say
from ilteo_applications.programs.schemas import DISTRICT_IDS
from ilteo_common.items import EmploymentStatus


class ApplicationStatus(StrEnum):
    RECEIVED = "received"  # 접수
    UNDER_REVIEW = "under_review"  # 검토 중
    ACCEPTED = "accepted"  # 선정
    REJECTED = "rejected"  # 미선정
    WAITLISTED = "waitlisted"  # 대기
    CANCELLED = "cancelled"  # 신청 취소 (by the citizen)


Answer = StrictBool | StrictInt | StrictFloat | StrictStr


class _Schema(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Applicant(_Schema):
    """What the citizen states about themselves, checked against the eligibility."""

    birth_year: int = Field(ge=1900, le=2100)
    # A current district id (ilteo_places); None for someone living outside Incheon.
    residence: str | None = None
    employment_status: EmploymentStatus

    @model_validator(mode="after")
    def _known_district(self) -> Self:
        if self.residence is not None and self.residence not in DISTRICT_IDS:
            raise ValueError(
                say(
                    f"알 수 없는 거주 구·군입니다: {self.residence}",
                    f"Unknown district: {self.residence}; use one of "
                    f"{', '.join(sorted(DISTRICT_IDS))}, or null outside Incheon",
                )
            )
        return self


class ApplicationCreate(_Schema):
    applicant: Applicant
    # Question id -> answer: text, the chosen option, true/false, or a number.
    answers: dict[Annotated[str, Field(max_length=40)], Answer] = Field(
        default_factory=dict, max_length=50
    )


class StatusUpdate(_Schema):
    """An operator's decision; ``note`` is kept in the history."""

    status: ApplicationStatus
    note: str | None = Field(default=None, max_length=1000)


class CancelRequest(_Schema):
    note: str | None = Field(default=None, max_length=1000)


class StatusChange(BaseModel):
    from_status: ApplicationStatus | None
    to_status: ApplicationStatus
    actor_subject: str
    actor_role: Role
    note: str | None
    at: datetime


class Application(BaseModel):
    id: UUID
    program_id: UUID
    subject: str
    receipt_number: str  # 접수번호, e.g. ILT-2026-000123
    status: ApplicationStatus
    applicant: Applicant
    answers: dict[str, Answer]
    created_at: datetime
    updated_at: datetime


class ApplicationDetail(Application):
    history: list[StatusChange]


class ApplicationPage(BaseModel):
    items: list[Application]
    total: int
    limit: int
    offset: int
