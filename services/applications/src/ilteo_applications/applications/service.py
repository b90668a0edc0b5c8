"""Submitting, reading, cancelling and deciding applications.

Every write is one transaction. A submission first takes an advisory lock on its
(subject, idempotency key), so a double submit waits for the first one and then
finds its row; the unique constraint on the pair is the last guard.
"""

import hashlib
import json
from uuid import UUID

import psycopg
import structlog
from psycopg.rows import DictRow

from ilteo_applications.applications import repository, rules
from ilteo_applications.applications.schemas import (
    Application,
    ApplicationCreate,
    ApplicationDetail,
    ApplicationPage,
    ApplicationStatus,
    StatusChange,
)
from ilteo_applications.auth import Caller, Role
from ilteo_applications.database import Connection, Database
from ilteo_applications.errors import Conflict, Invalid, NotFound, say
from ilteo_applications.metrics import (
    APPLICATIONS_RECEIVED,
    APPLICATIONS_REPLAYED,
    STATUS_CHANGES,
)
from ilteo_applications.programs import repository as programs_repository
from ilteo_applications.programs.schemas import WhenFull
from ilteo_applications.programs.service import program_not_found, to_program
from ilteo_applications.timezone import now_kst

Status = ApplicationStatus

log = structlog.get_logger(__name__)


