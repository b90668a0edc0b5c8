"""What the signed-in pages share: who may see them, a page for a problem, and
calls to the recommend service on behalf of the visitor."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import orjson
from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ilteo_gateway.accounts.schemas import Account, Role
from ilteo_gateway.errors import GatewayError
from ilteo_gateway.upstream import Upstream, relay
from ilteo_gateway.web.i18n import Translator, language_of
from ilteo_gateway.web.profile_form import in_language, title_of
from ilteo_gateway.web.rendering import page, signed_in
from ilteo_gateway.web.view import SEOUL

# Kinds of recommendations and digests, in the order the page shows them.
KINDS = ("job", "training", "program", "policy")


def local_time(value: str | datetime | None) -> str:
    """A time as people in Incheon read it: ``2026-12-03 14:05`` (KST)."""
    if not value:
        return ""
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    except ValueError:
        return str(value)
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.astimezone(SEOUL).strftime("%Y-%m-%d %H:%M")


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    status_code: int = 200,
    account: Account | None = None,
) -> HTMLResponse:
    """:func:`page` with the helpers these pages' templates use."""
    t = Translator(language_of(request))
    helpers = {
        "profile_title": lambda profile: title_of(profile, t),
        "local_time": local_time,
    }
    return page(
        request,
        template,
        helpers | context,
        status_code=status_code,
        account=account,
    )


def problem_page(
    request: Request,
    message: str,
    *,
    status_code: int,
    account: Account | None = None,
    title_key: str = "error.heading",
) -> HTMLResponse:
    context = {"message": message, "title_key": title_key}
    return render(
        request, "problem.html", context, status_code=status_code, account=account
    )


async def visitor(request: Request, *, role: Role | None = None) -> Account | Response:
    """The signed-in account, or the answer to give instead: sign in first (303),
    a refusal (403) for another role, or 503 when sessions cannot be read."""
    try:
        account = await signed_in(request, fail_closed=True)
    except GatewayError as exc:
        return problem_page(
            request, spoken(request, exc.problem.detail), status_code=exc.status_code
        )
    if account is None:
        return RedirectResponse("/signin", status_code=303)
    if role is not None and account.role is not role:
        return problem_page(
            request,
            "",
            status_code=403,
            account=account,
            title_key="page.forbidden",
        )
    return account


def spoken(request: Request, text: str) -> str:
    """A "한국어 / English" message in the visitor's language."""
    return in_language(text, language_of(request))


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    body: Any


def _recommend(request: Request) -> tuple[Upstream, bool]:
    upstream: Upstream = request.app.state.upstreams["recommend"]
    configured = request.app.state.settings.recommend_service_token is not None
    return upstream, configured


async def recommend_get(
    request: Request,
    account: Account,
    path: str,
    *,
    params: list[tuple[str, str]] | None = None,
) -> Reply:
    """GET from the recommend service as ``account``; raises ``GatewayError``."""
    upstream, configured = _recommend(request)
    answer = await relay.get(
        upstream,
        path,
        configured=configured,
        caller=relay.subject_headers(account),
        params=params,
    )
    return _reply(answer)


async def recommend_send(
    request: Request, account: Account, method: str, path: str, *, body: Any
) -> Reply:
    """POST, PATCH or DELETE to the recommend service as ``account``."""
    upstream, configured = _recommend(request)
    answer = await relay.send(
        upstream,
        method,
        path,
        configured=configured,
        caller=relay.subject_headers(account),
        body=body,
    )
    return _reply(answer)


def _reply(answer: Response) -> Reply:
    raw = bytes(answer.body)
    return Reply(answer.status_code, orjson.loads(raw) if raw else None)


def detail_of(reply: Reply) -> str:
    body = reply.body
    if isinstance(body, dict) and isinstance(body.get("detail"), str):
        return body["detail"]
    return ""
