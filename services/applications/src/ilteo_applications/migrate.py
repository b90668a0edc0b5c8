"""Schema migrations: versioned SQL files applied in order, in one transaction.

Each file in ``migrations/`` is named ``NNNN_what.sql``. A run takes an advisory lock
(so that two replicas starting together apply nothing twice), applies every file
not yet in ``schema_migrations`` and records its checksum; PostgreSQL's DDL is
transactional, so a failing file leaves the schema as it was. An applied file that
was edited afterwards stops the run: the fix is a new file, never a changed one.
"""

import asyncio
import hashlib
import re
import sys
from dataclasses import dataclass
from importlib import resources
from typing import Any

import psycopg
import structlog
from psycopg.rows import tuple_row

from ilteo_applications.conninfo import connection_string
from ilteo_applications.settings import Settings
from ilteo_common.logging import configure_logging

# Any constant both processes agree on; this one spells "ILTEO-AP" in hex.
MIGRATION_LOCK_ID = 0x494C54454F2D4150
FILE_NAME = re.compile(r"(?P<version>\d{4})_(?P<name>[a-z0-9_]+)\.sql")

log = structlog.get_logger(__name__)


class MigrationError(RuntimeError):
    """The schema cannot be brought up to date; the message says why."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def bundled_migrations() -> list[Migration]:
    found = []
    for entry in resources.files("ilteo_applications.migrations").iterdir():
        match = FILE_NAME.fullmatch(entry.name)
        if match is None:
            continue
        found.append(
            Migration(int(match["version"]), match["name"], entry.read_text("utf-8"))
        )
    found.sort(key=lambda migration: migration.version)
    versions = [migration.version for migration in found]
    if len(set(versions)) != len(versions):
        raise MigrationError(f"two migration files share a version: {versions}")
    return found


async def apply_migrations(conn: psycopg.AsyncConnection[Any]) -> list[int]:
    """Apply what is pending on ``conn`` (in autocommit mode); returns the versions."""
    migrations = bundled_migrations()
    applied_now = []
    async with conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock(%s)", [MIGRATION_LOCK_ID])
        await conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version integer PRIMARY KEY,"
            " name text NOT NULL,"
            " checksum text NOT NULL,"
            " applied_at timestamptz NOT NULL DEFAULT now())"
        )
        # Whatever row factory the caller's connection has, tuples here.
        async with conn.cursor(row_factory=tuple_row) as cursor:
            await cursor.execute("SELECT version, checksum FROM schema_migrations")
            applied = {int(row[0]): str(row[1]) for row in await cursor.fetchall()}

        for migration in migrations:
            if migration.version in applied:
                if applied[migration.version] != migration.checksum:
                    raise MigrationError(
                        f"migration {migration.version:04d}_{migration.name} was "
                        "changed after it was applied; add a new migration instead"
                    )
                continue
            await conn.execute(migration.sql.encode())
            await conn.execute(
                "INSERT INTO schema_migrations (version, name, checksum)"
                " VALUES (%s, %s, %s)",
                [migration.version, migration.name, migration.checksum],
            )
            applied_now.append(migration.version)
    return applied_now


def latest_version() -> int:
    migrations = bundled_migrations()
    return migrations[-1].version if migrations else 0


async def _migrate(settings: Settings) -> list[int]:
    async with await psycopg.AsyncConnection.connect(
        connection_string(settings), autocommit=True
    ) as conn:
        return await apply_migrations(conn)


def main() -> None:
    """``ilteo-applications-migrate``: bring the schema up to date, then exit."""
    settings = Settings()
    configure_logging(
        service="applications", level=settings.log_level, json=settings.logs_as_json
    )
    try:
        applied = asyncio.run(_migrate(settings))
    except (MigrationError, psycopg.Error) as exc:
        log.error("migrations.failed", reason=str(exc))
        sys.exit(1)
    log.info("migrations.done", applied=applied, version=latest_version())
