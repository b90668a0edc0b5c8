"""Eligibility hints beside the search results of the program and policy tabs.

For a signed-in visitor with a profile, each hit's conditions are read from its
detail (the search hits carry none; details come through the same cache as the
item pages) and compared with the visitor's first profile by
:func:`ilteo_gateway.web.eligibility.hints`. Hints are a help, never a gate:
anything that fails leaves the results as they are, without hints.
"""

import asyncio
from typing import Any
from urllib.parse import quote

import orjson
import structlog
from fastapi import Request

from ilteo_gateway.accounts.schemas import Account
from ilteo_gateway.errors import GatewayError
from ilteo_gateway.public.cache import ResponseCache
from ilteo_gateway.public.service import read
from ilteo_gateway.upstream import Upstream
from ilteo_gateway.web.eligibility import Hint, describe, hints
from ilteo_gateway.web.i18n import Translator, language_of
from ilteo_gateway.web.page_kit import recommend_get
from ilteo_gateway.web.profile_form import title_of
from ilteo_gateway.web.view import today

log = structlog.get_logger(__name__)

# Kinds whose items state structured conditions (``SupportProgram.eligibility``);
# training courses state theirs in words only.
HINTED_KINDS = frozenset({"program", "policy"})


async def first_profile(request: Request, account: Account) -> dict[str, Any] | None:
    if request.app.state.settings.recommend_service_token is None:
        return None
    try:
        reply = await recommend_get(request, account, "/v1/profiles")
    except GatewayError as exc:
        log.info("hints.no_profile", reason=exc.problem.detail)
        return None
    if reply.status != 200 or not reply.body:
        return None
    profile: dict[str, Any] = reply.body[0]
    return profile


async def _item(
    key: str, *, upstream: Upstream, cache: ResponseCache, ttl_s: int
) -> dict[str, Any] | None:
    try:
        answer = await read(
            upstream=upstream,
            cache=cache,
            path="/v1/items/" + quote(key, safe=":"),
            query=None,
            ttl_s=ttl_s,
        )
    except GatewayError:
        return None
    if answer.status != 200:
        return None
    item: dict[str, Any] = orjson.loads(answer.body).get("item") or {}
    return item


async def result_hints(
    *,
    hits: list[dict[str, Any]],
    profile: dict[str, Any],
    upstream: Upstream,
    cache: ResponseCache,
    ttl_s: int,
) -> dict[str, list[Hint]]:
    """Hints per hit key, for the hits of a hinted kind."""
    keys = [hit["key"] for hit in hits if hit.get("kind") in HINTED_KINDS]
    items = await asyncio.gather(
        *(_item(key, upstream=upstream, cache=cache, ttl_s=ttl_s) for key in keys)
    )
    year = today().year
    return {
        key: hints(
            eligibility=item.get("eligibility"),
            audience=item.get("audience") or [],
            profile=profile,
            year=year,
        )
        for key, item in zip(keys, items, strict=True)
        if item is not None
    }


async def search_context(
    request: Request,
    *,
    account: Account | None,
    kind: str | None,
    hits: list[dict[str, Any]],
    upstream: Upstream,
    cache: ResponseCache,
    ttl_s: int,
) -> dict[str, Any]:
    """What ``search.html`` needs for hints: the profile used and hints per key."""
    if kind not in HINTED_KINDS | {"training"}:
        return {}
    t = Translator(language_of(request))
    context: dict[str, Any] = {
        "hint_kind": kind,
        "hint_profile": None,
        "hints": {},
        "elig_describe": describe,
        "profile_title": lambda profile: title_of(profile, t),
    }
    if account is None:
        return context
    profile = await first_profile(request, account)
    if profile is None:
        return context
    context["hint_profile"] = profile
    if kind in HINTED_KINDS:
        context["hints"] = await result_hints(
            hits=hits, profile=profile, upstream=upstream, cache=cache, ttl_s=ttl_s
        )
    return context
