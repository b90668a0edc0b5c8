"""The page's profile forms (내 프로필) and recommendations (추천): forms that work
without scripts, posted with the CSRF token, relayed to the recommend service as
the signed-in account."""

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

router = APIRouter(include_in_schema=False)

# Outcomes a redirect may announce; anything else in ``?done=`` is ignored.
DONE = frozenset({"created", "updated", "deleted"})
RECOMMENDATIONS_SHOWN = 20


def _profile_id(raw: str) -> str | None:
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        return None


def _not_found(request: Request, account: Account) -> HTMLResponse:
    t = Translator(language_of(request))
    return problem_page(
        request, t("profile.not_found"), status_code=404, account=account
    )


def _failed(request: Request, account: Account, exc: GatewayError) -> HTMLResponse:
    message = spoken(request, exc.problem.detail)
    return problem_page(request, message, status_code=exc.status_code, account=account)


async def own_profiles(request: Request, account: Account) -> list[dict[str, Any]]:
    """The account's profiles; raises ``GatewayError`` when they cannot be read."""
    reply = await recommend_get(request, account, "/v1/profiles")
    if reply.status != 200 or not isinstance(reply.body, list):
        raise GatewayError(detail_of(reply), status_code=reply.status)
    return reply.body


@router.get("/profile", response_class=HTMLResponse)
async def profiles_page(request: Request, _limited: RateLimited) -> Response:
    account = await visitor(request)
    if not isinstance(account, Account):
        return account
    try:
        profiles = await own_profiles(request, account)
    except GatewayError as exc:
        return _failed(request, account, exc)
    done = request.query_params.get("done")
    context = {"profiles": profiles, "done": done if done in DONE else None}
    return render(request, "profiles.html", context, account=account)


def _form_page(
    request: Request,
    account: Account,
    *,
    audience: str,
    values: dict[str, Any],
    problems: list[Problem],
    profile_id: str | None = None,
) -> HTMLResponse:
    t = Translator(language_of(request))
    errors: dict[str, str] = {}
    for problem in problems:
        errors.setdefault(problem.field, problem.message(t))
    context = {
        "audience": audience,
        "form": values,
        "problems": [(p.field, p.message(t)) for p in problems],
        "errors": errors,
        "profile_id": profile_id,
        "choices": profile_form,
    }
    status_code = 400 if problems else 200
    return render(
        request,
        "profile_form.html",
        context,
        status_code=status_code,
        account=account,
    )


@router.get("/profile/new", response_class=HTMLResponse)
async def new_profile_page(request: Request, _limited: RateLimited) -> Response:
    account = await visitor(request)
    if not isinstance(account, Account):
        return account
    audience = request.query_params.get("audience", "individual")
    if audience not in profile_form.AUDIENCES:
        audience = "individual"
    return _form_page(request, account, audience=audience, values={}, problems=[])


@router.post("/profile/new", response_class=HTMLResponse)
async def create_profile_form(
    request: Request, _csrf: CsrfProtected, _limited: RateLimited
) -> Response:
    account = await visitor(request)
    if not isinstance(account, Account):
        return account
    posted = [(k, str(v)) for k, v in (await request.form()).multi_items()]
    audience = next((v for k, v in posted if k == "audience"), "individual")
    values = profile_form.posted_values(posted)
    body, problems = profile_form.read_profile(audience, posted)
    if problems:
        return _form_page(
            request, account, audience=audience, values=values, problems=problems
        )

    try:
        reply = await recommend_send(
            request, account, "POST", "/v1/profiles", body=body
        )
    except GatewayError as exc:
        problems = [Problem("request", text=exc.problem.detail)]
    else:
        if reply.status == 201:
            return RedirectResponse("/profile?done=created", status_code=303)
        problems = profile_form.service_problems(reply.body)
    return _form_page(
        request, account, audience=audience, values=values, problems=problems
    )


async def _stored(
    request: Request, account: Account, raw_id: str
) -> dict[str, Any] | Response:
    profile_id = _profile_id(raw_id)
    if profile_id is None:
        return _not_found(request, account)
    try:
        reply = await recommend_get(request, account, f"/v1/profiles/{profile_id}")
    except GatewayError as exc:
        return _failed(request, account, exc)
    if reply.status == 404:
        return _not_found(request, account)
    if reply.status != 200 or not isinstance(reply.body, dict):
        return problem_page(
            request,
            spoken(request, detail_of(reply)),
            status_code=reply.status,
            account=account,
        )
    return reply.body


