"""``/v1/programs``: operators publish and change programs; everyone reads them."""

from uuid import UUID

from fastapi import APIRouter, status

from ilteo_applications.auth import OperatorDep
from ilteo_applications.dependencies import DatabaseDep, Limit, Offset
from ilteo_applications.programs import service
from ilteo_applications.programs.schemas import (
    Program,
    ProgramCreate,
    ProgramPage,
    ProgramUpdate,
)

router = APIRouter(prefix="/programs", tags=["programs"])


@router.post("", status_code=status.HTTP_201_CREATED, summary="Publish a program")
async def create_program(
    body: ProgramCreate, db: DatabaseDep, operator: OperatorDep
) -> Program:
    return await service.create(db=db, program=body, operator=operator)


@router.get("", summary="Programs, newest application period first")
async def list_programs(
    db: DatabaseDep, limit: Limit = 20, offset: Offset = 0
) -> ProgramPage:
    return await service.list_page(db=db, limit=limit, offset=offset)


@router.get("/{program_id}", summary="One program with its questions")
async def get_program(program_id: UUID, db: DatabaseDep) -> Program:
    return await service.get(db=db, program_id=program_id)


@router.patch("/{program_id}", summary="Change a program")
async def update_program(
    program_id: UUID, body: ProgramUpdate, db: DatabaseDep, operator: OperatorDep
) -> Program:
    return await service.update(
        db=db, program_id=program_id, changes=body, operator=operator
    )
