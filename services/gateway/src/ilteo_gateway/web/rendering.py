"""Rendering a page: the templates, the visitor's language, CSRF token and account."""

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ilteo_gateway.accounts.schemas import Account
from ilteo_gateway.accounts.sessions import optional_account
from ilteo_gateway.errors import GatewayError
from ilteo_gateway.security.csrf import CsrfTokens
from ilteo_gateway.web import view
from ilteo_gateway.web.assets import Assets
from ilteo_gateway.web.i18n import LANG_COOKIE, Translator, language_of

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")


async def signed_in(request: Request, *, fail_closed: bool = False) -> Account | None:
    """The visitor's account. Public pages read as signed out when Redis is down;
    pages that need an account pass ``fail_closed`` and get the 503 instead."""
    try:
        return await optional_account(request)
    except GatewayError:
        if fail_closed:
            raise
        return None


def page(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    status_code: int = 200,
    account: Account | None = None,
) -> HTMLResponse:
    language = language_of(request)
    tokens: CsrfTokens = request.app.state.csrf
    assets: Assets = request.app.state.assets
    response = TEMPLATES.TemplateResponse(
        request,
        template,
        {
            "t": Translator(language),
            "lang": language,
            "csrf_token": tokens.current(request),
            "asset": assets.url,
            "account": account,
            "view": view,
            "path": request.url.path,
            "lang_url": url_of(request, lang="en" if language == "ko" else "ko"),
            **context,
        },
        status_code=status_code,
    )
    tokens.issue(request, response)
    if request.query_params.get("lang") == language:
        response.set_cookie(
            LANG_COOKIE, language, max_age=365 * 86400, samesite="lax", path="/"
        )
    return response


def url_of(request: Request, *, drop: tuple[str, ...] = (), **changes: Any) -> str:
    """This page's address with parameters changed; ``None`` removes one."""
    params = [
        (k, v)
        for k, v in request.query_params.multi_items()
        if k not in changes and k not in drop and k != "cursor"
    ]
    for name, value in changes.items():
        if value is not None:
            params.append((name, str(value)))
    return request.url.path + ("?" + urlencode(params) if params else "")
