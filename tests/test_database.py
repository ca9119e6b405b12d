"""Database behaviour: concurrent writers never see "database is locked"; timestamps stay aware."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from core.jurisdictions.models import Jurisdiction
from core.timezones import SHANGHAI, to_local

pytestmark = pytest.mark.db


async def test_concurrent_write_transactions_all_commit(db):
    async def write(n: int):
        async with db.transaction() as session:
            session.add(Jurisdiction(code=f"c{n:03d}", name=f"测试{n}", province="广东", region_code="440000"))
            await session.flush()
            # Hold the transaction across an await so that writers really overlap.
            await asyncio.sleep(0.001)
            await session.execute(sa.select(sa.func.count()).select_from(Jurisdiction))

    async def read():
        async with db.session() as session:
            return (await session.execute(sa.select(sa.func.count()).select_from(Jurisdiction))).scalar_one()

    results = await asyncio.gather(*(write(n) for n in range(40)), *(read() for _ in range(20)))
    assert all(r is None or isinstance(r, int) for r in results)
    async with db.session() as session:
        assert (await session.execute(sa.select(sa.func.count()).select_from(Jurisdiction))).scalar_one() == 40


async def test_failed_transaction_writes_nothing(db):
    with pytest.raises(RuntimeError):
        async with db.transaction() as session:
            session.add(Jurisdiction(code="x1", name="x", province="广东", region_code="440000"))
            await session.flush()
            raise RuntimeError("boom")
    async with db.session() as session:
        assert (await session.execute(sa.select(Jurisdiction))).first() is None


async def test_timestamps_round_trip_as_aware_utc(db):
    moment = datetime(2026, 11, 21, 1, 30, tzinfo=timezone.utc)
    async with db.transaction() as session:
        session.add(Jurisdiction(code="tz", name="x", province="广东", region_code="440000", created_at=moment))
    async with db.session() as session:
        row = (await session.execute(sa.select(Jurisdiction).where(Jurisdiction.code == "tz"))).scalar_one()
    assert row.created_at == moment and row.created_at.tzinfo is not None
    assert to_local(row.created_at).isoformat() == "2026-11-21T09:30:00+08:00"
    assert to_local(row.created_at).tzinfo == SHANGHAI


async def test_naive_timestamps_are_refused(db):
    with pytest.raises(Exception, match="naive datetime"):
        async with db.transaction() as session:
            session.add(Jurisdiction(code="naive", name="x", province="广东", region_code="440000",
                                     created_at=datetime(2026, 11, 21, 9, 30)))
            await session.flush()
