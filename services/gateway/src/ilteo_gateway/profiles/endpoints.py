"""``/api/v1/profiles``: a person's or a company's own profiles and recommendations.

The recommend service keeps profiles per subject; the gateway passes the signed-in
account's id as that subject, so nobody reaches another account's profiles.
"""

from typing import Annotated, Any, Literal
from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, Body, Depends, Path, Query, Request
from fastapi.responses import Response

from ilteo_common.items import ItemKind
from ilteo_gateway.accounts.sessions import CurrentUser
from ilteo_gateway.deps import RateLimited, RecommendDep
from ilteo_gateway.errors import PROBLEM_RESPONSES, BadRequest, say
from ilteo_gateway.public.schemas import ITEM_KEY_PATTERN
from ilteo_gateway.security.csrf import CsrfProtected
from ilteo_gateway.upstream import relay

router = APIRouter(
    prefix="/api/v1/profiles", tags=["profiles"], responses=PROBLEM_RESPONSES
)

MAX_BODY_BYTES = 64 * 1024
JsonObject = Annotated[dict[str, Any], Body(description="see the recommend API")]


def _configured(request: Request) -> bool:
    return request.app.state.settings.recommend_service_token is not None


def _small_body(request: Request) -> None:
    length = request.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > MAX_BODY_BYTES:
        raise BadRequest(
            say(
                "요청 본문이 너무 큽니다 (64KB 이내).", "The body is too large (64 KB)."
            )
        )


Configured = Annotated[bool, Depends(_configured)]
SmallBody = Annotated[None, Depends(_small_body)]


@router.post("", summary="Create a profile", status_code=201)
async def create_profile(
    body: JsonObject,
    account: CurrentUser,
    _csrf: CsrfProtected,
    _small: SmallBody,
    _limited: RateLimited,
    upstream: RecommendDep,
    configured: Configured,
) -> Response:
    return await relay.send(
        upstream,
        "POST",
        "/v1/profiles",
        configured=configured,
        caller=relay.subject_headers(account),
        body=body,
    )


@router.get("", summary="The signed-in account's profiles")
async def list_profiles(
    account: CurrentUser, upstream: RecommendDep, configured: Configured
) -> Response:
    return await relay.get(
        upstream,
        "/v1/profiles",
        configured=configured,
        caller=relay.subject_headers(account),
    )


@router.get("/{profile_id}", summary="One of the account's profiles")
async def get_profile(
    profile_id: UUID,
    account: CurrentUser,
    upstream: RecommendDep,
    configured: Configured,
) -> Response:
    return await relay.get(
        upstream,
        f"/v1/profiles/{profile_id}",
        configured=configured,
        caller=relay.subject_headers(account),
    )


@router.patch("/{profile_id}", summary="Change a profile; only given fields change")
async def update_profile(
    profile_id: UUID,
    body: JsonObject,
    account: CurrentUser,
    _csrf: CsrfProtected,
    _small: SmallBody,
    upstream: RecommendDep,
    configured: Configured,
) -> Response:
    return await relay.send(
        upstream,
        "PATCH",
        f"/v1/profiles/{profile_id}",
        configured=configured,
        caller=relay.subject_headers(account),
        body=body,
    )


@router.delete("/{profile_id}", summary="Delete a profile", status_code=204)
async def delete_profile(
    profile_id: UUID,
    account: CurrentUser,
    _csrf: CsrfProtected,
    upstream: RecommendDep,
    configured: Configured,
) -> Response:
    return await relay.send(
        upstream,
        "DELETE",
        f"/v1/profiles/{profile_id}",
        configured=configured,
        caller=relay.subject_headers(account),
        body=None,
    )


@router.get(
    "/{profile_id}/recommendations",
    summary="Ranked items of a kind, each with its reasons",
)
async def recommendations(
    profile_id: UUID,
    account: CurrentUser,
    _limited: RateLimited,
    upstream: RecommendDep,
    configured: Configured,
    kind: Annotated[ItemKind, Query(description="job, training, program or policy")],
    size: Annotated[int, Query(ge=1, le=100)] = 20,
    strict_districts: bool = False,
    strategy: Literal["hybrid", "keyword"] = "hybrid",
) -> Response:
    params = [
        ("kind", kind.value),
        ("size", str(size)),
        ("strict_districts", "true" if strict_districts else "false"),
        ("strategy", strategy),
    ]
    return await relay.get(
        upstream,
        f"/v1/profiles/{profile_id}/recommendations",
        configured=configured,
        caller=relay.subject_headers(account),
        params=params,
    )


@router.get(
    "/{profile_id}/feedback",
    summary="The items saved, dismissed or applied to, newest first",
)
async def list_feedback(
    profile_id: UUID,
    account: CurrentUser,
    upstream: RecommendDep,
    configured: Configured,
) -> Response:
    return await relay.get(
        upstream,
        f"/v1/profiles/{profile_id}/feedback",
        configured=configured,
        caller=relay.subject_headers(account),
    )


@router.post(
    "/{profile_id}/feedback",
    summary="Say whether a recommendation fitted",
    status_code=201,
)
async def recommendation_feedback(
    profile_id: UUID,
    body: JsonObject,
    account: CurrentUser,
    _csrf: CsrfProtected,
    _small: SmallBody,
    upstream: RecommendDep,
    configured: Configured,
) -> Response:
    return await relay.send(
        upstream,
        "POST",
        f"/v1/profiles/{profile_id}/feedback",
        configured=configured,
        caller=relay.subject_headers(account),
        body=body,
    )


@router.delete(
    "/{profile_id}/feedback/{item_key}",
    summary="Take back a save, a dismissal or an application mark",
    status_code=204,
)
async def forget_feedback(
    profile_id: UUID,
    item_key: Annotated[str, Path(pattern=ITEM_KEY_PATTERN, description="the item")],
    account: CurrentUser,
    _csrf: CsrfProtected,
    upstream: RecommendDep,
    configured: Configured,
) -> Response:
    return await relay.send(
        upstream,
        "DELETE",
        f"/v1/profiles/{profile_id}/feedback/{quote(item_key, safe=':')}",
        configured=configured,
        caller=relay.subject_headers(account),
        body=None,
    )