def request_hash(*, program_id: UUID, body: ApplicationCreate) -> str:
    canonical = json.dumps(
        {"program_id": str(program_id), "body": body.model_dump(mode="json")},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def application_not_found(application_id: UUID) -> NotFound:
    return NotFound(
        say(
            f"신청을 찾을 수 없습니다: {application_id}",
            f"No application {application_id}",
        )
    )


async def _detail(conn: Connection, row: DictRow) -> ApplicationDetail:
    history = await repository.events(conn, application_id=row["id"])
    return ApplicationDetail.model_validate(
        row | {"history": [StatusChange.model_validate(event) for event in history]}
    )


async def submit(
    *,
    db: Database,
    program_id: UUID,
    body: ApplicationCreate,
    citizen: Caller,
    idempotency_key: str,
) -> tuple[ApplicationDetail, bool]:
    """Store the application; returns it and whether it had been stored before."""
    digest = request_hash(program_id=program_id, body=body)
    try:
        async with db.connection() as conn, conn.transaction():
            await repository.lock_idempotency_key(
                conn, subject=citizen.subject, key=idempotency_key
            )
            earlier = await repository.find_by_idempotency_key(
                conn, subject=citizen.subject, key=idempotency_key
            )
            if earlier is not None:
                return await _replay(conn, earlier, digest=digest), True
            row = await _store(
                conn,
                program_id=program_id,
                body=body,
                citizen=citizen,
                idempotency_key=idempotency_key,
                digest=digest,
            )
            application = await _detail(conn, row)
    except psycopg.errors.UniqueViolation as exc:
        # Only reachable if a writer skipped the advisory lock; still one row.
        raise Conflict(
            say(
                "같은 신청이 이미 처리되었습니다. 신청 내역을 확인해 주세요",
                "The same application was just stored; please check your list",
            )
        ) from exc

    APPLICATIONS_RECEIVED.labels(status=application.status.value).inc()
    log.info(
        "application.received",
        application_id=str(application.id),
        program_id=str(program_id),
        receipt_number=application.receipt_number,
        status=application.status.value,
    )
    return application, False


async def _replay(
    conn: Connection, earlier: DictRow, *, digest: str
) -> ApplicationDetail:
    if earlier["request_hash"] != digest:
        raise Conflict(
            say(
                "같은 Idempotency-Key로 다른 내용의 신청이 이미 접수되었습니다. "
                "새 신청에는 새 키를 써 주세요",
                "This Idempotency-Key was already used for a different application; "
                "use a new key for a new application",
            )
        )
    APPLICATIONS_REPLAYED.inc()
    log.info("application.replayed", application_id=str(earlier["id"]))
    return await _detail(conn, earlier)


async def _store(
    conn: Connection,
    *,
    program_id: UUID,
    body: ApplicationCreate,
    citizen: Caller,
    idempotency_key: str,
    digest: str,
) -> DictRow:
    program_row = await programs_repository.get(
        conn, program_id=program_id, for_update=True
    )
    if program_row is None:
        raise program_not_found(program_id)
    program = to_program(program_row)

    now = now_kst()
    if not rules.within_period(
        starts_at=program.starts_at, ends_at=program.ends_at, now=now
    ):
        raise Conflict(
            say("접수 기간이 아닙니다", "Applications are not being taken now"),
        )
    problems = rules.eligibility_problems(
        program.eligibility, body.applicant, year=now.year
    )
    if problems:
        raise Invalid(
            say("신청 자격에 맞지 않습니다", "Not eligible for this program"),
            errors=problems,
        )
    problems = rules.answer_problems(program.questions, body.answers)
    if problems:
        raise Invalid(
            say("답변을 확인해 주세요", "Please check the answers"), errors=problems
        )

    live = await repository.find_live(
        conn, program_id=program_id, subject=citizen.subject
    )
    if live is not None:
        raise Conflict(
            say(
                f"이미 신청한 프로그램입니다 (접수번호 {live['receipt_number']})",
                f"You have already applied (receipt {live['receipt_number']})",
            )
        )
    status = await _status_for_new(
        conn,
        program_id=program_id,
        capacity=program.capacity,
        waitlist=program.when_full is WhenFull.WAITLIST,
    )

    row = await repository.insert(
        conn,
        program_id=program_id,
        subject=citizen.subject,
        receipt_number=await repository.next_receipt_number(conn),
        status=status.value,
        applicant=body.applicant.model_dump(mode="json"),
        answers=body.answers,
        idempotency_key=idempotency_key,
        request_hash=digest,
    )
    await repository.add_event(
        conn,
        application_id=row["id"],
        from_status=None,
        to_status=status.value,
        actor_subject=citizen.subject,
        actor_role=citizen.role.value,
        note=None,
    )
    return row


async def _status_for_new(
    conn: Connection, *, program_id: UUID, capacity: int, waitlist: bool
) -> Status:
    taken = await repository.count_in_statuses(
        conn, program_id=program_id, statuses=rules.HOLDING_A_SEAT
    )
    if taken < capacity:
        return Status.RECEIVED
    if waitlist:
        return Status.WAITLISTED
    raise Conflict(
        say(
            "정원이 찼습니다. 접수가 마감되었습니다",
            "All seats are taken; applications are closed",
        )
    )


async def get(
    *, db: Database, application_id: UUID, caller: Caller
) -> ApplicationDetail:
    async with db.connection() as conn:
        row = await repository.get(conn, application_id=application_id)
        if row is None or not _may_see(caller, row):
            raise application_not_found(application_id)
        return await _detail(conn, row)


def _may_see(caller: Caller, row: DictRow) -> bool:
    # Another citizen's application answers exactly like a missing one.
    return caller.role is Role.OPERATOR or row["subject"] == caller.subject


async def mine(
    *, db: Database, citizen: Caller, limit: int, offset: int
) -> ApplicationPage:
    async with db.connection() as conn:
        rows, total = await repository.list_for_subject(
            conn, subject=citizen.subject, limit=limit, offset=offset
        )
    return ApplicationPage(
        items=[Application.model_validate(row) for row in rows],
        total=total,
        limit=limit,
        offset=offset,
    )


async def for_program(
    *,
    db: Database,
    program_id: UUID,
    status: Status | None,
    limit: int,
    offset: int,
) -> ApplicationPage:
    async with db.connection() as conn:
        if await programs_repository.get(conn, program_id=program_id) is None:
            raise program_not_found(program_id)
        rows, total = await repository.list_for_program(
            conn,
            program_id=program_id,
            status=status.value if status else None,
            limit=limit,
            offset=offset,
        )
    return ApplicationPage(
        items=[Application.model_validate(row) for row in rows],
        total=total,
        limit=limit,
        offset=offset,
    )


async def cancel(
    *, db: Database, application_id: UUID, citizen: Caller, note: str | None
) -> ApplicationDetail:
    async with db.connection() as conn, conn.transaction():
        row = await repository.get(conn, application_id=application_id, for_update=True)
        if row is None or row["subject"] != citizen.subject:
            raise application_not_found(application_id)
        current = Status(row["status"])
        if current not in rules.CANCELLABLE:
            raise Conflict(
                rules.transition_refusal(current, Status.CANCELLED, role=citizen.role)
            )
        detail = await _change(conn, row, to=Status.CANCELLED, actor=citizen, note=note)
    _count_change(detail, previous=current, actor=citizen)
    return detail


async def decide(
    *,
    db: Database,
    application_id: UUID,
    operator: Caller,
    status: Status,
    note: str | None,
) -> ApplicationDetail:
    async with db.connection() as conn, conn.transaction():
        found = await repository.get(conn, application_id=application_id)
        if found is None:
            raise application_not_found(application_id)
        # Program first, then application: the lock order of submissions too.
        program_row = await programs_repository.get(
            conn, program_id=found["program_id"], for_update=True
        )
        row = await repository.get(conn, application_id=application_id, for_update=True)
        # Rows are never deleted, so both are there.
        assert program_row is not None
        assert row is not None

        current = Status(row["status"])
        if not rules.operator_may_set(current, status):
            raise Conflict(
                rules.transition_refusal(current, status, role=operator.role)
            )
        if status is Status.ACCEPTED and current not in rules.HOLDING_A_SEAT:
            await _ensure_a_free_seat(conn, program_row)
        detail = await _change(conn, row, to=status, actor=operator, note=note)
    _count_change(detail, previous=current, actor=operator)
    return detail


async def _ensure_a_free_seat(conn: Connection, program_row: DictRow) -> None:
    taken = await repository.count_in_statuses(
        conn, program_id=program_row["id"], statuses=rules.HOLDING_A_SEAT
    )
    if taken >= program_row["capacity"]:
        raise Conflict(
            say(
                f"정원({program_row['capacity']}명)이 모두 찼습니다",
                f"All {program_row['capacity']} seats are taken",
            )
        )


async def _change(
    conn: Connection, row: DictRow, *, to: Status, actor: Caller, note: str | None
) -> ApplicationDetail:
    updated = await repository.set_status(
        conn, application_id=row["id"], status=to.value
    )
    await repository.add_event(
        conn,
        application_id=row["id"],
        from_status=row["status"],
        to_status=to.value,
        actor_subject=actor.subject,
        actor_role=actor.role.value,
        note=note,
    )
    return await _detail(conn, updated)


def _count_change(
    detail: ApplicationDetail, *, previous: Status, actor: Caller
) -> None:
    STATUS_CHANGES.labels(
        from_status=previous.value, to_status=detail.status.value
    ).inc()
    log.info(
        "application.status_changed",
        application_id=str(detail.id),
        from_status=previous.value,
        to_status=detail.status.value,
        by_role=actor.role.value,
    )
