"""``/api/v1/subscriptions``, ``/subscriptions/confirm`` and ``/unsubscribe``.

Subscriptions belong to the signed-in account and are relayed to the recommend
service. The two links in the e-mails are public: their signed token is the
authority, so they need no session and no CSRF token (RFC 8058's one-click
unsubscribe is a POST that a mail client sends without any cookie). Opening a
link changes nothing, since mail scanners open every link by themselves: it shows
a page with one button, whose POST confirms or unsubscribes. A browser gets a
page of the gateway's own; any other client gets the service's JSON.
"""

from typing import Annotated, Any
from urllib.parse import quote
from uuid import UUID

import orjson
from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import Response

from ilteo_gateway.accounts.sessions import CurrentUser
from ilteo_gateway.deps import RateLimited, RecommendDep
from ilteo_gateway.errors import PROBLEM_RESPONSES, Problem
from ilteo_gateway.security.csrf import CsrfProtected
from ilteo_gateway.upstream import relay
from ilteo_gateway.web.rendering import page

router = APIRouter(
    prefix="/api/v1", tags=["subscriptions"], responses=PROBLEM_RESPONSES
)

JsonObject = Annotated[dict[str, Any], Body(description="see the recommend API")]
Token = Annotated[
    str,
    Query(min_length=1, max_length=400, description="the signed token of the link"),
]
CONFIRM_RESPONSES: dict[int | str, dict[str, Any]] = {
    410: {"model": Problem, "description": "the confirmation link expired"},
}


def _configured(request: Request) -> bool:
    return request.app.state.settings.recommend_service_token is not None


Configured = Annotated[bool, Depends(_configured)]


@router.post(
    "/subscriptions", summary="Subscribe a profile to digests", status_code=201
)
async def create_subscription(
    body: JsonObject,
    account: CurrentUser,
    _csrf: CsrfProtected,
    _limited: RateLimited,
    upstream: RecommendDep,
    configured: Configured,
) -> Response:
    return await relay.send(
        upstream,
        "POST",
        "/v1/subscriptions",
        configured=configured,
        caller=relay.subject_headers(account),
        body=body,
    )


@router.get("/subscriptions", summary="The signed-in account's subscriptions")
async def list_subscriptions(
    account: CurrentUser, upstream: RecommendDep, configured: Configured
) -> Response:
    return await relay.get(
        upstream,
        "/v1/subscriptions",
        configured=configured,
        caller=relay.subject_headers(account),
    )


@router.get(
    "/subscriptions/confirm",
    summary="The confirmation link of the e-mail: a page with one button",
    responses=CONFIRM_RESPONSES,
)
async def confirm_page(
    request: Request,
    token: Token,
    _limited: RateLimited,
    upstream: RecommendDep,
    configured: Configured,
) -> Response:
    # Mail scanners open links by themselves, so opening one gives no consent.
    answer = await relay.get(
        upstream,
        "/v1/subscriptions/confirm",
        configured=configured,
        params=[("token", token)],
    )
    if answer.status_code == 200 and _wants_html(request):
        return page(request, "confirm.html", {"token": token})
    return _for_browsers(request, answer, title="link.failed")


@router.post(
    "/subscriptions/confirm",
    summary="Confirm a subscription (double opt-in)",
    responses=CONFIRM_RESPONSES,
)
async def confirm(
    request: Request,
    token: Token,
    _limited: RateLimited,
    upstream: RecommendDep,
    configured: Configured,
) -> Response:
    answer = await relay.send(
        upstream,
        "POST",
        f"/v1/subscriptions/confirm?token={_quoted(token)}",
        configured=configured,
        caller={},
        body=None,
    )
    return _for_browsers(request, answer, title="link.confirmed")


@router.get("/subscriptions/{subscription_id}", summary="One subscription")
async def get_subscription(
    subscription_id: UUID,
    account: CurrentUser,
    upstream: RecommendDep,
    configured: Configured,
) -> Response:
    return await relay.get(
        upstream,
        f"/v1/subscriptions/{subscription_id}",
        configured=configured,
        caller=relay.subject_headers(account),
    )


@router.patch("/subscriptions/{subscription_id}", summary="Change a subscription")
async def update_subscription(
    subscription_id: UUID,
    body: JsonObject,
    account: CurrentUser,
    _csrf: CsrfProtected,
    upstream: RecommendDep,
    configured: Configured,
) -> Response:
    return await relay.send(
        upstream,
        "PATCH",
        f"/v1/subscriptions/{subscription_id}",
        configured=configured,
        caller=relay.subject_headers(account),
        body=body,
    )


@router.get("/unsubscribe", summary="The unsubscribe link: a page with one button")
async def unsubscribe_page(
    request: Request,
    token: Token,
    _limited: RateLimited,
    upstream: RecommendDep,
    configured: Configured,
) -> Response:
    # Mail scanners open links by themselves, so opening one changes nothing.
    answer = await relay.get(
        upstream, "/v1/unsubscribe", configured=configured, params=[("token", token)]
    )
    if answer.status_code == 200 and _wants_html(request):
        return page(request, "unsubscribe.html", {"token": token})
    return _for_browsers(request, answer, title="link.failed")


@router.post("/unsubscribe", summary="Unsubscribe (RFC 8058 one-click)")
async def unsubscribe(
    request: Request,
    token: Token,
    _limited: RateLimited,
    upstream: RecommendDep,
    configured: Configured,
) -> Response:
    answer = await relay.send(
        upstream,
        "POST",
        f"/v1/unsubscribe?token={_quoted(token)}",
        configured=configured,
        caller={},
        body=None,
    )
    return _for_browsers(request, answer, title="link.unsubscribed")


def _quoted(token: str) -> str:
    return quote(token, safe="")


def _wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("Accept", "")


def _for_browsers(request: Request, answer: Response, *, title: str) -> Response:
    if not _wants_html(request):
        return answer
    detail = orjson.loads(bytes(answer.body)).get("detail", "")
    key = title if answer.status_code == 200 else "link.failed"
    context = {"title_key": key, "detail": detail}
    return page(request, "link.html", context, status_code=answer.status_code)
