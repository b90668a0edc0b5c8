"""Publishing and changing programs; reading them for everyone."""

from typing import Any
from uuid import UUID

import structlog
from psycopg.rows import DictRow

from ilteo_applications.auth import Caller
from ilteo_applications.database import Database
from ilteo_applications.errors import Conflict, Invalid, NotFound, say
from ilteo_applications.programs import repository
from ilteo_applications.programs.schemas import (
    Program,
    ProgramCreate,
    ProgramPage,
    ProgramUpdate,
)

log = structlog.get_logger(__name__)


def program_not_found(program_id: UUID) -> NotFound:
    return NotFound(
        say(
            f"프로그램을 찾을 수 없습니다: {program_id}",
            f"No program {program_id}",
        )
    )


def to_program(row: DictRow) -> Program:
    return Program.model_validate(row)


def _columns(model: ProgramCreate | ProgramUpdate) -> dict[str, Any]:
    """The model as column values: JSON for the JSON columns, times as datetimes."""
    fields = model.model_dump(
        mode="json", exclude_unset=isinstance(model, ProgramUpdate)
    )
    for name in ("starts_at", "ends_at"):
        if name in fields:
            fields[name] = getattr(model, name)
    return fields


async def create(*, db: Database, program: ProgramCreate, operator: Caller) -> Program:
    async with db.connection() as conn, conn.transaction():
        row = await repository.insert(
            conn, fields=_columns(program), created_by=operator.subject
        )
    created = to_program(row)
    # Search learns of it through the gateway or ingest (POST /v1/items), later.
    log.info("program.published", program_id=str(created.id), by=operator.subject)
    return created


async def get(*, db: Database, program_id: UUID) -> Program:
    async with db.connection() as conn:
        row = await repository.get(conn, program_id=program_id)
    if row is None:
        raise program_not_found(program_id)
    return to_program(row)


async def list_page(*, db: Database, limit: int, offset: int) -> ProgramPage:
    async with db.connection() as conn:
        rows, total = await repository.list_page(conn, limit=limit, offset=offset)
    return ProgramPage(
        items=[to_program(row) for row in rows], total=total, limit=limit, offset=offset
    )


async def update(
    *, db: Database, program_id: UUID, changes: ProgramUpdate, operator: Caller
) -> Program:
    fields = _columns(changes)
    async with db.connection() as conn, conn.transaction():
        row = await repository.get(conn, program_id=program_id, for_update=True)
        if row is None:
            raise program_not_found(program_id)

        starts_at = changes.starts_at or row["starts_at"]
        ends_at = changes.ends_at or row["ends_at"]
        if ends_at <= starts_at:
            raise Invalid(
                say(
                    "접수 마감 시각은 시작 시각보다 뒤여야 합니다",
                    "ends_at must be after starts_at",
                )
            )
        if "questions" in fields and await repository.has_applications(
            conn, program_id=program_id
        ):
            raise Conflict(
                say(
                    "이미 신청이 있어 질문을 바꿀 수 없습니다",
                    "Questions cannot change once someone has applied",
                )
            )

        updated = await repository.update(conn, program_id=program_id, fields=fields)
    assert updated is not None  # the row was locked above
    log.info(
        "program.updated",
        program_id=str(program_id),
        fields=sorted(fields),
        by=operator.subject,
    )
    return to_program(updated)
