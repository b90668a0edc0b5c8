"""The page's forms for accounts and employers: sign in, sign up, sign out, and an
employer's own postings (list, publish, close). They work without scripts."""

import contextlib
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from ilteo_gateway.accounts import service as accounts_service
from ilteo_gateway.accounts.schemas import AccountCreate, Login, Role
from ilteo_gateway.accounts.sessions import AccountsDep, SessionCookie, SessionsDep
from ilteo_gateway.deps import IngestDep, LimiterDep, SettingsDep, client_key
from ilteo_gateway.employer import service as postings_service
from ilteo_gateway.employer.repository import PostingRepository
from ilteo_gateway.employer.schemas import DISTRICT_IDS, PostingCreate
from ilteo_gateway.errors import GatewayError, explain
from ilteo_gateway.redis_store import RedisDown
from ilteo_gateway.security.csrf import CsrfProtected
from ilteo_gateway.security.ratelimit import Limit
from ilteo_gateway.web.rendering import page, signed_in

router = APIRouter(include_in_schema=False)

FormText = Annotated[str, Form(max_length=20_000)]


def _first_problem(exc: ValidationError) -> str:
    error = exc.errors()[0]
    field = ".".join(str(part) for part in error["loc"]) or "request"
    return explain(dict(error), field=field)


def _local(to: str | None) -> str:
    """Where to go after signing in: a path on this site, never another site."""
    if not to or not to.startswith("/") or to.startswith("//"):
        return "/"
    # Browsers drop tabs and line breaks from addresses: "/\t/x" would be "//x".
    if "\\" in to or not to.isprintable() or any(c.isspace() for c in to):
        return "/"
    return to


def _signed_in_response(request: Request, session_id: str, to: str) -> Response:
    response = RedirectResponse(to, status_code=303)
    cookie: SessionCookie = request.app.state.session_cookie
    cookie.set(request, response, session_id)
    return response


async def _sign_in(
    request: Request,
    *,
    email: str,
    password: str,
    accounts: AccountsDep,
    sessions: SessionsDep,
    limiter: LimiterDep,
    settings: SettingsDep,
) -> str:
    window = settings.login_limit_window_s
    _account, session_id = await accounts_service.sign_in(
        accounts=accounts,
        sessions=sessions,
        limiter=limiter,
        limits=(
            Limit("login-account", settings.login_limit_per_account, window),
            Limit("login-client", settings.login_limit_per_client, window),
        ),
        client=client_key(request),
        data=Login(email=email or "?", password=password or "?"),
    )
    return session_id


@router.get("/signin", response_class=HTMLResponse)
async def signin_page(request: Request) -> Response:
    back = _local(request.query_params.get("next"))
    return page(request, "signin.html", {"error": None, "email": "", "next": back})


@router.post("/signin", response_class=HTMLResponse)
async def signin_form(
    request: Request,
    _csrf: CsrfProtected,
    email: Annotated[str, Form(max_length=254)],
    password: Annotated[str, Form(max_length=256)],
    accounts: AccountsDep,
    sessions: SessionsDep,
    limiter: LimiterDep,
    settings: SettingsDep,
    next_path: Annotated[str, Form(alias="next", max_length=2000)] = "/",
) -> Response:
    back = _local(next_path)
    try:
        session_id = await _sign_in(
            request,
            email=email,
            password=password,
            accounts=accounts,
            sessions=sessions,
            limiter=limiter,
            settings=settings,
        )
    except GatewayError as exc:
        context = {"error": exc.problem.detail, "email": email, "next": back}
        return page(request, "signin.html", context, status_code=exc.status_code)
    except ValidationError as exc:
        context = {"error": _first_problem(exc), "email": email, "next": back}
        return page(request, "signin.html", context, status_code=400)
    return _signed_in_response(request, session_id, back)


@router.get("/signup", response_class=HTMLResponse)
async def signup_page(request: Request) -> Response:
    return page(request, "signup.html", {"error": None, "form": {}})


