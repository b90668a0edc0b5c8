"""Who is calling: the gateway's service token, then the subject and role it passes.

The gateway authenticates people; this service trusts the subject and role headers
only on requests that carry the service token, which only the gateway has.
"""

import hmac
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from fastapi import Depends, Header, Request

from ilteo_applications.errors import Forbidden, Unauthorized, say
from ilteo_applications.settings import Settings

SUBJECT_MAX_LENGTH = 200


class Role(StrEnum):
    CITIZEN = "citizen"
    OPERATOR = "operator"


@dataclass(frozen=True)
class Caller:
    subject: str
    role: Role


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


async def verify_service_token(
    settings: SettingsDep,
    authorization: Annotated[str | None, Header()] = None,
) -> None:
    scheme, _, token = (authorization or "").partition(" ")
    expected = settings.service_token.get_secret_value().encode()
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        token.strip().encode(), expected
    ):
        raise Unauthorized(
            say(
                "유효한 서비스 토큰이 필요합니다",
                "A valid service token is required (Authorization: Bearer ...)",
            )
        )


def _caller(subject: str | None, role: str | None) -> Caller:
    subject = (subject or "").strip()
    if not subject or len(subject) > SUBJECT_MAX_LENGTH:
        raise Unauthorized(
            say("로그인이 필요합니다", "Sign-in is required (no X-Ilteo-Subject)")
        )
    try:
        return Caller(subject=subject, role=Role((role or "").strip()))
    except ValueError:
        raise Forbidden(
            say(
                "X-Ilteo-Role 값은 citizen 또는 operator여야 합니다",
                "X-Ilteo-Role must be citizen or operator",
            )
        ) from None


async def current_caller(
    x_ilteo_subject: Annotated[str | None, Header()] = None,
    x_ilteo_role: Annotated[str | None, Header()] = None,
) -> Caller:
    return _caller(x_ilteo_subject, x_ilteo_role)


async def current_citizen(caller: Annotated[Caller, Depends(current_caller)]) -> Caller:
    if caller.role is not Role.CITIZEN:
        raise Forbidden(say("시민 계정만 할 수 있습니다", "Only citizens can do this"))
    return caller


async def current_operator(
    caller: Annotated[Caller, Depends(current_caller)],
) -> Caller:
    if caller.role is not Role.OPERATOR:
        raise Forbidden(
            say("운영자만 할 수 있습니다", "Only city operators can do this")
        )
    return caller


CallerDep = Annotated[Caller, Depends(current_caller)]
CitizenDep = Annotated[Caller, Depends(current_citizen)]
OperatorDep = Annotated[Caller, Depends(current_operator)]
