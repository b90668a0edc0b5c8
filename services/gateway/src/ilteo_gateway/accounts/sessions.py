"""The session cookie, and the signed-in account as an endpoint dependency.

The cookie holds only a random session id, signed with the secret key; what the
session means lives in Redis with a TTL. Sessions fail closed: when Redis cannot
answer, an endpoint that needs an account answers 503, never as if signed out.
"""

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request, Response
from itsdangerous import BadSignature, URLSafeSerializer

from ilteo_gateway.accounts.repository import AccountRepository, SessionRepository
from ilteo_gateway.accounts.schemas import Account, Role
from ilteo_gateway.accounts.service import unavailable
from ilteo_gateway.errors import Forbidden, Unauthorized, say
from ilteo_gateway.redis_store import RedisDown

SESSION_COOKIE = "ilteo_session"


class SessionCookie:
    def __init__(self, secret_key: str, *, ttl_s: int) -> None:
        self._serializer = URLSafeSerializer(secret_key, salt="ilteo.session")
        self._ttl_s = ttl_s

    def session_id(self, request: Request) -> str | None:
        value = request.cookies.get(SESSION_COOKIE)
        if not value:
            return None
        try:
            session_id = self._serializer.loads(value)
        except BadSignature:
            return None
        return session_id if isinstance(session_id, str) else None

    def set(self, request: Request, response: Response, session_id: str) -> None:
        response.set_cookie(
            SESSION_COOKIE,
            self._serializer.dumps(session_id),
            max_age=self._ttl_s,
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
            path="/",
        )

    @staticmethod
    def clear(response: Response) -> None:
        response.delete_cookie(SESSION_COOKIE, path="/")


def accounts_of(request: Request) -> AccountRepository:
    return AccountRepository(request.app.state.redis)


def sessions_of(request: Request) -> SessionRepository:
    return SessionRepository(
        request.app.state.redis, ttl_s=request.app.state.settings.session_ttl_s
    )


async def optional_account(request: Request) -> Account | None:
    """The signed-in account; None when signed out. Raises 503 if Redis is down."""
    cookie: SessionCookie = request.app.state.session_cookie
    session_id = cookie.session_id(request)
    if session_id is None:
        return None
    try:
        account_id = await sessions_of(request).account_id(session_id)
        if account_id is None:
            return None
        return await accounts_of(request).by_id(account_id)
    except RedisDown:
        raise unavailable() from None


async def current_account(
    account: Annotated[Account | None, Depends(optional_account)],
) -> Account:
    if account is None:
        raise Unauthorized(say("로그인이 필요합니다.", "You need to sign in first."))
    return account


def _role(role: Role) -> Callable[..., Awaitable[Account]]:
    async def require(account: Annotated[Account, Depends(current_account)]) -> Account:
        if account.role is not role:
            raise Forbidden(
                say(
                    "이 기능을 사용할 권한이 없습니다.",
                    "Your account may not use this feature.",
                )
            )
        return account

    return require


OptionalUser = Annotated[Account | None, Depends(optional_account)]
CurrentUser = Annotated[Account, Depends(current_account)]
CurrentEmployer = Annotated[Account, Depends(_role(Role.EMPLOYER))]
CurrentOperator = Annotated[Account, Depends(_role(Role.OPERATOR))]
AccountsDep = Annotated[AccountRepository, Depends(accounts_of)]
SessionsDep = Annotated[SessionRepository, Depends(sessions_of)]
