"""Query parameters of the public read API, checked at the edge.

The limits are those of the search service (its ``MAX_QUERY_CHARS`` and the like),
so that a request the search service would refuse never leaves the gateway. The
answers are passed through as the search service wrote them; the models below
document their shape in the gateway's OpenAPI document.
"""

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
)

from ilteo_common.items import Audience, Career, Education, EmploymentType, ItemKind
from ilteo_gateway.patterns import SPACE_OR_CONTROL

MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 24
MAX_FILTER_VALUES = 20
MAX_PAGE_SIZE = 50
MAX_CURSOR_CHARS = 512
MAX_VALUE_CHARS = 100


def _few_terms(text: str | None) -> str | None:
    if text is not None and len(text.split()) > MAX_QUERY_TERMS:
        raise ValueError(f"at most {MAX_QUERY_TERMS} words")
    return text


def _no_control_characters(text: str | None) -> str | None:
    if text is not None and any(ord(c) < 32 and c not in "\t\n" for c in text):
        raise ValueError("control characters are not allowed")
    return text


# What _no_control_characters lets through, for the OpenAPI document.
NO_CONTROL_CHARACTERS = r"^[^\u0000-\u0008\u000b-\u001f]*$"

QueryText = Annotated[
    str | None,
    Field(
        default=None,
        max_length=MAX_QUERY_CHARS,
        description="검색어 (words)",
        json_schema_extra={"pattern": NO_CONTROL_CHARACTERS},
    ),
    AfterValidator(_few_terms),
    AfterValidator(_no_control_characters),
]
FilterValue = Annotated[str, Field(min_length=1, max_length=MAX_VALUE_CHARS)]


class SortOrder(StrEnum):
    RELEVANCE = "relevance"  # 정확도순
    NEWEST = "newest"  # 최신순
    DEADLINE = "deadline"  # 마감임박순
    PAY = "pay"  # 급여높은순


class _Query(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SearchFilters(_Query):
    q: QueryText = None
    kind: ItemKind | None = None
    district: list[FilterValue] = Field(default=[], max_length=MAX_FILTER_VALUES)
    occupation: list[FilterValue] = Field(default=[], max_length=MAX_FILTER_VALUES)
    employment_type: list[EmploymentType] = Field(
        default=[], max_length=MAX_FILTER_VALUES
    )
    career: list[Career] = Field(default=[], max_length=MAX_FILTER_VALUES)
    education: list[Education] = Field(default=[], max_length=MAX_FILTER_VALUES)
    min_pay_month: int | None = Field(default=None, ge=0, le=100_000_000)
    remote: bool | None = None
    closing_within_days: int | None = Field(default=None, ge=0, le=366)
    source: list[FilterValue] = Field(default=[], max_length=MAX_FILTER_VALUES)
    audience: list[Audience] = Field(default=[], max_length=MAX_FILTER_VALUES)
    include_closed: bool = False


class SearchQuery(SearchFilters):
    sort: SortOrder = SortOrder.RELEVANCE
    size: int = Field(default=20, ge=1, le=MAX_PAGE_SIZE)
    cursor: str | None = Field(default=None, max_length=MAX_CURSOR_CHARS)


class MapQuery(SearchFilters):
    bbox: str | None = Field(
        default=None,
        max_length=100,
        pattern=r"^-?\d{1,3}(\.\d+)?(,-?\d{1,3}(\.\d+)?){3}$",
        description="west,south,east,north in degrees; asks for grid cells",
    )
    zoom: int | None = Field(default=None, ge=0, le=29)


class SuggestQuery(_Query):
    q: str = Field(min_length=1, max_length=MAX_QUERY_CHARS)
    kind: ItemKind | None = None
    size: int = Field(default=8, ge=1, le=20)


class StatsQuery(_Query):
    kind: ItemKind = ItemKind.JOB


ITEM_KEY_PATTERN = rf"^[a-z0-9][a-z0-9_-]{{0,39}}:[^/{SPACE_OR_CONTROL}]{{1,200}}$"


# Answers (documentation of the search service's shapes).


class DistrictRef(BaseModel):
    id: str
    name_ko: str
    name_en: str


class Pay(BaseModel):
    period: str | None = None
    text: str | None = None
    negotiable: bool = False
    month_min: int | None = Field(default=None, description="KRW per month")
    month_max: int | None = None


class SourceLink(BaseModel):
    key: str
    source: str
    source_id: str
    url: str | None = None


class SearchHit(BaseModel):
    model_config = ConfigDict(extra="allow")

    key: str
    kind: ItemKind
    title: str
    organization: str | None = None
    district: DistrictRef | None = None
    pay: Pay | None = None
    posted_at: datetime | None = None
    closes_on: date | None = None
    status: str
    source: str
    url: str | None = None
    also_on: list[SourceLink] = []


class FacetBucket(BaseModel):
    value: str
    label: str
    count: int


class SearchResult(BaseModel):
    model_config = ConfigDict(extra="allow")

    total: int
    items: list[SearchHit]
    facets: dict[str, list[FacetBucket]]
    next_cursor: str | None = None


class SuggestResult(BaseModel):
    query: str
    suggestions: list[dict[str, Any]]


class ItemDetail(BaseModel):
    model_config = ConfigDict(extra="allow")

    key: str
    kind: ItemKind
    status: str
    title: str
    item: dict[str, Any]
    sources: list[dict[str, Any]]


class DistrictCount(DistrictRef):
    count: int


class MapResult(BaseModel):
    model_config = ConfigDict(extra="allow")

    total: int
    districts: list[DistrictCount]
    unplaced: int


class DistrictStatsResult(BaseModel):
    model_config = ConfigDict(extra="allow")

    kind: ItemKind
    districts: list[dict[str, Any]]


class ItemKeyCheck(BaseModel):
    key: str = Field(pattern=ITEM_KEY_PATTERN)
