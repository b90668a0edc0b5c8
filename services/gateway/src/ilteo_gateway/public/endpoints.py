"""``/api/v1``: search, suggest, items, map and statistics, through the cache."""

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response

from ilteo_gateway.deps import RateLimited, RedisDep, SearchDep, SettingsDep
from ilteo_gateway.errors import PUBLIC_RESPONSES, Problem
from ilteo_gateway.public import schemas, service
from ilteo_gateway.public.cache import ResponseCache

router = APIRouter(prefix="/api/v1", tags=["search"], responses=PUBLIC_RESPONSES)


def _cache(redis: RedisDep) -> ResponseCache:
    return ResponseCache(redis)


CacheDep = Annotated[ResponseCache, Depends(_cache)]


def _respond(answer: service.Answer, *, max_age_s: int) -> Response:
    headers = {"X-Cache": answer.cache}
    if answer.status == 200:
        headers["Cache-Control"] = f"public, max-age={max_age_s}"
    if answer.retry_after:
        headers["Retry-After"] = answer.retry_after
    return Response(
        answer.body,
        status_code=answer.status,
        media_type="application/json",
        headers=headers,
    )


@router.get(
    "/search",
    summary="Search jobs, training, programs and policies",
    response_model=schemas.SearchResult,
)
async def search(
    query: Annotated[schemas.SearchQuery, Query()],
    _limited: RateLimited,
    upstream: SearchDep,
    cache: CacheDep,
    settings: SettingsDep,
) -> Response:
    answer = await service.read(
        upstream=upstream,
        cache=cache,
        path="/v1/search",
        query=query,
        ttl_s=settings.cache_ttl_s,
    )
    return _respond(answer, max_age_s=settings.cache_ttl_s)


@router.get("/suggest", summary="Autocomplete", response_model=schemas.SuggestResult)
async def suggest(
    query: Annotated[schemas.SuggestQuery, Query()],
    _limited: RateLimited,
    upstream: SearchDep,
    cache: CacheDep,
    settings: SettingsDep,
) -> Response:
    answer = await service.read(
        upstream=upstream,
        cache=cache,
        path="/v1/suggest",
        query=query,
        ttl_s=settings.cache_ttl_s,
    )
    return _respond(answer, max_age_s=settings.cache_ttl_s)


ItemKey = Annotated[
    str,
    Path(
        pattern=schemas.ITEM_KEY_PATTERN,
        description="source:source_id, as in a search hit's key",
        examples=["work24:K151612501"],
    ),
]


@router.get(
    "/items/{key}",
    summary="One item in full, with all its sources",
    response_model=schemas.ItemDetail,
    responses={404: {"model": Problem, "description": "no item has this key"}},
)
async def item(
    key: ItemKey,
    _limited: RateLimited,
    upstream: SearchDep,
    cache: CacheDep,
    settings: SettingsDep,
) -> Response:
    answer = await service.read(
        upstream=upstream,
        cache=cache,
        path="/v1/items/" + quote(key, safe=":"),
        query=None,
        ttl_s=settings.cache_ttl_s,
    )
    return _respond(answer, max_age_s=settings.cache_ttl_s)


@router.get(
    "/map",
    summary="Open items per current district, and grid cells for a box",
    response_model=schemas.MapResult,
)
async def map_counts(
    query: Annotated[schemas.MapQuery, Query()],
    _limited: RateLimited,
    upstream: SearchDep,
    cache: CacheDep,
    settings: SettingsDep,
) -> Response:
    answer = await service.read(
        upstream=upstream,
        cache=cache,
        path="/v1/map",
        query=query,
        ttl_s=settings.map_cache_ttl_s,
    )
    return _respond(answer, max_age_s=settings.map_cache_ttl_s)


@router.get(
    "/stats/districts",
    summary="Regional statistics per current district",
    response_model=schemas.DistrictStatsResult,
)
async def district_stats(
    query: Annotated[schemas.StatsQuery, Query()],
    _limited: RateLimited,
    upstream: SearchDep,
    cache: CacheDep,
    settings: SettingsDep,
) -> Response:
    answer = await service.read(
        upstream=upstream,
        cache=cache,
        path="/v1/stats/districts",
        query=query,
        ttl_s=settings.map_cache_ttl_s,
    )
    return _respond(answer, max_age_s=settings.map_cache_ttl_s)
