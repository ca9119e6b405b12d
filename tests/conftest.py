"""Test fixtures: every database test runs on SQLite and on PostgreSQL.

Each backend gets its own fresh database, made by the Alembic migrations and
dropped afterwards; tables are emptied after each test. PostgreSQL is
required: `TINGWU_TEST_POSTGRES_URL` points at a server whose user may create
databases (default: the local server with trust auth). Restrict the backends
with `TINGWU_TEST_BACKENDS=sqlite` while iterating locally; CI runs both.
"""

from __future__ import annotations

import asyncio
import os
import threading
import uuid
from dataclasses import replace

import httpx
import pytest
import sqlalchemy as sa

from core.config import Settings
from core.db import Database, metadata, migrations
from core.runtime import Runtime

# Personal data is sealed at rest (core.pii) under keys from a key file, never the database: the
# suite makes one test key file per run (subprocesses inherit it through the environment).
if not os.environ.get("TINGWU_KEY_FILE"):
    import tempfile

    from core.pii.keys import create_key_file

    _key_file = os.path.join(tempfile.mkdtemp(prefix="tingwu-test-keys-"), "keys.json")
    create_key_file(_key_file)
    os.environ["TINGWU_KEY_FILE"] = _key_file

POSTGRES_SERVER_URL = os.environ.get("TINGWU_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
BACKENDS = [b.strip() for b in os.environ.get("TINGWU_TEST_BACKENDS", "sqlite,postgresql").split(",") if b.strip()]
if os.environ.get("CI") and set(BACKENDS) != {"sqlite", "postgresql"}:
    raise RuntimeError("CI runs every database test on both SQLite and PostgreSQL")


def run_sync(coro):
    """Run a coroutine to completion from sync code, whether or not a loop is running here."""
    result: dict = {}

    def target():
        try:
            result["value"] = asyncio.run(coro)
        except BaseException as exc:
            result["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result.get("value")


async def _postgres_admin(statement: str) -> None:
    import asyncpg

    dsn = POSTGRES_SERVER_URL.replace("postgresql+asyncpg://", "postgresql://")
    conn = await asyncpg.connect(dsn, timeout=10)
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


def postgres_database_url(name: str) -> str:
    base = POSTGRES_SERVER_URL.replace("postgresql://", "postgresql+asyncpg://", 1)
    return base.rsplit("/", 1)[0] + "/" + name


def _create_database(backend: str, tmp_path_factory) -> tuple[str, callable]:
    if backend == "sqlite":
        path = tmp_path_factory.mktemp("sqlite") / "tingwu_test.db"
        return f"sqlite+aiosqlite:///{path}", lambda: None
    name = f"tingwu_test_{uuid.uuid4().hex[:12]}"
    try:
        run_sync(_postgres_admin(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        pytest.fail(
            f"PostgreSQL is required for the test suite and could not be reached at {POSTGRES_SERVER_URL}: {exc}. "
            "Start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) "
            "or set TINGWU_TEST_BACKENDS=sqlite for a local SQLite-only run.",
            pytrace=False,
        )
    return postgres_database_url(name), lambda: run_sync(_postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def fresh_database_url(tmp_path_factory):
    """A factory of empty databases (no schema) on a backend; all dropped at the end of the session."""
    drops = []

    def make(backend: str) -> str:
        url, drop = _create_database(backend, tmp_path_factory)
        drops.append(drop)
        return url

    yield make
    for drop in drops:
        drop()


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def database_url(backend, fresh_database_url) -> str:
    """The backend's test database, migrated to head by Alembic (the only way a schema is made)."""
    url = fresh_database_url(backend)
    migrations.upgrade(url)
    return url


@pytest.fixture(scope="session")
async def runtime(database_url):
    settings = Settings(database_url=database_url, env="development", secret_key="test-secret-key-that-is-long-enough-for-hs256")
    runtime = Runtime.create(settings)
    yield runtime
    await runtime.close()


# Rows the migrations seed (the policy and its version) survive between tests.
MIGRATION_SEEDED = {"casbin_rule": "ptype = 'p'", "authz_state": "1 = 1"}


async def empty_all_tables(db: Database) -> None:
    tables = [t for t in reversed(metadata.sorted_tables) if t.name not in MIGRATION_SEEDED]
    async with db.transaction() as session:
        if db.dialect == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            await session.execute(sa.text(f"TRUNCATE {names} CASCADE"))
        else:
            for table in tables:
                await session.execute(table.delete())
        await session.execute(sa.text("DELETE FROM casbin_rule WHERE ptype <> 'p'"))


@pytest.fixture
async def db(runtime):
    """The backend's database, emptied after the test (and the rate-limit counts forgotten)."""
    await runtime.limiter.reset()
    yield runtime.db
    await empty_all_tables(runtime.db)


@pytest.fixture
def app(runtime, db):
    from core.app import create_app

    return create_app(runtime, check_on_startup=False)


class GraphQLClient:
    def __init__(self, http: httpx.AsyncClient):
        self.http = http

    async def execute(self, query: str, variables: dict | None = None, *, headers: dict | None = None) -> dict:
        response = await self.http.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers or {})
        assert response.status_code == 200, response.text
        return response.json()

    async def data(self, query: str, variables: dict | None = None, **kwargs) -> dict:
        """Execute and insist there were no errors."""
        body = await self.execute(query, variables, **kwargs)
        assert not body.get("errors"), body["errors"]
        return body["data"]


@pytest.fixture
async def gql(app):
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://tingwu.test") as http:
        yield GraphQLClient(http)


class StatementCounter:
    def __init__(self):
        self.statements: list[str] = []
        self.read_log_inserts = 0

    def __call__(self, conn, cursor, statement, parameters, context, executemany):
        # Transaction control, the amortised policy-version check (at most once a second), the policy reload
        # when the version moved, and the token check (once per token per worker until the version moves)
        # are not part of what a request asks.
        if (statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA")) or "authz_state" in statement
                or statement.lstrip().startswith(("SELECT access_token.user_id, access_token.revoked_at",
                                                  "SELECT casbin_rule.id, casbin_rule.ptype"))):
            return
        # The personal-data read log: one INSERT when an operation that showed unmasked values ends,
        # whatever the answer's size (tests/privacy/test_read_log_cost.py counts it on its own).
        if statement.lstrip().upper().startswith("INSERT INTO PERSONAL_DATA_ACCESS"):
            self.read_log_inserts += 1
            return
        self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)

    def reset(self) -> None:
        self.statements.clear()
        self.read_log_inserts = 0


@pytest.fixture
def count_statements(runtime):
    """Counts SQL statements (transaction control excluded) sent while the test runs."""
    counter = StatementCounter()
    sa.event.listen(runtime.db.engine.sync_engine, "before_cursor_execute", counter)
    yield counter
    sa.event.remove(runtime.db.engine.sync_engine, "before_cursor_execute", counter)


def settings_for(url: str, **changes) -> Settings:
    return replace(Settings(database_url=url, secret_key="test-secret-key-that-is-long-enough-for-hs256"), **changes)


class Clock:
    """The runtime's clock set by a test: ``clock.set("2026-09-24 10:00")`` (Asia/Shanghai)."""

    def __init__(self):
        self.moment = None

    def set(self, local: str):
        from datetime import datetime
        from zoneinfo import ZoneInfo

        self.moment = datetime.fromisoformat(local).replace(tzinfo=ZoneInfo("Asia/Shanghai"))
        return self.moment

    def __call__(self):
        return self.moment


@pytest.fixture
def hall_hours_clock(monkeypatch):
    """The platform clock (core.clock) shifted to start on a working morning (Friday 2026-11-20 10:00 in
    China) and running on: for end-to-end flows that take tickets, issued only in service hours (S1)."""
    from datetime import datetime, timezone

    from core import clock as platform_clock

    start = datetime(2026, 11, 20, 2, 0, tzinfo=timezone.utc)
    monkeypatch.setattr(platform_clock, "_OFFSET", start - datetime.now(timezone.utc))
    return start


@pytest.fixture
def clock(runtime):
    """Fix the time every rule is applied at; restored after the test."""
    fixed, original = Clock(), runtime.clock
    fixed.set("2026-11-20 10:00")
    runtime.clock = fixed
    yield fixed
    runtime.clock = original


# --- logs never carry personal data: every record the suite logs is scanned (tests/privacy/log_scan.py) ---

def pytest_sessionstart(session):
    import logging

    from tests.privacy.log_scan import PersonalDataLogScanner

    from tests.privacy import log_scan

    session.config._personal_data_log_scanner = scanner = log_scan.ACTIVE = PersonalDataLogScanner()
    root = logging.getLogger()
    session.config._root_log_level = root.level
    root.addHandler(scanner)
    root.setLevel(min(root.level, logging.INFO))  # scan what the platform logs at INFO and above


def pytest_sessionfinish(session, exitstatus):
    scanner = getattr(session.config, "_personal_data_log_scanner", None)
    if scanner is None:
        return
    import logging

    logging.getLogger().removeHandler(scanner)
    logging.getLogger().setLevel(session.config._root_log_level)
    if scanner.hits:
        session.config._personal_data_log_hits = scanner.hits
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    hits = getattr(config, "_personal_data_log_hits", None)
    if hits:
        terminalreporter.section("personal data in the logs", sep="=", red=True)
        for name, kind, masked in hits[:50]:
            terminalreporter.line(f"{name}: {kind} {masked}")
