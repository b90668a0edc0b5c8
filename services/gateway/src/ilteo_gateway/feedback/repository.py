"""Pilot notes in the Redis stream ``gw:feedback`` (capped near ``MAX_NOTES``)."""

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ilteo_gateway.redis_store import GuardedRedis, as_text

STREAM = "gw:feedback"
MAX_NOTES = 100_000


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


class FeedbackRepository:
    def __init__(self, redis: GuardedRedis) -> None:
        self._redis = redis

    async def add(self, note: FeedbackCreate) -> Feedback:
        """Store a note; raises ``RedisDown`` when Redis cannot take it."""
        received_at = datetime.now(UTC)
        fields: dict[Any, Any] = {
            "message": note.message,
            "page": note.page,
            "rating": "" if note.rating is None else str(note.rating),
            "received_at": received_at.isoformat(),
        }
        entry_id = await self._redis.run(
            lambda c: c.xadd(STREAM, fields, maxlen=MAX_NOTES, approximate=True)
        )
        return Feedback(
            id=as_text(entry_id), received_at=received_at, **note.model_dump()
        )

    async def latest(self, size: int) -> list[Feedback]:
        """The newest ``size`` notes, newest first."""
        entries = await self._redis.run(lambda c: c.xrevrange(STREAM, count=size))
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
