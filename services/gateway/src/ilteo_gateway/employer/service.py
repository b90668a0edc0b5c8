"""Employers' postings: validated here, published through ingest, owned in Redis."""

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import structlog
from pydantic import ValidationError

from ilteo_common.items import JobPosting, Place
from ilteo_gateway.accounts.schemas import Account
from ilteo_gateway.employer.repository import PostingRepository
from ilteo_gateway.employer.schemas import (
    DISTRICT_IDS,
    Posting,
    PostingCreate,
    PostingStatus,
    PostingUpdate,
)
from ilteo_gateway.errors import BadRequest, Conflict, NotFound, Unavailable, say
from ilteo_gateway.upstream import Upstream

log = structlog.get_logger(__name__)

SEOUL = ZoneInfo("Asia/Seoul")
PLATFORM_SOURCE = "platform"


def _today() -> datetime:
    return datetime.now(SEOUL)


def _check(fields: PostingCreate) -> JobPosting:
    if fields.district_id not in DISTRICT_IDS:
        raise BadRequest(
            say(
                "district_id는 인천의 현재 군·구 중 하나여야 합니다: "
                + ", ".join(DISTRICT_IDS),
                "district_id must be one of Incheon's current districts: "
                + ", ".join(DISTRICT_IDS),
            ),
            field="district_id",
        )
    if fields.closes_on is not None and fields.closes_on < _today().date():
        raise BadRequest(
            say("마감일이 이미 지났습니다.", "closes_on is in the past."),
            field="closes_on",
        )
    return _item(fields)


def _item(fields: PostingCreate, *, organization: str | None = None) -> JobPosting:
    data = fields.model_dump(exclude={"district_id", "address"}, exclude_none=True)
    place = Place(district_id=fields.district_id, address=fields.address)
    try:
        return JobPosting(**data, place=place, organization=organization)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise BadRequest(
            say("공고 내용이 올바르지 않습니다.", "The posting is not valid: ")
            + str(error["msg"]),
            field=".".join(str(p) for p in error["loc"]) or None,
        ) from None


def _not_found() -> NotFound:
    # Someone else's posting is "not found" too: its existence is not for others.
    return NotFound(
        say("그런 공고가 없습니다.", "There is no such posting among yours.")
    )


async def _publish(
    ingest: Upstream, *, posting_id: str, item: JobPosting, at: datetime
) -> None:
    body = {
        "source_id": posting_id,
        "modified_at": at.isoformat(),
        "item": item.model_dump(mode="json", exclude_none=True),
    }
    response = await ingest.send("POST", "/v1/items", json=body)
    if response.status == 503:
        raise Unavailable(
            say(
                "공고를 지금 게시할 수 없습니다. 잠시 후 다시 시도해 주세요.",
                "The posting cannot be published right now; try again shortly.",
            ),
            retry_after_s=5,
        )
    if response.status != 202:
        log.error("posting.refused_by_ingest", status=response.status)
        raise ingest.bad_answer()


async def create(
    *,
    employer: Account,
    fields: PostingCreate,
    ingest: Upstream,
    postings: PostingRepository,
) -> Posting:
    _check(fields)
    posting_id = "emp-" + uuid.uuid4().hex[:20]
    now = datetime.now(UTC)
    item = _item(fields, organization=employer.name)

    await _publish(ingest, posting_id=posting_id, item=item, at=now)
    posting = Posting(
        id=posting_id,
        key=f"{PLATFORM_SOURCE}:{posting_id}",
        status=PostingStatus.OPEN,
        created_at=now,
        updated_at=now,
        fields=fields,
    )
    await postings.save(owner_id=employer.id, posting=posting)
    log.info("posting.created", posting_id=posting_id, employer_id=employer.id)
    return posting


async def get(
    *, employer: Account, posting_id: str, postings: PostingRepository
) -> Posting:
    posting = await postings.owned(owner_id=employer.id, posting_id=posting_id)
    if posting is None:
        raise _not_found()
    return posting


async def update(
    *,
    employer: Account,
    posting_id: str,
    changes: PostingUpdate,
    ingest: Upstream,
    postings: PostingRepository,
) -> Posting:
    posting = await get(employer=employer, posting_id=posting_id, postings=postings)
    if posting.status is PostingStatus.CLOSED:
        raise Conflict(
            say("마감한 공고는 고칠 수 없습니다.", "A closed posting cannot be edited.")
        )
    merged = posting.fields.model_dump() | changes.model_dump(exclude_unset=True)
    try:
        fields = PostingCreate.model_validate(merged)
    except ValidationError as exc:
        error = exc.errors()[0]
        raise BadRequest(
            say("공고 내용이 올바르지 않습니다.", "The posting is not valid: ")
            + str(error["msg"]),
            field=".".join(str(p) for p in error["loc"]) or None,
        ) from None
    _check(fields)
    now = datetime.now(UTC)
    item = _item(fields, organization=employer.name)

    await _publish(ingest, posting_id=posting_id, item=item, at=now)
    updated = posting.model_copy(update={"fields": fields, "updated_at": now})
    await postings.save(owner_id=employer.id, posting=updated)
    log.info("posting.updated", posting_id=posting_id, employer_id=employer.id)
    return updated


async def close(
    *,
    employer: Account,
    posting_id: str,
    ingest: Upstream,
    postings: PostingRepository,
) -> Posting:
    posting = await get(employer=employer, posting_id=posting_id, postings=postings)
    if posting.status is PostingStatus.CLOSED:
        return posting
    now = datetime.now(UTC)
    # A deadline of yesterday is what makes the indexer mark an item closed.
    yesterday = (_today() - timedelta(days=1)).date()
    fields = posting.fields.model_copy(
        update={"closes_on": yesterday, "open_until_filled": False}
    )
    item = _item(fields, organization=employer.name)

    await _publish(ingest, posting_id=posting_id, item=item, at=now)
    closed = posting.model_copy(
        update={"status": PostingStatus.CLOSED, "updated_at": now, "fields": fields}
    )
    await postings.save(owner_id=employer.id, posting=closed)
    log.info("posting.closed", posting_id=posting_id, employer_id=employer.id)
    return closed
