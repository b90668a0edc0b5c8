"""Recommendations with their reasons, and the feedback that steers them."""

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from ilteo_common.items import ItemKind

ItemKey = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=3, max_length=300)
]


class Strategy(StrEnum):
    HYBRID = "hybrid"  # k-NN and BM25 candidates, fused
    KEYWORD = "keyword"  # BM25 only: no model, or the profile has no vector yet


class FeedbackAction(StrEnum):
    SAVE = "save"  # 관심 저장
    DISMISS = "dismiss"  # 관심 없음: never shown again
    APPLIED = "applied"  # 지원함


class FeedbackCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    item_key: ItemKey = Field(description="the item's key, `source:source_id`")
    action: FeedbackAction


class Feedback(BaseModel):
    item_key: str
    action: FeedbackAction
    at: datetime


class ScoreBreakdown(BaseModel):
    """Each signal between 0 and 1; ``score`` is their weighted sum."""

    similarity: float = Field(description="embedding similarity to the profile")
    keyword: float = Field(description="BM25 on occupations and skills, scaled")
    pay: float = Field(description="stated pay against the wished minimum")
    recency: float = Field(description="halves every 14 days after posting")
    district: float = Field(description="in a preferred or the profile's district")
    feedback: float = Field(description="closeness to saved and applied items")
    cosine: float | None = Field(description="the raw cosine similarity")


class Recommendation(BaseModel):
    key: str
    kind: ItemKind
    title: str
    organization: str | None
    district_id: str | None
    url: str | None
    closes_on: date | None
    pay_month_min: int | None
    pay_month_max: int | None
    score: float
    reason: str = Field(description="why, in plain Korean, parts joined by ' · '")
    reasons: list[str]
    breakdown: ScoreBreakdown


class SkillGap(BaseModel):
    """A wished occupation with few open jobs the profile fits, and courses for it."""

    occupation: str
    matching_jobs: int
    reason: str
    courses: list[Recommendation]


class Recommendations(BaseModel):
    profile_id: UUID
    kind: ItemKind
    strategy: Strategy
    items: list[Recommendation]
    skill_gaps: list[SkillGap] = []
