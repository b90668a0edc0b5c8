"""``/api/v1/accounts`` (sign-up), ``/api/v1/session`` (sign-in) and the CSRF token."""

from fastapi import APIRouter, Request, Response, status

from ilteo_gateway.accounts import service
from ilteo_gateway.accounts.schemas import Account, AccountCreate, Login
from ilteo_gateway.accounts.sessions import (
    AccountsDep,
    CurrentUser,
    SessionCookie,
    SessionsDep,
)
from ilteo_gateway.deps import LimiterDep, RateLimited, SettingsDep, client_key
from ilteo_gateway.errors import PROBLEM_RESPONSES
from ilteo_gateway.redis_store import RedisDown
from ilteo_gateway.security.csrf import CsrfProtected, CsrfTokens
from ilteo_gateway.security.ratelimit import Limit

router = APIRouter(prefix="/api/v1", tags=["accounts"], responses=PROBLEM_RESPONSES)


@router.get("/csrf", summary="A CSRF token to repeat in X-CSRF-Token")
async def csrf_token(request: Request, response: Response) -> dict[str, str]:
    tokens: CsrfTokens = request.app.state.csrf
    token = tokens.current(request)
    tokens.issue(request, response)
    return {"csrf_token": token, "header": "X-CSRF-Token"}


@router.post(
    "/accounts",
    summary="Sign up as a citizen or an employer",
    status_code=status.HTTP_201_CREATED,
)
async def sign_up(
    data: AccountCreate,
    _csrf: CsrfProtected,
    _limited: RateLimited,
    accounts: AccountsDep,
) -> Account:
    return await service.sign_up(accounts=accounts, data=data)


@router.post("/session", summary="Sign in; sets the session cookie")
async def sign_in(
    data: Login,
    _csrf: CsrfProtected,
    request: Request,
    response: Response,
    accounts: AccountsDep,
    sessions: SessionsDep,
    limiter: LimiterDep,
    settings: SettingsDep,
) -> Account:
    window = settings.login_limit_window_s
    limits = (
        Limit("login-account", settings.login_limit_per_account, window),
        Limit("login-client", settings.login_limit_per_client, window),
    )
    account, session_id = await service.sign_in(
        accounts=accounts,
        sessions=sessions,
        limiter=limiter,
        limits=limits,
        client=client_key(request),
        data=data,
    )
    cookie: SessionCookie = request.app.state.session_cookie
    cookie.set(request, response, session_id)
    return account


@router.get("/session", summary="The signed-in account")
async def whoami(account: CurrentUser) -> Account:
    return account


@router.delete("/session", summary="Sign out", status_code=status.HTTP_204_NO_CONTENT)
async def sign_out(
    _csrf: CsrfProtected, request: Request, sessions: SessionsDep
) -> Response:
    cookie: SessionCookie = request.app.state.session_cookie
    session_id = cookie.session_id(request)
    if session_id is not None:
        try:
            await sessions.delete(session_id)
        except RedisDown:
            raise service.unavailable() from None
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    cookie.clear(response)
    return response
