"""``/api/v1/employer/postings``: an employer's own postings."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, status

from ilteo_gateway.accounts.service import unavailable
from ilteo_gateway.accounts.sessions import CurrentEmployer
from ilteo_gateway.deps import IngestDep, RateLimited
from ilteo_gateway.employer import service
from ilteo_gateway.employer.repository import PostingRepository
from ilteo_gateway.employer.schemas import Posting, PostingCreate, PostingUpdate
from ilteo_gateway.errors import PROBLEM_RESPONSES, Unavailable, say
from ilteo_gateway.redis_store import RedisDown
from ilteo_gateway.security.csrf import CsrfProtected

router = APIRouter(
    prefix="/api/v1/employer/postings", tags=["employer"], responses=PROBLEM_RESPONSES
)


def _postings(request: Request) -> PostingRepository:
    return PostingRepository(request.app.state.redis)


def _configured(request: Request) -> None:
    if request.app.state.settings.ingest_service_token is None:
        raise Unavailable(
            say(
                "이 게이트웨이에서는 공고 게시가 설정되지 않았습니다.",
                "Posting is not configured on this gateway.",
            )
        )


PostingsDep = Annotated[PostingRepository, Depends(_postings)]
Configured = Annotated[None, Depends(_configured)]
PostingId = Annotated[str, Path(pattern=r"^emp-[0-9a-f]{20}$")]


@router.get("", summary="The signed-in employer's postings")
async def list_postings(
    employer: CurrentEmployer, postings: PostingsDep
) -> list[Posting]:
    try:
        return await postings.all_owned(owner_id=employer.id)
    except RedisDown:
        raise unavailable() from None


@router.post("", summary="Publish a job posting", status_code=status.HTTP_201_CREATED)
async def create_posting(
    fields: PostingCreate,
    employer: CurrentEmployer,
    _csrf: CsrfProtected,
    _limited: RateLimited,
    _configured: Configured,
    ingest: IngestDep,
    postings: PostingsDep,
) -> Posting:
    try:
        return await service.create(
            employer=employer, fields=fields, ingest=ingest, postings=postings
        )
    except RedisDown:
        raise unavailable() from None


@router.get("/{posting_id}", summary="One of the employer's postings")
async def get_posting(
    posting_id: PostingId, employer: CurrentEmployer, postings: PostingsDep
) -> Posting:
    try:
        return await service.get(
            employer=employer, posting_id=posting_id, postings=postings
        )
    except RedisDown:
        raise unavailable() from None


@router.patch("/{posting_id}", summary="Edit a posting; only given fields change")
async def update_posting(
    posting_id: PostingId,
    changes: PostingUpdate,
    employer: CurrentEmployer,
    _csrf: CsrfProtected,
    _limited: RateLimited,
    _configured: Configured,
    ingest: IngestDep,
    postings: PostingsDep,
) -> Posting:
    try:
        return await service.update(
            employer=employer,
            posting_id=posting_id,
            changes=changes,
            ingest=ingest,
            postings=postings,
        )
    except RedisDown:
        raise unavailable() from None


@router.post("/{posting_id}/close", summary="Close a posting (마감)")
async def close_posting(
    posting_id: PostingId,
    employer: CurrentEmployer,
    _csrf: CsrfProtected,
    _limited: RateLimited,
    _configured: Configured,
    ingest: IngestDep,
    postings: PostingsDep,
) -> Posting:
    try:
        return await service.close(
            employer=employer, posting_id=posting_id, ingest=ingest, postings=postings
        )
    except RedisDown:
        raise unavailable() from None
