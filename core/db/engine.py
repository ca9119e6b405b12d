"""The async engine and the two kinds of session: read and write.

SQLite (the embedded default) runs in WAL mode. Readers never block the
writer; writers are serialized: within a process by an asyncio lock, across
processes by ``BEGIN IMMEDIATE`` plus a busy timeout, so a client never sees
"database is locked". PostgreSQL (the scale database) runs through asyncpg.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, create_async_engine

SQLITE_BUSY_TIMEOUT_MS = 30_000


STATEMENT_TIMEOUT_MS = 15_000


class Database:
    """Owns the engine; hands out short-lived sessions (never share one across concurrent resolvers)."""

    def __init__(self, url: str, *, echo: bool = False):
        import core.rollups.service  # noqa: F401  (its session listeners keep the rollups exact on every commit)

        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            self.engine: AsyncEngine = create_async_engine(
                url, echo=echo, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
                hide_parameters=True,  # personal data never in error messages or logs (core.pii)
            )
            _configure_sqlite(self.engine)
            self._write_engine = self.engine.execution_options(tingwu_write=True)
        else:
            # Every statement is bounded (TINGWU_STATEMENT_TIMEOUT_MS, default 15 s): a runaway query is cancelled
            # by PostgreSQL instead of holding a connection and a worker.
            timeout_ms = str(int(os.environ.get("TINGWU_STATEMENT_TIMEOUT_MS") or STATEMENT_TIMEOUT_MS))
            self.engine = create_async_engine(url, echo=echo, pool_size=10, max_overflow=20, pool_pre_ping=True,
                                              hide_parameters=True,  # no personal data in logged errors
                                              connect_args={"server_settings": {"statement_timeout": timeout_ms}})
            self._write_engine = self.engine
        self._write_lock = asyncio.Lock() if self.is_sqlite else None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A read session; its transaction ends (rolled back) when the block exits."""
        async with AsyncSession(self.engine, expire_on_commit=False) as session:
            yield session

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A write transaction: committed when the block exits cleanly, rolled back otherwise."""
        if self._write_lock is None:
            async with AsyncSession(self._write_engine, expire_on_commit=False) as session:
                async with session.begin():
                    yield session
            return
        async with self._write_lock:
            async with AsyncSession(self._write_engine, expire_on_commit=False) as session:
                async with session.begin():
                    yield session

    async def dispose(self) -> None:
        await self.engine.dispose()


def _configure_sqlite(engine: AsyncEngine) -> None:
    sync_engine = engine.sync_engine

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Take transaction control from pysqlite so that writers can BEGIN IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        from core.graphql.compiler.sql import install_sqlite_functions  # global IDs and cursors in compiled reads

        install_sqlite_functions(dbapi_connection)

    @event.listens_for(sync_engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("tingwu_write") else "BEGIN")
