"""All database I/O of applications and their status history."""

from collections.abc import Collection
from typing import Any
from uuid import UUID

from psycopg import sql
from psycopg.rows import DictRow
from psycopg.types.json import Jsonb

from ilteo_applications.database import Connection

COLUMNS = sql.SQL(
    "id, program_id, subject, receipt_number, status, applicant, answers,"
    " idempotency_key, request_hash, created_at, updated_at"
)
RECEIPT_PREFIX = "ILT"


async def lock_idempotency_key(conn: Connection, *, subject: str, key: str) -> None:
    """Until the transaction ends, the same subject and key wait for each other."""
    await conn.execute(
        "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
        [f"{subject}\x1f{key}"],
    )


async def find_by_idempotency_key(
    conn: Connection, *, subject: str, key: str
) -> DictRow | None:
    query = sql.SQL(
        "SELECT {} FROM applications WHERE subject = %s AND idempotency_key = %s"
    ).format(COLUMNS)
    cursor = await conn.execute(query, [subject, key])
    return await cursor.fetchone()


async def find_live(
    conn: Connection, *, program_id: UUID, subject: str
) -> DictRow | None:
    query = sql.SQL(
        "SELECT {} FROM applications"
        " WHERE program_id = %s AND subject = %s AND status <> 'cancelled'"
    ).format(COLUMNS)
    cursor = await conn.execute(query, [program_id, subject])
    return await cursor.fetchone()


async def count_in_statuses(
    conn: Connection, *, program_id: UUID, statuses: Collection[str]
) -> int:
    cursor = await conn.execute(
        "SELECT count(*) AS n FROM applications"
        " WHERE program_id = %s AND status = ANY(%s)",
        [program_id, list(statuses)],
    )
    row = await cursor.fetchone()
    return int(row["n"]) if row else 0


async def next_receipt_number(conn: Connection) -> str:
    """``ILT-<year>-<number>``: numbered from 1 each year (Korean time), no gaps."""
    cursor = await conn.execute(
        "INSERT INTO receipt_counters AS c (year, last_number)"
        " VALUES (extract(year FROM now() AT TIME ZONE 'Asia/Seoul')::int, 1)"
        " ON CONFLICT (year) DO UPDATE SET last_number = c.last_number + 1"
        " RETURNING year, last_number"
    )
    row = await cursor.fetchone()
    assert row is not None  # an upsert with RETURNING always returns its row
    return f"{RECEIPT_PREFIX}-{row['year']}-{row['last_number']:06d}"


async def insert(
    conn: Connection,
    *,
    program_id: UUID,
    subject: str,
    receipt_number: str,
    status: str,
    applicant: dict[str, Any],
    answers: dict[str, Any],
    idempotency_key: str,
    request_hash: str,
) -> DictRow:
    query = sql.SQL(
        "INSERT INTO applications (program_id, subject, receipt_number, status,"
        " applicant, answers, idempotency_key, request_hash)"
        " VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING {}"
    ).format(COLUMNS)
    cursor = await conn.execute(
        query,
        [
            program_id,
            subject,
            receipt_number,
            status,
            Jsonb(applicant),
            Jsonb(answers),
            idempotency_key,
            request_hash,
        ],
    )
    row = await cursor.fetchone()
    assert row is not None  # INSERT ... RETURNING returns the row
    return row


async def get(
    conn: Connection, *, application_id: UUID, for_update: bool = False
) -> DictRow | None:
    query = sql.SQL("SELECT {} FROM applications WHERE id = %s").format(COLUMNS)
    if for_update:
        query += sql.SQL(" FOR UPDATE")
    cursor = await conn.execute(query, [application_id])
    return await cursor.fetchone()


async def set_status(conn: Connection, *, application_id: UUID, status: str) -> DictRow:
    query = sql.SQL(
        "UPDATE applications SET status = %s, updated_at = now()"
        " WHERE id = %s RETURNING {}"
    ).format(COLUMNS)
    cursor = await conn.execute(query, [status, application_id])
    row = await cursor.fetchone()
    assert row is not None  # the caller holds the row's lock
    return row


async def add_event(
    conn: Connection,
    *,
    application_id: UUID,
    from_status: str | None,
    to_status: str,
    actor_subject: str,
    actor_role: str,
    note: str | None,
) -> None:
    await conn.execute(
        "INSERT INTO application_events (application_id, from_status, to_status,"
        " actor_subject, actor_role, note) VALUES (%s, %s, %s, %s, %s, %s)",
        [application_id, from_status, to_status, actor_subject, actor_role, note],
    )


async def events(conn: Connection, *, application_id: UUID) -> list[DictRow]:
    cursor = await conn.execute(
        "SELECT from_status, to_status, actor_subject, actor_role, note, at"
        " FROM application_events WHERE application_id = %s ORDER BY id",
        [application_id],
    )
    return await cursor.fetchall()


async def list_for_program(
    conn: Connection,
    *,
    program_id: UUID,
    status: str | None,
    limit: int,
    offset: int,
) -> tuple[list[DictRow], int]:
    where: sql.Composable = sql.SQL("program_id = %s")
    params: list[Any] = [program_id]
    if status is not None:
        where += sql.SQL(" AND status = %s")
        params.append(status)
    return await _page(
        conn,
        where=where,
        params=params,
        order=sql.SQL("created_at, id"),
        limit=limit,
        offset=offset,
    )


async def list_for_subject(
    conn: Connection, *, subject: str, limit: int, offset: int
) -> tuple[list[DictRow], int]:
    return await _page(
        conn,
        where=sql.SQL("subject = %s"),
        params=[subject],
        order=sql.SQL("created_at DESC, id"),
        limit=limit,
        offset=offset,
    )


async def _page(
    conn: Connection,
    *,
    where: sql.Composable,
    params: list[Any],
    order: sql.Composable,
    limit: int,
    offset: int,
) -> tuple[list[DictRow], int]:
    count = await conn.execute(
        sql.SQL("SELECT count(*) AS n FROM applications WHERE {}").format(where), params
    )
    total_row = await count.fetchone()
    query = sql.SQL(
        "SELECT {} FROM applications WHERE {} ORDER BY {} LIMIT %s OFFSET %s"
    ).format(COLUMNS, where, order)
    cursor = await conn.execute(query, [*params, limit, offset])
    return await cursor.fetchall(), int(total_row["n"]) if total_row else 0
