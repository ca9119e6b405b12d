"""Plans of the hot statements on PostgreSQL: the bulletins' reads of the rollups and the write path's
re-count of a hall-day use an index, never a sequential scan over a big table.

Test data are small, so the planner would rightly scan them; with ``enable_seqscan = off`` it still does
when no index can answer the statement, which is what these tests catch. Each statement is captured while
the real code runs (the hall bulletin, the provincial bulletin, a write's re-count), then EXPLAINed with its
parameters.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from core.bulletin import service as bulletin_service
from core.bulletin.models import BulletinScope
from core.calendar.service import load_calendar
from core.policy.service import JurisdictionPolicy
from core.province import service as province_service
from core.province.service import Area, AreaGroup
from core.rollups import service as rollups_service
from tests.factories import add_case, make_hall

pytestmark = pytest.mark.db

BIG_TABLES = ("case", "rating", "queue_ticket", "complaint", "case_correction_notice", "rollup_case",
              "rollup_case_clock", "rollup_ticket", "rollup_rating", "rollup_complaint")


class Capture:
    def __init__(self):
        self.statements: list[tuple[str, object]] = []

    def __call__(self, conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(("SELECT", "INSERT", "DELETE", "WITH")) and "pg_advisory" not in statement:
            self.statements.append((statement, parameters))


def _seq_scans(plan: str) -> list[str]:
    return [table for table in BIG_TABLES if re.search(rf'Seq Scan on "?{table}"? ', plan)]


async def _captured(db, work) -> list[tuple[str, object]]:
    capture = Capture()
    sa.event.listen(db.engine.sync_engine, "before_cursor_execute", capture)
    try:
        await work()
    finally:
        sa.event.remove(db.engine.sync_engine, "before_cursor_execute", capture)
    return capture.statements


async def _check(db, statements) -> None:
    plans = await _collect(db, statements)
    assert all("Index" in plan or "Result" in plan for _, plan in plans), plans
    bad = [(statement[:200], scans) for statement, plan in plans if (scans := _seq_scans(plan))]
    assert plans and not bad, bad


async def _collect(db, statements) -> list[tuple[str, str]]:
    """Each statement's plan, with its parameters, as the driver sent it, sequential scans discouraged."""
    collected = []
    async with db.engine.connect() as conn:
        asyncpg_conn = (await conn.get_raw_connection()).driver_connection
        tx = asyncpg_conn.transaction()
        await tx.start()
        try:
            await asyncpg_conn.execute("SET LOCAL enable_seqscan = off")
            for statement, parameters in statements:
                rows = await asyncpg_conn.fetch("EXPLAIN " + statement, *(parameters or ()))
                collected.append((statement, "\n".join(r[0] for r in rows)))
        finally:
            await tx.rollback()
    return collected


@pytest.fixture
async def hall(backend, db):
    if backend != "postgresql":
        pytest.skip("plans are PostgreSQL's")
    graph = await make_hall(db, jurisdiction="panyu")
    await add_case(db, graph)
    return graph


async def test_the_hall_bulletin_reads_rollups_by_index(db, runtime, hall):
    async with db.session() as session:
        policy = JurisdictionPolicy(runtime.plugins.hook, "panyu", await load_calendar(session, jurisdiction="panyu"))

    async def work():
        async with db.session() as session:
            for scope in BulletinScope:
                await bulletin_service.compute(session, policy=policy, hall=hall.hall, scope=scope,
                                               first=date(2026, 11, 1), last=date(2026, 11, 30), today=date(2026, 12, 6))
    statements = [s for s in await _captured(db, work) if "rollup_" in s[0]]
    assert len(statements) == 4 * len(BulletinScope)
    await _check(db, statements)


async def test_the_provincial_bulletin_reads_rollups_by_index(db, runtime, hall):
    async with db.session() as session:
        policy = JurisdictionPolicy(runtime.plugins.hook, "panyu", await load_calendar(session, jurisdiction="panyu"))

    async def work():
        async with db.session() as session:
            for group in AreaGroup:
                await province_service.compute(session, area=Area(label="广东", codes=("panyu",)), group=group,
                                               first=date(2026, 11, 1), last=date(2026, 11, 30), today=date(2026, 12, 6),
                                               policies={"panyu": policy}, county_names={"panyu": "番禺区"})
    statements = [s for s in await _captured(db, work) if "rollup_" in s[0]]
    assert len(statements) == 5 * len(AreaGroup)
    await _check(db, statements)


async def test_a_writes_recount_of_a_hall_day_reads_by_index(db, hall):
    async def work():
        async with db.transaction() as session:
            await rollups_service.rebuild(session, first=date.today() - timedelta(days=1), last=date.today(),
                                          hall_ids=[hall.hall.id])
    statements = await _captured(db, work)
    assert len(statements) >= 2 * 2 * len(rollups_service.SOURCES)
    await _check(db, statements)


def test_the_check_sees_a_sequential_scan():
    plan = 'Aggregate\n  ->  Seq Scan on rollup_rating  (cost=10000000000.00..10000000001.01 rows=1 width=8)'
    assert _seq_scans(plan) == ["rollup_rating"]
    assert _seq_scans('Index Scan using pk_rollup_case on rollup_case') == []