@router.get("/profile/{raw_id}/edit", response_class=HTMLResponse)
async def edit_profile_page(
    raw_id: str, request: Request, _limited: RateLimited
) -> Response:
    account = await visitor(request)
    if not isinstance(account, Account):
        return account
    profile = await _stored(request, account, raw_id)
    if isinstance(profile, Response):
        return profile
    return _form_page(
        request,
        account,
        audience=profile["audience"],
        values=profile_form.form_values(profile),
        problems=[],
        profile_id=profile["id"],
    )


@router.post("/profile/{raw_id}/edit", response_class=HTMLResponse)
async def update_profile_form(
    raw_id: str, request: Request, _csrf: CsrfProtected, _limited: RateLimited
) -> Response:
    account = await visitor(request)
    if not isinstance(account, Account):
        return account
    profile = await _stored(request, account, raw_id)
    if isinstance(profile, Response):
        return profile
    # The audience stays what it was (the API does not change it); the form's own
    # hidden field is not trusted for it.
    audience, profile_id = profile["audience"], profile["id"]
    posted = [(k, str(v)) for k, v in (await request.form()).multi_items()]
    values = profile_form.posted_values(posted) | {"audience": audience}
    body, problems = profile_form.read_profile(audience, posted)
    if problems:
        return _form_page(
            request,
            account,
            audience=audience,
            values=values,
            problems=problems,
            profile_id=profile_id,
        )

    body.pop("audience")
    path = f"/v1/profiles/{profile_id}"
    try:
        reply = await recommend_send(request, account, "PATCH", path, body=body)
    except GatewayError as exc:
        problems = [Problem("request", text=exc.problem.detail)]
    else:
        if reply.status == 200:
            return RedirectResponse("/profile?done=updated", status_code=303)
        problems = profile_form.service_problems(reply.body)
    return _form_page(
        request,
        account,
        audience=audience,
        values=values,
        problems=problems,
        profile_id=profile_id,
    )


@router.get("/profile/{raw_id}/delete", response_class=HTMLResponse)
async def delete_profile_page(
    raw_id: str, request: Request, _limited: RateLimited
) -> Response:
    """Asks before erasing: the profile, its feedback and its digests go for good."""
    account = await visitor(request)
    if not isinstance(account, Account):
        return account
    profile = await _stored(request, account, raw_id)
    if isinstance(profile, Response):
        return profile
    context = {"profile": profile}
    return render(request, "profile_delete.html", context, account=account)


@router.post("/profile/{raw_id}/delete", response_class=HTMLResponse)
async def delete_profile_form(
    raw_id: str, request: Request, _csrf: CsrfProtected, _limited: RateLimited
) -> Response:
    account = await visitor(request)
    if not isinstance(account, Account):
        return account
    profile_id = _profile_id(raw_id)
    if profile_id is None:
        return _not_found(request, account)
    try:
        reply = await recommend_send(
            request, account, "DELETE", f"/v1/profiles/{profile_id}", body=None
        )
    except GatewayError as exc:
        return _failed(request, account, exc)
    if reply.status == 404:
        return _not_found(request, account)
    if reply.status != 204:
        message = spoken(request, detail_of(reply))
        return problem_page(request, message, status_code=reply.status, account=account)
    return RedirectResponse("/profile?done=deleted", status_code=303)


@router.get("/recommendations", response_class=HTMLResponse)
async def recommendations_page(request: Request, _limited: RateLimited) -> Response:
    account = await visitor(request)
    if not isinstance(account, Account):
        return account
    try:
        profiles = await own_profiles(request, account)
    except GatewayError as exc:
        return _failed(request, account, exc)
    kind = request.query_params.get("kind", "job")
    kind = kind if kind in KINDS else "job"
    wanted = request.query_params.get("profile")
    chosen = next((p for p in profiles if p["id"] == wanted), None)
    chosen = chosen or (profiles[0] if profiles else None)
    only_preferred = request.query_params.get("only_preferred") == "on"
    context: dict[str, Any] = {
        "profiles": profiles,
        "chosen": chosen,
        "kind": kind,
        "kinds": KINDS,
        "only_preferred": only_preferred,
        "result": None,
        "error": None,
    }
    if chosen is None:
        return render(request, "recommendations.html", context, account=account)

    params = [
        ("kind", kind),
        ("size", str(RECOMMENDATIONS_SHOWN)),
        ("strict_districts", "true" if only_preferred else "false"),
    ]
    path = f"/v1/profiles/{chosen['id']}/recommendations"
    status_code = 200
    try:
        reply = await recommend_get(request, account, path, params=params)
    except GatewayError as exc:
        context["error"] = spoken(request, exc.problem.detail)
        status_code = exc.status_code
    else:
        if reply.status == 200:
            context["result"] = reply.body
        else:
            context["error"] = spoken(request, detail_of(reply))
            status_code = reply.status
    return render(
        request,
        "recommendations.html",
        context,
        status_code=status_code,
        account=account,
    )
