"""An employer's posting as the API accepts and shows it."""

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from ilteo_common.items import Career, Education, EmploymentType, Pay
from ilteo_places import DISTRICTS

DISTRICT_IDS = tuple(district.id for district in DISTRICTS)


class PostingStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PostingFields(_Body):
    title: str | None = Field(default=None, min_length=2, max_length=200)
    description: str | None = Field(default=None, max_length=20_000)
    occupation: str | None = Field(default=None, max_length=100)
    district_id: str | None = Field(
        default=None,
        description="a current district",
        json_schema_extra={"enum": [*DISTRICT_IDS, None]},
    )
    address: str | None = Field(default=None, max_length=300)
    employment_type: EmploymentType | None = None
    pay: Pay | None = None
    career: Career | None = None
    education: Education | None = None
    headcount: int | None = Field(default=None, ge=1, le=10_000)
    remote: bool | None = None
    working_hours: str | None = Field(default=None, max_length=200)
    closes_on: date | None = Field(default=None, description="마감일")
    open_until_filled: bool | None = Field(default=None, description="채용시까지")


class PostingCreate(PostingFields):
    title: str = Field(min_length=2, max_length=200)
    district_id: str = Field(
        description="a current district", json_schema_extra={"enum": [*DISTRICT_IDS]}
    )


class PostingUpdate(PostingFields):
    """Only the fields given change."""


class Posting(BaseModel):
    id: str
    key: str = Field(description="the item's key in search, platform:<id>")
    status: PostingStatus
    created_at: datetime
    updated_at: datetime
    fields: PostingCreate
