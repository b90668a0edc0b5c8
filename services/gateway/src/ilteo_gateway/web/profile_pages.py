"""The page's profile forms (내 프로필) and recommendations (추천) with their 관심 저장
and 추천 제외 buttons: forms that work without scripts, posted with the CSRF token,
relayed to the recommend service as the signed-in account."""

import re
import uuid
from typing import Any
from urllib.parse import quote, urlencode

import orjson
import structlog
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from ilteo_gateway.accounts.schemas import Account
from ilteo_gateway.deps import RateLimited
from ilteo_gateway.errors import GatewayError
from ilteo_gateway.public.cache import ResponseCache
from ilteo_gateway.public.schemas import ITEM_KEY_PATTERN
from ilteo_gateway.public.service import read
from ilteo_gateway.security.csrf import CsrfProtected
from ilteo_gateway.web import profile_form
from ilteo_gateway.web.i18n import Translator, language_of
from ilteo_gateway.web.page_kit import (
    KINDS,
    Reply,
    detail_of,
    problem_page,
    recommend_get,
    recommend_send,
    render,
    spoken,
    visitor,
)
from ilteo_gateway.web.profile_form import Problem, service_problems

log = structlog.get_logger(__name__)
router = APIRouter(include_in_schema=False)

# Outcomes a redirect may announce; anything else in ``?done=`` is ignored.
DONE = frozenset({"created", "updated", "deleted"})
RECOMMENDATIONS_SHOWN = 20
# The recommendations page's buttons and the outcome each announces. The API also
# takes "applied" (지원함), which the page never sends. The last two take back
# what was said about the item (``DELETE /profiles/{id}/feedback/{key}``).
FEEDBACK_DONE = {
    "save": "saved",
    "dismiss": "dismissed",
    "unsave": "unsaved",
    "undismiss": "restored",
}
TAKE_BACK = frozenset({"unsave", "undismiss"})
ITEM_KEY = re.compile(ITEM_KEY_PATTERN)


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


def _kind_of(raw: object) -> str:
    return raw if isinstance(raw, str) and raw in KINDS else "job"


def _recommendations_url(
    profile_id: str, *, kind: str, only_preferred: bool, done: tuple[str, str]
) -> str:
    """The recommendations of one profile and kind, announcing ``done``: the
    outcome and the item's key."""
    params = [("profile", profile_id), ("kind", kind)]
    if only_preferred:
        params.append(("only_preferred", "on"))
    params += [("done", done[0]), ("item", done[1])]
    return "/recommendations?" + urlencode(params)


async def _saved_keys(request: Request, account: Account, profile_id: str) -> set[str]:
    """The keys of the items this profile saved; none when they cannot be read,
    since the marks are a help and the list is what matters."""
    path = f"/v1/profiles/{profile_id}/feedback"
    try:
        reply = await recommend_get(request, account, path)
    except GatewayError as exc:
        log.info("recommendations.no_feedback", reason=exc.problem.detail)
        return set()
    if reply.status != 200 or not isinstance(reply.body, list):
        return set()
    return {f["item_key"] for f in reply.body if f.get("action") == "save"}


async def _item_title(request: Request, key: str) -> str | None:
    """An item's title from its details, read through the item pages' cache: a
    dismissed item has left the list, so its title is no longer on the page."""
    try:
        answer = await read(
            upstream=request.app.state.upstreams["search"],
            cache=ResponseCache(request.app.state.redis),
            path="/v1/items/" + quote(key, safe=":"),
            query=None,
            ttl_s=request.app.state.settings.cache_ttl_s,
        )
    except GatewayError:
        return None
    if answer.status != 200:
        return None
    title = orjson.loads(answer.body).get("title")
    return title if isinstance(title, str) and title else None


async def _announced(
    request: Request, items: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """What a button's redirect announces (``?done=&item=``): the outcome and the
    title of the item, which comes from the list or the item's details, never
    from the address, so a link cannot make the page say anything else."""
    done = request.query_params.get("done")
    key = request.query_params.get("item", "")
    if done not in FEEDBACK_DONE.values():
        return None
    if not ITEM_KEY.fullmatch(key):
        return {"done": done, "title": None, "key": None}
    title = next((i.get("title") for i in items if i.get("key") == key), None)
    title = title or await _item_title(request, key)
    return {"done": done, "title": title, "key": key}


@router.get("/recommendations", response_class=HTMLResponse)
async def recommendations_page(request: Request, _limited: RateLimited) -> Response:
    account = await visitor(request)
    if not isinstance(account, Account):
        return account
    try:
        profiles = await own_profiles(request, account)
    except GatewayError as exc:
        return _failed(request, account, exc)
    kind = _kind_of(request.query_params.get("kind"))
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
        "saved": set(),
        "announced": None,
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
            context["saved"] = await _saved_keys(request, account, chosen["id"])
            items = reply.body.get("items") or []
            context["announced"] = await _announced(request, items)
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


def _posted(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def _feedback_refused(request: Request, account: Account, reply: Reply) -> HTMLResponse:
    """The recommend service's refusal, by its field error when it names one (an
    unknown item: "그런 항목이 없습니다")."""
    t = Translator(language_of(request))
    problems = service_problems(reply.body)
    message = problems[0].message(t) if problems else ""
    return problem_page(request, message, status_code=reply.status, account=account)


@router.post("/recommendations/{raw_id}/feedback", response_class=HTMLResponse)
async def recommendation_feedback_form(
    raw_id: str, request: Request, _csrf: CsrfProtected, _limited: RateLimited
) -> Response:
    """관심 저장 or 추천 제외 on one recommended item, or the undoing of either,
    relayed as the API's ``POST /profiles/{id}/feedback`` and ``DELETE
    /profiles/{id}/feedback/{key}`` are; then back to the same list (303)."""
    account = await visitor(request)
    if not isinstance(account, Account):
        return account
    profile_id = _profile_id(raw_id)
    if profile_id is None:
        return _not_found(request, account)
    form = await request.form()
    action, item_key = _posted(form, "action"), _posted(form, "item_key")
    t = Translator(language_of(request))
    if action not in FEEDBACK_DONE:
        message = t("rec.feedback_unknown_action")
        return problem_page(request, message, status_code=400, account=account)
    if not ITEM_KEY.fullmatch(item_key):
        message = t("rec.feedback_unknown_item")
        return problem_page(request, message, status_code=400, account=account)

    path = f"/v1/profiles/{profile_id}/feedback"
    try:
        if action in TAKE_BACK:
            path += "/" + quote(item_key, safe=":")
            reply = await recommend_send(request, account, "DELETE", path, body=None)
        else:
            body = {"item_key": item_key, "action": action}
            reply = await recommend_send(request, account, "POST", path, body=body)
    except GatewayError as exc:
        return _failed(request, account, exc)
    if reply.status == 404:
        return _not_found(request, account)
    if reply.status not in (201, 204):
        return _feedback_refused(request, account, reply)
    back = _recommendations_url(
        profile_id,
        kind=_kind_of(form.get("kind")),
        only_preferred=_posted(form, "only_preferred") == "on",
        done=(FEEDBACK_DONE[action], item_key),
    )
    return RedirectResponse(back, status_code=303)
