"""The connection pool, the schema's readiness and the readiness probe."""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import psycopg
import structlog
from psycopg.rows import DictRow, dict_row
from psycopg_pool import AsyncConnectionPool

from ilteo_applications.conninfo import connection_string
from ilteo_applications.migrate import (
    MigrationError,
    apply_migrations,
    latest_version,
)
from ilteo_applications.settings import Settings

PROBE_TIMEOUT_S = 1.5

Connection = psycopg.AsyncConnection[DictRow]

log = structlog.get_logger(__name__)


class SchemaNotReady(RuntimeError):
    """The migrations have not run yet (the database was unreachable at start)."""


class Database:
    """The pool, and whether the schema is up to date to be used."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self.pool: AsyncConnectionPool[Connection] = AsyncConnectionPool(
            connection_string(settings),
            kwargs={"autocommit": True, "row_factory": dict_row},
            min_size=settings.pool_min_size,
            max_size=settings.pool_max_size,
            timeout=settings.pool_timeout_s,
            # A connection broken by a restart of the server is replaced, not used.
            check=AsyncConnectionPool.check_connection,
            open=False,
            name="applications",
        )
        self.schema_ready = asyncio.Event()
        self._migrating: asyncio.Task[None] | None = None
        self._not_ready_reason = "the schema is not migrated yet"

    async def open(self) -> None:
        # Without waiting: the service starts, and readiness tells when it can work.
        await self.pool.open(wait=False)
        if self._settings.migrate_on_start:
            self._migrating = asyncio.create_task(self._migrate_until_done())
        else:
            self._migrating = asyncio.create_task(self._wait_for_schema())

    async def close(self) -> None:
        if self._migrating is not None:
            self._migrating.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._migrating
        await self.pool.close()

    async def _migrate_until_done(self) -> None:
        while True:
            try:
                async with self.pool.connection() as conn:
                    applied = await apply_migrations(conn)
            except psycopg.OperationalError as exc:
                log.warning("migrations.deferred", reason=str(exc)[:300])
                await asyncio.sleep(self._settings.migrate_retry_s)
                continue
            except (MigrationError, psycopg.Error) as exc:
                # Retrying cannot help; readiness reports it until someone fixes it.
                log.error("migrations.failed", reason=str(exc))
                self._not_ready_reason = f"migrations failed: {exc}"[:300]
                return
            log.info("migrations.done", applied=applied)
            self.schema_ready.set()
            return

    async def _wait_for_schema(self) -> None:
        wanted = latest_version()
        while True:
            try:
                current = await self._schema_version()
            except psycopg.Error as exc:
                log.warning("schema.unknown", reason=str(exc)[:300])
            else:
                if current >= wanted:
                    self.schema_ready.set()
                    return
                log.warning("schema.behind", version=current, wanted=wanted)
            await asyncio.sleep(self._settings.migrate_retry_s)

    async def _schema_version(self) -> int:
        async with self.pool.connection() as conn:
            cursor = await conn.execute(
                "SELECT coalesce(max(version), 0) AS version FROM schema_migrations"
            )
            row = await cursor.fetchone()
        return int(row["version"]) if row else 0

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[Connection]:
        if not self.schema_ready.is_set():
            raise SchemaNotReady(self._not_ready_reason)
        async with self.pool.connection() as conn:
            yield conn

    async def check(self) -> None:
        """Readiness: the schema is migrated and the server answers a query."""
        if not self.schema_ready.is_set():
            raise SchemaNotReady(self._not_ready_reason)
        async with self.pool.connection(timeout=PROBE_TIMEOUT_S) as conn:
            await conn.execute("SELECT 1")
