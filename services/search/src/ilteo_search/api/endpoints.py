"""Routes of the search API under ``/v1``; the gateway serves them as ``/api/v1``."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import BaseModel

from ilteo_search.api import regional, service
from ilteo_search.api.errors import PROBLEM_RESPONSES
from ilteo_search.api.repository import SearchRepository
from ilteo_search.api.schemas import (
    DistrictStatsResult,
    ItemDetail,
    MapQuery,
    MapResult,
    Problem,
    SearchQuery,
    SearchResult,
    StatsQuery,
    SuggestQuery,
    SuggestResult,
)
from ilteo_search.api.semantic import QueryEmbedder
from ilteo_search.api.service import Limits
from ilteo_search.api.vocabulary import Vocabulary


@dataclass(frozen=True, slots=True)
class SearchContext:
    """What the routes share, built once when the app is made."""

    repository: SearchRepository
    vocabulary: Vocabulary
    embedder: QueryEmbedder
    limits: Limits


def _context(request: Request) -> SearchContext:
    context: SearchContext = request.app.state.search
    return context


Context = Annotated[SearchContext, Depends(_context)]

router = APIRouter(prefix="/v1", tags=["search"], responses=PROBLEM_RESPONSES)


def _json(result: BaseModel) -> Response:
    # The result is built from typed models already: serialise it once, without
    # FastAPI validating it again on the way out (measured: the hot path's cost).
    return Response(result.model_dump_json(), media_type="application/json")


@router.get(
    "/search",
    summary="Search jobs, training, programs and policies",
    response_model=SearchResult,
)
async def search(query: Annotated[SearchQuery, Query()], context: Context) -> Response:
    result = await service.search(
        query=query,
        repository=context.repository,
        vocabulary=context.vocabulary,
        embedder=context.embedder,
        limits=context.limits,
    )
    return _json(result)


@router.get("/suggest", summary="Complete the words being typed")
async def suggest(
    query: Annotated[SuggestQuery, Query()], context: Context
) -> SuggestResult:
    return await service.suggest(query=query, repository=context.repository)


@router.get(
    "/items/{item_id:path}",
    summary="One item in full, with all its sources",
    responses={404: {"model": Problem, "description": "no such item"}},
)
async def item(
    item_id: Annotated[str, Path(min_length=3, max_length=300)], context: Context
) -> ItemDetail:
    return await service.item_detail(key=item_id, repository=context.repository)


@router.get("/map", summary="Open items per current district, and grid cells")
async def district_map(
    query: Annotated[MapQuery, Query()], context: Context
) -> MapResult:
    return await regional.district_map(
        query=query, repository=context.repository, vocabulary=context.vocabulary
    )


@router.get("/stats/districts", summary="Statistics per current district")
async def district_stats(
    query: Annotated[StatsQuery, Query()], context: Context
) -> DistrictStatsResult:
    return await regional.district_stats(query=query, repository=context.repository)
