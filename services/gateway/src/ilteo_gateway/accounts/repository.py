"""Accounts and sessions in Redis.

Keys: ``gw:account:<id>`` (a hash), ``gw:account-email:<email>`` (the id),
``gw:session:<id>`` (a hash with a TTL, renewed on use).
"""

import secrets
import uuid

from redis.asyncio import Redis

from ilteo_gateway.accounts.schemas import Account, Role
from ilteo_gateway.redis_store import GuardedRedis, as_text

ACCOUNT = "gw:account:{}"
ACCOUNT_BY_EMAIL = "gw:account-email:{}"
SESSION = "gw:session:{}"


def normalised_email(email: str) -> str:
    return email.strip().lower()


class AccountRepository:
    def __init__(self, redis: GuardedRedis) -> None:
        self._redis = redis

    async def create(
        self, *, email: str, name: str, role: Role, password_hash: str
    ) -> Account | None:
        """The new account, or None when the e-mail address is taken."""
        account = Account(
            id=uuid.uuid4().hex, email=normalised_email(email), name=name, role=role
        )

        async def create(client: Redis) -> bool:
            claimed = await client.set(
                ACCOUNT_BY_EMAIL.format(account.email), account.id, nx=True
            )
            if not claimed:
                return False
            await client.hset(
                ACCOUNT.format(account.id),
                mapping={
                    "id": account.id,
                    "email": account.email,
                    "name": account.name,
                    "role": account.role.value,
                    "password_hash": password_hash,
                },
            )
            return True

        return account if await self._redis.run(create) else None

    async def by_email(self, email: str) -> tuple[Account, str] | None:
        """The account and its password hash."""
        key = ACCOUNT_BY_EMAIL.format(normalised_email(email))
        account_id = await self._redis.run(lambda c: c.get(key))
        if account_id is None:
            return None
        return await self._by_id_with_hash(as_text(account_id))

    async def by_id(self, account_id: str) -> Account | None:
        found = await self._by_id_with_hash(account_id)
        return found[0] if found else None

    async def set_password_hash(self, account_id: str, password_hash: str) -> None:
        key = ACCOUNT.format(account_id)
        await self._redis.run(lambda c: c.hset(key, "password_hash", password_hash))

    async def _by_id_with_hash(self, account_id: str) -> tuple[Account, str] | None:
        key = ACCOUNT.format(account_id)
        fields = await self._redis.run(lambda c: c.hgetall(key))
        if not fields:
            return None
        data = {as_text(k): as_text(v) for k, v in fields.items()}
        password_hash = data.pop("password_hash")
        return Account.model_validate(data), password_hash


class SessionRepository:
    def __init__(self, redis: GuardedRedis, *, ttl_s: int) -> None:
        self._redis = redis
        self._ttl_s = ttl_s

    async def create(self, account: Account) -> str:
        session_id = secrets.token_urlsafe(32)
        key = SESSION.format(session_id)

        async def create(client: Redis) -> None:
            async with client.pipeline(transaction=True) as pipe:
                pipe.hset(
                    key, mapping={"account_id": account.id, "role": account.role.value}
                )
                pipe.expire(key, self._ttl_s)
                await pipe.execute()

        await self._redis.run(create)
        return session_id

    async def account_id(self, session_id: str) -> str | None:
        key = SESSION.format(session_id)

        async def touch(client: Redis) -> bytes | None:
            async with client.pipeline(transaction=True) as pipe:
                pipe.hget(key, "account_id")
                pipe.expire(key, self._ttl_s)
                found, _ = await pipe.execute()
            value: bytes | None = found
            return value

        found = await self._redis.run(touch)
        return as_text(found) if found else None

    async def delete(self, session_id: str) -> None:
        await self._redis.run(lambda c: c.delete(SESSION.format(session_id)))
