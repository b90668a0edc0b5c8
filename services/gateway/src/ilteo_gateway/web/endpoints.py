"""The page's routes: search with results, an item, the job map, sign-in."""

from typing import Annotated, Any
from urllib.parse import quote, urlencode

import orjson
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, ValidationError

from ilteo_common.items import ItemKind
from ilteo_gateway.deps import (
    RateLimited,
    RedisDep,
    SearchDep,
    SettingsDep,
)
from ilteo_gateway.errors import GatewayError, explain
from ilteo_gateway.public import schemas
from ilteo_gateway.public.cache import ResponseCache
from ilteo_gateway.public.service import read
from ilteo_gateway.web import view
from ilteo_gateway.web.assets import Assets
from ilteo_gateway.web.i18n import Translator, language_of
from ilteo_gateway.web.rendering import TEMPLATES, page, signed_in, url_of
from ilteo_gateway.web.search_hints import search_context

router = APIRouter(include_in_schema=False)

LIST_PARAMS = frozenset(
    name
    for name, field in schemas.SearchQuery.model_fields.items()
    if "list" in str(field.annotation)
)
FACET_NAMES = ("kind", "district", "employment_type", "career", "source")


def _toggle(request: Request, name: str, value: str) -> str:
    """The search with one filter value added, or removed if already on."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]
    if (name, value) in params:
        params.remove((name, value))
    elif name in LIST_PARAMS:
        params.append((name, value))
    else:
        params = [(k, v) for k, v in params if k != name] + [(name, value)]
    return "/" + ("?" + urlencode(params) if params else "")


def _query_of(request: Request, model: type[BaseModel]) -> BaseModel:
    data: dict[str, Any] = {}
    for name, value in request.query_params.multi_items():
        if name == "lang" or value == "":
            continue
        if name in LIST_PARAMS:
            data.setdefault(name, []).append(value)
        else:
            data[name] = value
    return model.model_validate(data)


@router.get("/", response_class=HTMLResponse)
async def searchpage(
    request: Request,
    _limited: RateLimited,
    upstream: SearchDep,
    redis: RedisDep,
    settings: SettingsDep,
) -> Response:
    account = await signed_in(request)
    context: dict[str, Any] = {
        "query": {},
        "result": None,
        "error": None,
        "toggle": lambda n, v: _toggle(request, n, v),
        "url": lambda **c: url_of(request, **c),
        "selected": request.query_params.multi_items(),
        "facet_names": FACET_NAMES,
        "label": lambda name, bucket: view.facet_label(
            name, bucket, Translator(language_of(request))
        ),
    }
    try:
        query = _query_of(request, schemas.SearchQuery)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = str(error["loc"][0]) if error["loc"] else "request"
        context["error"] = explain(dict(error), field=field)
        return page(request, "search.html", context, status_code=400, account=account)

    context["query"] = query.model_dump()
    try:
        answer = await read(
            upstream=upstream,
            cache=ResponseCache(redis),
            path="/v1/search",
            query=query,
            ttl_s=settings.cache_ttl_s,
        )
    except GatewayError as exc:
        context["error"] = exc.problem.detail
        return page(
            request,
            "search.html",
            context,
            status_code=exc.status_code,
            account=account,
        )
    body = orjson.loads(answer.body)
    if answer.status != 200:
        context["error"] = body.get("detail")
        return page(
            request, "search.html", context, status_code=answer.status, account=account
        )
    context["result"] = body
    context |= await search_context(
        request,
        account=account,
        kind=request.query_params.get("kind"),
        hits=body.get("items") or [],
        upstream=upstream,
        cache=ResponseCache(redis),
        ttl_s=settings.cache_ttl_s,
    )
    context["next_url"] = (
        url_of(request)
        + ("&" if "?" in url_of(request) else "?")
        + urlencode({"cursor": body["next_cursor"]})
        if body.get("next_cursor")
        else None
    )
    return page(request, "search.html", context, account=account)


@router.get("/suggest", response_class=HTMLResponse)
async def suggest_fragment(
    request: Request,
    _limited: RateLimited,
    upstream: SearchDep,
    redis: RedisDep,
    settings: SettingsDep,
) -> Response:
    """The autocomplete list under the search box (an htmx fragment)."""
    suggestions: list[dict[str, Any]] = []
    try:
        query = schemas.SuggestQuery(q=request.query_params.get("q", ""))
        answer = await read(
            upstream=upstream,
            cache=ResponseCache(redis),
            path="/v1/suggest",
            query=query,
            ttl_s=settings.cache_ttl_s,
        )
        if answer.status == 200:
            suggestions = orjson.loads(answer.body)["suggestions"]
    except (ValidationError, GatewayError):
        suggestions = []
    return TEMPLATES.TemplateResponse(
        request,
        "_suggest.html",
        {"suggestions": suggestions, "t": Translator(language_of(request))},
    )


@router.get("/items/{key:path}", response_class=HTMLResponse)
async def itempage(
    key: str,
    request: Request,
    _limited: RateLimited,
    upstream: SearchDep,
    redis: RedisDep,
    settings: SettingsDep,
) -> Response:
    account = await signed_in(request)
    context: dict[str, Any] = {"detail": None, "error": None}
    try:
        schemas.ItemKeyCheck(key=key)
        answer = await read(
            upstream=upstream,
            cache=ResponseCache(redis),
            path="/v1/items/" + quote(key, safe=":"),
            query=None,
            ttl_s=settings.cache_ttl_s,
        )
    except ValidationError:
        context["error"] = explain({"type": "x"}, field="key")
        return page(request, "item.html", context, status_code=404, account=account)
    except GatewayError as exc:
        context["error"] = exc.problem.detail
        return page(
            request, "item.html", context, status_code=exc.status_code, account=account
        )
    body = orjson.loads(answer.body)
    if answer.status != 200:
        context["error"] = body.get("detail")
        return page(
            request, "item.html", context, status_code=answer.status, account=account
        )
    context["detail"] = body
    return page(request, "item.html", context, account=account)


@router.get("/map", response_class=HTMLResponse)
async def mappage(
    request: Request,
    _limited: RateLimited,
    upstream: SearchDep,
    redis: RedisDep,
    settings: SettingsDep,
) -> Response:
    account = await signed_in(request)
    context: dict[str, Any] = {"counts": None, "error": None}
    try:
        answer = await read(
            upstream=upstream,
            cache=ResponseCache(redis),
            path="/v1/map",
            query=schemas.MapQuery(kind=ItemKind.JOB),
            ttl_s=settings.map_cache_ttl_s,
        )
        if answer.status == 200:
            context["counts"] = orjson.loads(answer.body)
        else:
            context["error"] = orjson.loads(answer.body).get("detail")
    except GatewayError as exc:
        context["error"] = exc.problem.detail
    return page(request, "map.html", context, account=account)


def _assets(request: Request) -> Assets:
    assets: Assets = request.app.state.assets
    return assets


AssetsDep = Annotated[Assets, Depends(_assets)]
YEAR_S = 365 * 86400


@router.get("/static/{name}")
async def static_file(name: str, request: Request, assets: AssetsDep) -> Response:
    asset = assets.files.get(f"static/{name}")
    if asset is None:
        return Response(status_code=404)
    return asset.response(
        request, max_age_s=YEAR_S if "v" in request.query_params else 300
    )


@router.get("/vendor/{name}")
async def vendor_file(name: str, request: Request, assets: AssetsDep) -> Response:
    asset = assets.files.get(f"vendor/{name}")
    if asset is None:
        return Response(status_code=404)
    return asset.response(
        request, max_age_s=YEAR_S if "v" in request.query_params else 300
    )


@router.get("/geo/districts.geojson")
async def districts_geojson(request: Request, assets: AssetsDep) -> Response:
    """The 11 current districts' boundaries, for the job map."""
    return assets.files["geo/districts.geojson"].response(request, max_age_s=86400)
