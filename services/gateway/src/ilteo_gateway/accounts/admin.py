"""``ilteo-gateway-admin``: account tasks that no web form may do.

``ilteo-gateway-admin create-operator --email ops@incheon.go.kr --name 운영자``
asks for the password (or reads ``ILTEO_GATEWAY_ADMIN_PASSWORD``);
``ilteo-gateway-admin reset-password --email ...`` sets a new one for any account
(the pilot's help desk does this after checking who is asking).
"""

import argparse
import asyncio
import getpass
import os
import re
import sys

from ilteo_gateway.accounts import service
from ilteo_gateway.accounts.passwords import hash_password
from ilteo_gateway.accounts.repository import AccountRepository
from ilteo_gateway.accounts.schemas import EMAIL_PATTERN, MIN_PASSWORD_CHARS
from ilteo_gateway.redis_store import GuardedRedis, RedisDown
from ilteo_gateway.settings import Settings

PASSWORD_VARIABLE = "ILTEO_GATEWAY_ADMIN_PASSWORD"


def _password() -> str:
    from_env = os.environ.get(PASSWORD_VARIABLE)
    if from_env:
        return from_env
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise SystemExit("the two passwords differ")
    return first


async def _create_operator(*, settings: Settings, email: str, name: str) -> int:
    if not re.fullmatch(EMAIL_PATTERN, email):
        sys.stderr.write(f"not an e-mail address: {email}\n")
        return 2
    password = _password()
    if len(password) < MIN_PASSWORD_CHARS:
        sys.stderr.write(f"the password needs {MIN_PASSWORD_CHARS}+ characters\n")
        return 2

    redis = GuardedRedis(settings.redis_url, timeout_s=5.0, retry_after_s=0.1)
    try:
        account = await service.create_operator(
            accounts=AccountRepository(redis), email=email, name=name, password=password
        )
    except RedisDown as exc:
        sys.stderr.write(f"Redis cannot be reached at {settings.redis_url}: {exc}\n")
        return 1
    finally:
        await redis.aclose()
    if account is None:
        sys.stderr.write(f"an account with {email} exists already\n")
        return 1
    sys.stdout.write(f"operator {account.email} created (id {account.id})\n")
    return 0


async def _reset_password(*, settings: Settings, email: str) -> int:
    password = _password()
    if len(password) < MIN_PASSWORD_CHARS:
        sys.stderr.write(f"the password needs {MIN_PASSWORD_CHARS}+ characters\n")
        return 2

    redis = GuardedRedis(settings.redis_url, timeout_s=5.0, retry_after_s=0.1)
    try:
        accounts = AccountRepository(redis)
        found = await accounts.by_email(email)
        if found is None:
            sys.stderr.write(f"no account with {email}\n")
            return 1
        await accounts.set_password_hash(found[0].id, hash_password(password))
    except RedisDown as exc:
        sys.stderr.write(f"Redis cannot be reached at {settings.redis_url}: {exc}\n")
        return 1
    finally:
        await redis.aclose()
    sys.stdout.write(f"password of {email} changed\n")
    return 0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="ilteo-gateway-admin")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create-operator", help="create a city operator")
    create.add_argument("--email", required=True)
    create.add_argument("--name", required=True)
    reset = commands.add_parser("reset-password", help="set an account's password")
    reset.add_argument("--email", required=True)
    args = parser.parse_args(argv)

    settings = Settings()
    if args.command == "create-operator":
        task = _create_operator(settings=settings, email=args.email, name=args.name)
    else:
        task = _reset_password(settings=settings, email=args.email)
    raise SystemExit(asyncio.run(task))
