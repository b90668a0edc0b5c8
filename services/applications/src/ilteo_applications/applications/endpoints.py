"""Submitting and following applications (citizens), deciding them (operators)."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Header, Query, Response, status

from ilteo_applications.applications import service
from ilteo_applications.applications.schemas import (
    ApplicationCreate,
    ApplicationDetail,
    ApplicationPage,
    ApplicationStatus,
    CancelRequest,
    StatusUpdate,
)
from ilteo_applications.auth import CallerDep, CitizenDep, OperatorDep
from ilteo_applications.dependencies import DatabaseDep, Limit, Offset
from ilteo_applications.errors import BadRequest, say

IDEMPOTENCY_KEY_MAX_LENGTH = 200
REPLAYED_HEADER = "Idempotent-Replayed"

router = APIRouter(tags=["applications"])


def _checked_key(key: str | None) -> str:
    key = (key or "").strip()
    if not key or len(key) > IDEMPOTENCY_KEY_MAX_LENGTH or not key.isprintable():
        raise BadRequest(
            say(
                "Idempotency-Key 헤더가 필요합니다 (200자 이내의 고유한 값)",
                "The Idempotency-Key header is required: a unique value of at most "
                "200 characters",
            )
        )
    return key


@router.post(
    "/programs/{program_id}/applications",
    status_code=status.HTTP_201_CREATED,
    summary="Apply to a program (201 new, 200 the same submission again)",
)
async def submit_application(
    program_id: UUID,
    body: ApplicationCreate,
    response: Response,
    db: DatabaseDep,
    citizen: CitizenDep,
    idempotency_key: Annotated[str | None, Header()] = None,
) -> ApplicationDetail:
    application, replayed = await service.submit(
        db=db,
        program_id=program_id,
        body=body,
        citizen=citizen,
        idempotency_key=_checked_key(idempotency_key),
    )
    if replayed:
        response.status_code = status.HTTP_200_OK
        response.headers[REPLAYED_HEADER] = "true"
    return application


@router.get(
    "/programs/{program_id}/applications",
    summary="A program's applications (operators)",
)
async def program_applications(
    program_id: UUID,
    db: DatabaseDep,
    _operator: OperatorDep,
    status_filter: Annotated[ApplicationStatus | None, Query(alias="status")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> ApplicationPage:
    return await service.for_program(
        db=db, program_id=program_id, status=status_filter, limit=limit, offset=offset
    )


@router.get("/applications/mine", summary="The calling citizen's applications")
async def my_applications(
    db: DatabaseDep, citizen: CitizenDep, limit: Limit = 20, offset: Offset = 0
) -> ApplicationPage:
    return await service.mine(db=db, citizen=citizen, limit=limit, offset=offset)


@router.get("/applications/{application_id}", summary="One application with history")
async def get_application(
    application_id: UUID, db: DatabaseDep, caller: CallerDep
) -> ApplicationDetail:
    return await service.get(db=db, application_id=application_id, caller=caller)


@router.post("/applications/{application_id}/cancel", summary="Withdraw an application")
async def cancel_application(
    application_id: UUID,
    db: DatabaseDep,
    citizen: CitizenDep,
    body: CancelRequest | None = None,
) -> ApplicationDetail:
    return await service.cancel(
        db=db,
        application_id=application_id,
        citizen=citizen,
        note=body.note if body else None,
    )


@router.patch("/applications/{application_id}", summary="Change the status (operators)")
async def decide_application(
    application_id: UUID, body: StatusUpdate, db: DatabaseDep, operator: OperatorDep
) -> ApplicationDetail:
    return await service.decide(
        db=db,
        application_id=application_id,
        operator=operator,
        status=body.status,
        note=body.note,
    )
