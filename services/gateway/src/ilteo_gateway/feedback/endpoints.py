"""``/api/v1/feedback``: anyone may leave a note; operators read them.

Notes go to the Redis stream ``gw:feedback`` (capped near ``MAX_NOTES``).
"""

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ilteo_gateway.accounts.service import unavailable
from ilteo_gateway.accounts.sessions import CurrentOperator
from ilteo_gateway.deps import RateLimited, RedisDep
from ilteo_gateway.errors import PROBLEM_RESPONSES
from ilteo_gateway.redis_store import RedisDown, as_text
from ilteo_gateway.security.csrf import CsrfProtected
from ilteo_gateway.web.i18n import Translator, language_of

STREAM = "gw:feedback"
MAX_NOTES = 100_000

router = APIRouter(prefix="/api/v1", tags=["feedback"], responses=PROBLEM_RESPONSES)


class FeedbackCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    message: str = Field(min_length=1, max_length=2000)
    # A path on this site only: no "//host" or "/\\host", which browsers would
    # follow to another site when the page's form sends the visitor back.
    page: str = Field(default="/", max_length=300, pattern=r"^/([^/\\\s][^\s\\]*)?$")
    rating: int | None = Field(default=None, ge=1, le=5)


class Feedback(FeedbackCreate):
    id: str
    received_at: datetime


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
    received_at = datetime.now(UTC)
    fields: dict[Any, Any] = {
        "message": note.message,
        "page": note.page,
        "rating": "" if note.rating is None else str(note.rating),
        "received_at": received_at.isoformat(),
    }
    try:
        entry_id = await redis.run(
            lambda c: c.xadd(STREAM, fields, maxlen=MAX_NOTES, approximate=True)
        )
    except RedisDown:
        raise unavailable() from None
    feedback = Feedback(
        id=as_text(entry_id), received_at=received_at, **note.model_dump()
    )
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
        entries = await redis.run(lambda c: c.xrevrange(STREAM, count=size))
    except RedisDown:
        raise unavailable() from None
    notes = []
    for entry_id, raw in entries or []:
        data = {as_text(k): as_text(v) for k, v in (raw or {}).items()}
        notes.append(
            Feedback(
                id=as_text(entry_id),
                message=data["message"],
                page=data["page"],
                rating=int(data["rating"]) if data.get("rating") else None,
                received_at=datetime.fromisoformat(data["received_at"]),
            )
        )
    return notes
