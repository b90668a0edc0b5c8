"""CSRF protection by a signed double-submit token.

The gateway sets a random token, signed with the secret key, in a cookie that
scripts on the page may read. Every unsafe request must repeat that token in the
``X-CSRF-Token`` header or a ``csrf_token`` form field. Another site can make the
browser send the cookie but can neither read it nor forge a signed one, so it
cannot repeat it.
"""

import hmac
import secrets
from typing import Annotated

from fastapi import Depends, Request, Response
from itsdangerous import BadSignature, URLSafeSerializer

from ilteo_gateway.errors import Forbidden, say

CSRF_COOKIE = "ilteo_csrf"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class CsrfTokens:
    def __init__(self, secret_key: str) -> None:
        self._serializer = URLSafeSerializer(secret_key, salt="ilteo.csrf")

    def new(self) -> str:
        return self._serializer.dumps(secrets.token_urlsafe(18))

    def valid(self, token: str) -> bool:
        try:
            self._serializer.loads(token)
        except BadSignature:
            return False
        return True

    def current(self, request: Request) -> str:
        """The token of this browser, or a new one to set with :meth:`issue`."""
        existing = request.cookies.get(CSRF_COOKIE)
        if existing and self.valid(existing):
            return existing
        token: str = request.state.__dict__.setdefault("new_csrf_token", self.new())
        return token

    @staticmethod
    def issue(request: Request, response: Response) -> None:
        token = request.state.__dict__.get("new_csrf_token")
        if token:
            response.set_cookie(
                CSRF_COOKIE,
                token,
                httponly=False,  # the page's script repeats it in a header
                samesite="strict",
                secure=request.url.scheme == "https",
                path="/",
            )

    async def verify(self, request: Request) -> None:
        if request.method in SAFE_METHODS:
            return
        cookie = request.cookies.get(CSRF_COOKIE, "")
        sent = request.headers.get(CSRF_HEADER, "")
        if not sent and _is_form(request):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else ""
        if not (cookie and sent and hmac.compare_digest(cookie, sent)):
            raise _refused()
        if not self.valid(cookie):
            raise _refused()


def _is_form(request: Request) -> bool:
    content_type = request.headers.get("Content-Type", "")
    return content_type.startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    )


def _refused() -> Forbidden:
    return Forbidden(
        say(
            "보안 토큰이 없거나 맞지 않아 요청을 거부했습니다. 페이지를 새로 고친 뒤 "
            "다시 시도해 주세요.",
            "The request was refused: its security token is missing or wrong. "
            "Reload the page and try again.",
        ),
        field=CSRF_FIELD,
    )


def _tokens(request: Request) -> CsrfTokens:
    tokens: CsrfTokens = request.app.state.csrf
    return tokens


async def require_csrf(request: Request) -> None:
    await _tokens(request).verify(request)


CsrfProtected = Annotated[None, Depends(require_csrf)]
