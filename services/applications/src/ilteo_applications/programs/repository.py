"""All database I/O of programs."""

from typing import Any
from uuid import UUID

from psycopg import sql
from psycopg.rows import DictRow
from psycopg.types.json import Jsonb

from ilteo_applications.applications.rules import HOLDING_A_SEAT
from ilteo_applications.database import Connection

# Seats taken (정원 중 신청 인원) are counted on each read rather than kept in a
# column, so that no status change can leave a stale count behind.
SEATS_TAKEN = sql.SQL(
    "(SELECT count(*) FROM applications AS held"
    " WHERE held.program_id = programs.id AND held.status IN ({})) AS seats_taken"
).format(
    sql.SQL(", ").join(sql.Literal(status.value) for status in sorted(HOLDING_A_SEAT))
)
COLUMNS = sql.SQL(
    "id, title, description, starts_at, ends_at, capacity, when_full, eligibility,"
    " questions, created_by, created_at, updated_at, {}"
).format(SEATS_TAKEN)
UPDATABLE = frozenset(
    {
        "title",
        "description",
        "starts_at",
        "ends_at",
        "capacity",
        "when_full",
        "eligibility",
        "questions",
    }
)
JSON_COLUMNS = frozenset({"eligibility", "questions"})


def _value(column: str, value: Any) -> Any:
    return Jsonb(value) if column in JSON_COLUMNS else value


async def insert(
    conn: Connection, *, fields: dict[str, Any], created_by: str
) -> DictRow:
    columns = [*fields, "created_by"]
    values = [_value(column, value) for column, value in fields.items()]
    query = sql.SQL("INSERT INTO programs ({}) VALUES ({}) RETURNING {}").format(
        sql.SQL(", ").join(map(sql.Identifier, columns)),
        sql.SQL(", ").join(sql.Placeholder() * len(columns)),
        COLUMNS,
    )
    cursor = await conn.execute(query, [*values, created_by])
    row = await cursor.fetchone()
    assert row is not None  # INSERT ... RETURNING returns the row
    return row


async def get(
    conn: Connection, *, program_id: UUID, for_update: bool = False
) -> DictRow | None:
    query = sql.SQL("SELECT {} FROM programs WHERE id = %s").format(COLUMNS)
    if for_update:
        # Serialises the submissions to one program: seats are counted under it.
        query += sql.SQL(" FOR UPDATE")
    cursor = await conn.execute(query, [program_id])
    return await cursor.fetchone()


async def update(
    conn: Connection, *, program_id: UUID, fields: dict[str, Any]
) -> DictRow | None:
    assert fields
    assert set(fields) <= UPDATABLE
    assignments = sql.SQL(", ").join(
        sql.SQL("{} = %s").format(sql.Identifier(column)) for column in fields
    )
    query = sql.SQL(
        "UPDATE programs SET {}, updated_at = now() WHERE id = %s RETURNING {}"
    ).format(assignments, COLUMNS)
    values = [_value(column, value) for column, value in fields.items()]
    cursor = await conn.execute(query, [*values, program_id])
    return await cursor.fetchone()


async def list_page(
    conn: Connection, *, limit: int, offset: int
) -> tuple[list[DictRow], int]:
    query = sql.SQL(
        "SELECT {}, count(*) OVER () AS total FROM programs"
        " ORDER BY starts_at DESC, id LIMIT %s OFFSET %s"
    ).format(COLUMNS)
    cursor = await conn.execute(query, [limit, offset])
    rows = await cursor.fetchall()
    total = int(rows[0]["total"]) if rows else await _count(conn)
    return rows, total


async def _count(conn: Connection) -> int:
    cursor = await conn.execute("SELECT count(*) AS n FROM programs")
    row = await cursor.fetchone()
    return int(row["n"]) if row else 0


async def has_applications(conn: Connection, *, program_id: UUID) -> bool:
    cursor = await conn.execute(
        "SELECT EXISTS (SELECT FROM applications WHERE program_id = %s) AS found",
        [program_id],
    )
    row = await cursor.fetchone()
    return bool(row and row["found"])