@router.post("/signup", response_class=HTMLResponse)
async def signup_form(
    request: Request,
    _csrf: CsrfProtected,
    email: Annotated[str, Form(max_length=254)],
    password: Annotated[str, Form(max_length=256)],
    name: Annotated[str, Form(max_length=100)],
    accounts: AccountsDep,
    sessions: SessionsDep,
    limiter: LimiterDep,
    settings: SettingsDep,
    role: Annotated[str, Form(max_length=20)] = "citizen",
) -> Response:
    form = {"email": email, "name": name, "role": role}
    try:
        data = AccountCreate(email=email, password=password, name=name, role=role)
        await accounts_service.sign_up(accounts=accounts, data=data)
        session_id = await _sign_in(
            request,
            email=email,
            password=password,
            accounts=accounts,
            sessions=sessions,
            limiter=limiter,
            settings=settings,
        )
    except ValidationError as exc:
        context = {"error": _first_problem(exc), "form": form}
        return page(request, "signup.html", context, status_code=400)
    except GatewayError as exc:
        context = {"error": exc.problem.detail, "form": form}
        return page(request, "signup.html", context, status_code=exc.status_code)
    to = "/employer" if data.role is Role.EMPLOYER else "/"
    return _signed_in_response(request, session_id, to)


@router.post("/signout")
async def signout_form(
    request: Request, _csrf: CsrfProtected, sessions: SessionsDep
) -> Response:
    cookie: SessionCookie = request.app.state.session_cookie
    session_id = cookie.session_id(request)
    if session_id is not None:
        # Signing out clears the cookie even when Redis cannot forget the session.
        with contextlib.suppress(RedisDown):
            await sessions.delete(session_id)
    response = RedirectResponse("/", status_code=303)
    cookie.clear(response)
    return response


async def _employer_page(
    request: Request,
    *,
    error: str | None = None,
    form: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Response:
    try:
        account = await signed_in(request, fail_closed=True)
    except GatewayError as exc:
        return page(
            request,
            "employer.html",
            {"error": exc.problem.detail, "postings": []},
            status_code=exc.status_code,
        )
    if account is None or account.role is not Role.EMPLOYER:
        return RedirectResponse("/signin", status_code=303)
    try:
        postings = await PostingRepository(request.app.state.redis).all_owned(
            owner_id=account.id
        )
    except RedisDown:
        error, postings = accounts_service.unavailable().problem.detail, []
    context = {
        "error": error,
        "postings": postings,
        "form": form or {},
        "district_ids": DISTRICT_IDS,
    }
    return page(
        request, "employer.html", context, account=account, status_code=status_code
    )


@router.get("/employer", response_class=HTMLResponse)
async def employer_page(request: Request) -> Response:
    return await _employer_page(request)


@router.post("/employer/postings", response_class=HTMLResponse)
async def employer_posting_form(
    request: Request,
    _csrf: CsrfProtected,
    ingest: IngestDep,
    title: Annotated[str, Form(max_length=200)],
    district_id: Annotated[str, Form(max_length=40)],
    description: FormText = "",
    closes_on: Annotated[str, Form(max_length=10)] = "",
    pay_month_min: Annotated[str, Form(max_length=12)] = "",
) -> Response:
    form = {
        "title": title,
        "district_id": district_id,
        "description": description,
        "closes_on": closes_on,
        "pay_month_min": pay_month_min,
    }
    account = await signed_in(request)
    if account is None or account.role is not Role.EMPLOYER:
        return RedirectResponse("/signin", status_code=303)
    try:
        fields = PostingCreate.model_validate(
            {
                "title": title,
                "district_id": district_id,
                "description": description or None,
                "closes_on": closes_on or None,
                "pay": (
                    {"period": "month", "min_krw": pay_month_min}
                    if pay_month_min
                    else None
                ),
            }
        )
        await postings_service.create(
            employer=account,
            fields=fields,
            ingest=ingest,
            postings=PostingRepository(request.app.state.redis),
        )
    except ValidationError as exc:
        return await _employer_page(
            request, error=_first_problem(exc), form=form, status_code=400
        )
    except GatewayError as exc:
        return await _employer_page(
            request, error=exc.problem.detail, form=form, status_code=exc.status_code
        )
    return RedirectResponse("/employer", status_code=303)


@router.post("/employer/postings/{posting_id}/close", response_class=HTMLResponse)
async def employer_close_form(
    posting_id: str, request: Request, _csrf: CsrfProtected, ingest: IngestDep
) -> Response:
    account = await signed_in(request)
    if account is None or account.role is not Role.EMPLOYER:
        return RedirectResponse("/signin", status_code=303)
    try:
        await postings_service.close(
            employer=account,
            posting_id=posting_id,
            ingest=ingest,
            postings=PostingRepository(request.app.state.redis),
        )
    except GatewayError as exc:
        return await _employer_page(
            request, error=exc.problem.detail, status_code=exc.status_code
        )
    return RedirectResponse("/employer", status_code=303)
