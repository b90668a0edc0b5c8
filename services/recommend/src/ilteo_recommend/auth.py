"""Who is calling: the gateway's service token, then the subject it passes.

The gateway signs people in; this service trusts ``X-Ilteo-Subject`` only on
requests that carry the service token, which only the gateway has.
"""

import hmac
from typing import Annotated

from fastapi import Depends, Header, Request

from ilteo_recommend.errors import Unauthorized, say
from ilteo_recommend.settings import Settings

SUBJECT_MAX_LENGTH = 200


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


async def current_subject(
    x_ilteo_subject: Annotated[str | None, Header()] = None,
) -> str:
    subject = (x_ilteo_subject or "").strip()
    if not subject or len(subject) > SUBJECT_MAX_LENGTH:
        raise Unauthorized(
            say("로그인이 필요합니다", "Sign-in is required (no X-Ilteo-Subject)")
        )
    return subject


SubjectDep = Annotated[str, Depends(current_subject)]
