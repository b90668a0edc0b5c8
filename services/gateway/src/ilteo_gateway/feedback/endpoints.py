"""``/api/v1/feedback``: anyone may leave a note; operators read them.

Notes are kept by :class:`FeedbackRepository` in a Redis stream. The page's own
form posts to ``/feedback`` (``web/feedback_pages.py``), which stores the same way.
"""

from typing import Annotated

from fastapi import APIRouter, Query, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from ilteo_gateway.accounts.service import unavailable
from ilteo_gateway.accounts.sessions import CurrentOperator
from ilteo_gateway.deps import RateLimited, RedisDep
from ilteo_gateway.errors import PROBLEM_RESPONSES
from ilteo_gateway.feedback.repository import (
    Feedback,
    FeedbackCreate,
    FeedbackRepository,
)
from ilteo_gateway.redis_store import RedisDown
from ilteo_gateway.security.csrf import CsrfProtected
from ilteo_gateway.web.i18n import Translator, language_of

router = APIRouter(prefix="/api/v1", tags=["feedback"], responses=PROBLEM_RESPONSES)


async def _feedback_body(request: Request) -> FeedbackCreate:
    """JSON from scripts, or the page's form without scripts."""
    if request.headers.get("Content-Type", "").startswith("application/json"):
        return FeedbackCreate.model_validate_json(await request.body())
    form = await request.form()
    fields = {k: v for k, v in form.items() if k != "csrf_token" and v != ""}
    return FeedbackCreate.model_validate(fields)


@router.post(
    "/feedback",
    summary="Leave a note about the pilot",
    status_code=status.HTTP_201_CREATED,
    response_model=None,
    # The body is read by hand (the page's form may post here too), so FastAPI
    # cannot describe it; API clients send the JSON described here.
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": FeedbackCreate.model_json_schema()}
            },
        }
    },
    responses={status.HTTP_201_CREATED: {"model": Feedback}},
)
async def leave_feedback(
    request: Request,
    _csrf: CsrfProtected,
    _limited: RateLimited,
    redis: RedisDep,
) -> Feedback | Response:
    try:
        note = await _feedback_body(request)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors()) from None
    try:
        feedback = await FeedbackRepository(redis).add(note)
    except RedisDown:
        raise unavailable() from None
    if request.headers.get("HX-Request"):
        # The page's form, sent by htmx: a line to show in place.
        thanks = Translator(language_of(request))("feedback.thanks")
        return HTMLResponse(f'<p role="status">{thanks}</p>', 201)
    if not request.headers.get("Content-Type", "").startswith("application/json"):
        # The same form without scripts: back to the page it was sent from.
        return RedirectResponse(note.page, status_code=303)
    return feedback


@router.get("/feedback", summary="The latest notes (operators only)")
async def list_feedback(
    _operator: CurrentOperator,
    redis: RedisDep,
    size: Annotated[int, Query(ge=1, le=500)] = 50,
) -> list[Feedback]:
    try:
        return await FeedbackRepository(redis).latest(size)
    except RedisDown:
        raise unavailable() from None
