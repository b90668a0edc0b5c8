"""The pilot feedback form at the foot of every page (``base.html``).

It posts to ``/feedback`` with the CSRF token. With scripts (htmx) the answer is a
line swapped into the form's live region; without them, a page that confirms and
leads back to where the visitor was.
"""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from ilteo_gateway.accounts.service import unavailable
from ilteo_gateway.deps import RateLimited, RedisDep
from ilteo_gateway.feedback.repository import FeedbackCreate, FeedbackRepository
from ilteo_gateway.redis_store import RedisDown
from ilteo_gateway.security.csrf import CsrfProtected
from ilteo_gateway.web.i18n import Translator, language_of
from ilteo_gateway.web.page_kit import spoken
from ilteo_gateway.web.rendering import TEMPLATES, page, signed_in

router = APIRouter(include_in_schema=False)

MAX_MESSAGE_CHARS = 2000
MAX_PAGE_CHARS = 300


def back_to(raw: str) -> str:
    """The page the note is about: a path on this site, else the front page."""
    path = raw.strip()
    if len(path) > MAX_PAGE_CHARS:
        path = path.split("?", 1)[0][:MAX_PAGE_CHARS]
    fits = path.startswith("/") and not path.startswith(("//", "/\\"))
    return path if fits and not any(c.isspace() or c == "\\" for c in path) else "/"


def _problem(message: str, t: Translator) -> str | None:
    if not message:
        return t("feedback.empty")
    if len(message) > MAX_MESSAGE_CHARS:
        return t("feedback.too_long", limit=MAX_MESSAGE_CHARS)
    return None


@router.post("/feedback", response_class=HTMLResponse)
async def feedback_form(
    request: Request, _csrf: CsrfProtected, _limited: RateLimited, redis: RedisDep
) -> Response:
    t = Translator(language_of(request))
    form = await request.form()
    message = str(form.get("message") or "").strip()
    back = back_to(str(form.get("page") or "/"))
    error = _problem(message, t)
    status_code = 400 if error else 201
    if error is None:
        try:
            note = FeedbackCreate(message=message, page=back)
            await FeedbackRepository(redis).add(note)
        except ValidationError:
            error, status_code = t("feedback.empty"), 400
        except RedisDown:
            error, status_code = spoken(request, unavailable().problem.detail), 503

    context: dict[str, Any] = {"error": error, "back": back, "message": message}
    if request.headers.get("HX-Request"):
        # htmx swaps only successful answers, so the fragment carries the outcome
        # in its words and role, with 200.
        context["t"] = t
        return TEMPLATES.TemplateResponse(request, "_feedback_status.html", context)
    account = await signed_in(request)
    return page(
        request,
        "feedback_sent.html",
        context,
        status_code=status_code,
        account=account,
    )
