"""What the search API accepts and answers: query parameters and response bodies."""

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ilteo_common.items import (
    Audience,
    Career,
    Education,
    EmploymentType,
    ItemKind,
    PayPeriod,
)

MAX_QUERY_CHARS = 200
"""The longest ``q`` accepted; longer text is refused with a 400, not cut."""

MAX_QUERY_TERMS = 24
"""The most words in ``q``; a long list of words is not a search."""

MAX_FILTER_VALUES = 20
"""The most values one repeated filter (``district=...&district=...``) may take."""


class SortOrder(StrEnum):
    RELEVANCE = "relevance"  # 정확도순; without ``q``, the newest first
    NEWEST = "newest"  # 최신순
    DEADLINE = "deadline"  # 마감임박순
    PAY = "pay"  # 급여높은순


class SearchMode(StrEnum):
    HYBRID = "hybrid"  # words and meaning, fused by reciprocal rank
    BM25 = "bm25"  # words only
    BROWSE = "browse"  # no ``q``: filters and sort only


class _Query(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class SearchFilters(_Query):
    """Filters shared by search, the map and the statistics."""

    q: str | None = Field(default=None, description="검색어 (words, not syntax)")
    kind: ItemKind | None = None
    district: list[str] = Field(
        default=[],
        description="current or former district: id, Korean or English name, code",
    )
    occupation: list[str] = Field(default=[], description="occupation name or code")
    employment_type: list[EmploymentType] = []
    career: list[Career] = []
    education: list[Education] = []
    min_pay_month: int | None = Field(default=None, ge=0, le=100_000_000)
    remote: bool | None = None
    closing_within_days: int | None = Field(default=None, ge=0, le=366)
    source: list[str] = []
    audience: list[Audience] = []
    include_closed: bool = False


class SearchQuery(SearchFilters):
    sort: SortOrder = SortOrder.RELEVANCE
    size: int = Field(default=20, ge=1)
    cursor: str | None = Field(default=None, description="next_cursor of the last page")


class MapQuery(SearchFilters):
    bbox: str | None = Field(
        default=None,
        description="west,south,east,north in degrees; asks for grid cells",
        examples=["126.55,37.35,126.80,37.60"],
    )
    zoom: int | None = Field(default=None, ge=0, le=29)


class SuggestQuery(_Query):
    q: str = Field(min_length=1)
    kind: ItemKind | None = None
    size: int = Field(default=8, ge=1, le=20)


class StatsQuery(_Query):
    kind: ItemKind = ItemKind.JOB


class Problem(BaseModel):
    """Every 4xx and 503 body: what is wrong, in Korean and English."""

    detail: str
    field: str | None = None
    suggestions: list[str] = []


class DistrictRef(BaseModel):
    id: str
    name_ko: str
    name_en: str


class Pay(BaseModel):
    period: PayPeriod | None = None
    text: str | None = None
    negotiable: bool = False
    month_min: int | None = None  # KRW per month, converted by the indexer
    month_max: int | None = None
    hour_min: int | None = None
    hour_max: int | None = None
    below_minimum_wage: bool = False


class SourceLink(BaseModel):
    key: str
    source: str
    source_id: str
    url: str | None = None


class SearchHit(BaseModel):
    key: str
    cluster_id: str
    kind: ItemKind
    title: str
    organization: str | None = None
    occupation: str | None = None
    occupation_code: str | None = None
    district: DistrictRef | None = None
    region_text: str | None = None
    employment_type: EmploymentType | None = None
    career: Career | None = None
    education: Education | None = None
    remote: bool = False
    pay: Pay | None = None
    posted_at: datetime | None = None
    closes_on: date | None = None
    open_until_filled: bool = False
    status: str
    source: str
    url: str | None = None
    highlights: dict[str, list[str]] = Field(
        default={}, description="fragments with matches in <em>, HTML-escaped"
    )
    also_on: list[SourceLink] = Field(
        default=[], description="the same item on other sources"
    )


class FacetBucket(BaseModel):
    value: str
    label: str
    count: int = Field(description="distinct items (duplicates counted once)")


class SearchFacets(BaseModel):
    """Counts per filter value; each ignores its own filter, not the others."""

    kind: list[FacetBucket] = []
    district: list[FacetBucket] = []
    occupation: list[FacetBucket] = []
    employment_type: list[FacetBucket] = []
    career: list[FacetBucket] = []
    education: list[FacetBucket] = []
    source: list[FacetBucket] = []
    audience: list[FacetBucket] = []
    remote: list[FacetBucket] = []
    min_pay_month: list[FacetBucket] = []
    closing_within_days: list[FacetBucket] = []


class Interpretation(BaseModel):
    """How the service read the request."""

    districts: list[DistrictRef] = Field(
        default=[], description="the current districts the district filter covers"
    )
    former_districts: list[str] = Field(
        default=[], description="former names mapped, e.g. 중구 → 영종구, 제물포구"
    )
    places_in_query: list[DistrictRef] = Field(
        default=[], description="districts named in q, ranked higher"
    )
    translated_terms: list[str] = Field(
        default=[], description="Korean terms added for English words in q"
    )


class SearchResult(BaseModel):
    mode: SearchMode
    notice: str | None = None
    total: int = Field(description="distinct items matching the words and filters")
    items: list[SearchHit]
    facets: SearchFacets
    next_cursor: str | None = None
    interpretation: Interpretation


class Suggestion(BaseModel):
    text: str
    key: str
    kind: ItemKind


class SuggestResult(BaseModel):
    query: str
    suggestions: list[Suggestion]


class ItemSource(SourceLink):
    status: str
    modified_at: datetime | None = None


class ItemDetail(BaseModel):
    key: str
    cluster_id: str
    kind: ItemKind
    status: str
    title: str
    district: DistrictRef | None = None
    item: dict[str, Any] = Field(description="the full normalised item")
    sources: list[ItemSource] = Field(description="every source of the same item")


class DistrictCount(DistrictRef):
    count: int


class GridCell(BaseModel):
    key: str = Field(description="zoom/x/y of the map tile")
    count: int
    lat: float = Field(description="centre of the items in the cell")
    lon: float


class MapResult(BaseModel):
    total: int
    districts: list[DistrictCount] = Field(description="all current districts")
    unplaced: int = Field(description="items with no district")
    zoom: int | None = None
    cells: list[GridCell] = []


class DistrictStats(DistrictRef):
    open_items: int
    top_occupations: list[FacetBucket]
    pay_month_median: int | None = Field(
        default=None, description="KRW per month, approximate (t-digest)"
    )
    pay_month_p25: int | None = None
    pay_month_p75: int | None = None
    items_with_pay: int


class DistrictStatsResult(BaseModel):
    kind: ItemKind
    generated_at: datetime
    districts: list[DistrictStats]
