"""Sign-up, sign-in and sign-out; who is asking."""

import structlog

from ilteo_gateway.accounts import passwords
from ilteo_gateway.accounts.repository import (
    AccountRepository,
    SessionRepository,
    normalised_email,
)
from ilteo_gateway.accounts.schemas import Account, AccountCreate, Login, Role
from ilteo_gateway.deps import too_many
from ilteo_gateway.errors import Conflict, Forbidden, Unauthorized, Unavailable, say
from ilteo_gateway.redis_store import RedisDown
from ilteo_gateway.security.ratelimit import Limit, SlidingLogLimiter

log = structlog.get_logger(__name__)


def unavailable() -> Unavailable:
    return Unavailable(
        say(
            "로그인 기능을 잠시 사용할 수 없습니다. 잠시 후 다시 시도해 주세요. "
            "검색은 계속 이용할 수 있습니다.",
            "Signing in is unavailable for a moment; try again shortly. "
            "Search keeps working.",
        ),
        retry_after_s=5,
    )


async def sign_up(*, accounts: AccountRepository, data: AccountCreate) -> Account:
    if data.role is Role.OPERATOR:
        raise Forbidden(
            say(
                "운영자 계정은 가입으로 만들 수 없습니다.",
                "Operator accounts cannot be created by signing up.",
            ),
            field="role",
        )
    try:
        account = await accounts.create(
            email=data.email,
            name=data.name,
            role=data.role,
            password_hash=passwords.hash_password(data.password),
        )
    except RedisDown:
        raise unavailable() from None
    if account is None:
        raise Conflict(
            say(
                "이미 가입된 이메일 주소입니다. 로그인해 주세요.",
                "This e-mail address already has an account; sign in instead.",
            ),
            field="email",
        )
    log.info("account.created", account_id=account.id, role=account.role)
    return account


async def sign_in(
    *,
    accounts: AccountRepository,
    sessions: SessionRepository,
    limiter: SlidingLogLimiter,
    limits: tuple[Limit, Limit],
    client: str,
    data: Login,
) -> tuple[Account, str]:
    """The account and a new session id; refused after too many attempts."""
    per_account, per_client = limits
    for limit, key in (
        (per_client, client),
        (per_account, normalised_email(data.email)),
    ):
        decision = await limiter.hit(limit, key)
        if not decision.allowed:
            log.warning("login.limited", limit=limit.name, client=client)
            raise too_many(decision.retry_after_s)

    try:
        found = await accounts.by_email(data.email)
        account, password_hash = found if found else (None, None)
        if not passwords.verify_password(password_hash, data.password):
            raise Unauthorized(
                say(
                    "이메일 주소 또는 비밀번호가 맞지 않습니다.",
                    "The e-mail address or the password is wrong.",
                )
            )
        assert account is not None
        assert password_hash is not None
        if passwords.needs_rehash(password_hash):
            await accounts.set_password_hash(
                account.id, passwords.hash_password(data.password)
            )
        session_id = await sessions.create(account)
    except RedisDown:
        raise unavailable() from None
    log.info("login.succeeded", account_id=account.id)
    return account, session_id


async def create_operator(
    *, accounts: AccountRepository, email: str, name: str, password: str
) -> Account | None:
    return await accounts.create(
        email=email,
        name=name,
        role=Role.OPERATOR,
        password_hash=passwords.hash_password(password),
    )
