"""The page's digest e-mail forms (추천 메일): subscribe a profile, see and change
one's subscriptions. Subscribing is double opt-in: nothing is sent before the
link in the confirmation mail is opened, which the page says plainly."""

import re
import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ilteo_gateway.accounts.schemas import Account
from ilteo_gateway.deps import RateLimited
from ilteo_gateway.errors import GatewayError
from ilteo_gateway.security.csrf import CsrfProtected
from ilteo_gateway.web import profile_form
from ilteo_gateway.web.i18n import Translator, language_of
from ilteo_gateway.web.page_kit import (
    KINDS,
    detail_of,
    problem_page,
    recommend_get,
    recommend_send,
    render,
    spoken,
    visitor,
)
from ilteo_gateway.web.profile_form import Problem
from ilteo_gateway.web.profile_pages import own_profiles

router = APIRouter(include_in_schema=False)

PERIODS = ("daily", "weekly")
DONE = frozenset({"sent", "changed", "resent"})
# A first check only; the recommend service checks the address fully (RFC 5321).
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
MAX_EMAIL_CHARS = 254


def _read(
    posted: list[tuple[str, str]], *, email_required: bool
) -> tuple[dict[str, Any], list[Problem]]:
    """The subscription fields of a posted form, and what is wrong with them."""
    values: dict[str, Any] = {"kinds": []}
    for name, value in posted:
        if name == "kinds":
            values["kinds"].append(value)
        elif name in ("email", "period", "profile_id"):
            values[name] = value.strip()
    problems = []
    email = values.get("email", "")
    if email or email_required:
        if not email:
            problems.append(Problem("email", "form.required"))
        elif len(email) > MAX_EMAIL_CHARS or not EMAIL.match(email):
            problems.append(Problem("email", "digest.email_invalid"))
    if values.get("period") not in PERIODS:
        problems.append(Problem("period", "form.choose"))
    kinds = list(dict.fromkeys(values["kinds"]))
    if not kinds or any(kind not in KINDS for kind in kinds):
        problems.append(Problem("kinds", "digest.kinds_needed"))
    values["kinds"] = kinds
    return values, problems


async def _subscriptions(request: Request, account: Account) -> list[dict[str, Any]]:
    reply = await recommend_get(request, account, "/v1/subscriptions")
    if reply.status != 200 or not isinstance(reply.body, list):
        raise GatewayError(detail_of(reply), status_code=reply.status)
    return reply.body


async def _digests_page(
    request: Request,
    account: Account,
    *,
    form: dict[str, Any] | None = None,
    problems: list[Problem] | None = None,
    editing: str | None = None,
) -> Response:
    try:
        profiles = await own_profiles(request, account)
        subscriptions = await _subscriptions(request, account)
    except GatewayError as exc:
        message = spoken(request, exc.problem.detail)
        return problem_page(
            request, message, status_code=exc.status_code, account=account
        )
    t = Translator(language_of(request))
    problems = problems or []
    titles = {p["id"]: profile_form.title_of(p, t) for p in profiles}
    errors = {p.field: p.message(t) for p in reversed(problems)}
    done = request.query_params.get("done")
    context = {
        "profiles": profiles,
        "titles": titles,
        "subscriptions": subscriptions,
        "form": form or {"period": "weekly", "kinds": ["job"]},
        "problems": [(p.field, p.message(t)) for p in problems],
        "errors": {} if editing else errors,
        "edit_errors": errors if editing else {},
        "editing": editing,
        "kinds": KINDS,
        "periods": PERIODS,
        "done": done if done in DONE else None,
    }
    return render(
        request,
        "digests.html",
        context,
        status_code=400 if problems else 200,
        account=account,
    )


@router.get("/digests", response_class=HTMLResponse)
async def digests_page(request: Request, _limited: RateLimited) -> Response:
    account = await visitor(request)
    if not isinstance(account, Account):
        return account
    return await _digests_page(request, account)


@router.post("/digests", response_class=HTMLResponse)
async def subscribe_form(
    request: Request, _csrf: CsrfProtected, _limited: RateLimited
) -> Response:
    account = await visitor(request)
    if not isinstance(account, Account):
        return account
    posted = [(k, str(v)) for k, v in (await request.form()).multi_items()]
    values, problems = _read(posted, email_required=True)
    if not _profile_id(values.get("profile_id", "")):
        problems.insert(0, Problem("profile_id", "form.choose"))
    if problems:
        return await _digests_page(request, account, form=values, problems=problems)

    body = {
        "profile_id": values["profile_id"],
        "email": values["email"],
        "period": values["period"],
        "kinds": values["kinds"],
    }
    try:
        reply = await recommend_send(
            request, account, "POST", "/v1/subscriptions", body=body
        )
    except GatewayError as exc:
        problems = [Problem("request", text=exc.problem.detail)]
    else:
        if reply.status == 201:
            return RedirectResponse("/digests?done=sent", status_code=303)
        problems = _service_problems(reply.body, field="profile_id")
    return await _digests_page(request, account, form=values, problems=problems)


@router.post("/digests/{raw_id}", response_class=HTMLResponse)
async def change_subscription_form(
    raw_id: str, request: Request, _csrf: CsrfProtected, _limited: RateLimited
) -> Response:
    account = await visitor(request)
    if not isinstance(account, Account):
        return account
    subscription_id = _profile_id(raw_id)
    if subscription_id is None:
        t = Translator(language_of(request))
        return problem_page(
            request, t("digest.not_found"), status_code=404, account=account
        )
    posted = [(k, str(v)) for k, v in (await request.form()).multi_items()]
    values, problems = _read(posted, email_required=False)
    if problems:
        return await _digests_page(
            request, account, problems=problems, editing=subscription_id
        )

    body = {"period": values["period"], "kinds": values["kinds"]}
    if values.get("email"):
        body["email"] = values["email"]
    path = f"/v1/subscriptions/{subscription_id}"
    try:
        reply = await recommend_send(request, account, "PATCH", path, body=body)
    except GatewayError as exc:
        problems = [Problem("request", text=exc.problem.detail)]
    else:
        if reply.status == 200:
            pending = reply.body.get("status") == "pending" and "email" in body
            done = "resent" if pending else "changed"
            return RedirectResponse(f"/digests?done={done}", status_code=303)
        problems = _service_problems(reply.body, field="request")
    return await _digests_page(
        request, account, problems=problems, editing=subscription_id
    )


def _profile_id(raw: str) -> str | None:
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        return None


def _service_problems(body: Any, *, field: str) -> list[Problem]:
    """Field errors of the service; a conflict (409) or not-found names ``field``."""
    problems = profile_form.service_problems(body)
    return [
        Problem(field, text=p.text) if p.field == "request" else p for p in problems
    ]
