"""Benchmark: the nested hall query (halls → windows → staff) through the whole GraphQL stack.

Builds a database of N halls (migrated by Alembic), then times the query
through the ASGI app in-process (no network), reporting latency percentiles,
throughput, CPU and SQL statements per request for three reads (nested halls, one hall by id, halls
with their service items), each on the compiled path and on the resolvers (answers checked equal). Run: `make bench`, or
`python bench/run.py --halls 50 --windows 10 --requests 200 [--database-url postgresql://…]`.
The number that matters is compared run against run on the same machine;
nothing here is asserted by a test.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.app import create_app, tune_garbage_collector  # noqa: E402
from core.config import Settings, normalize_database_url  # noqa: E402
from core.db import migrations  # noqa: E402
from core.departments.models import Department, HallDepartment  # noqa: E402
from core.halls.models import Hall  # noqa: E402
from core.items.models import HallItem, ServiceItem  # noqa: E402
from core.jurisdictions.models import Jurisdiction  # noqa: E402
from core.runtime import Runtime  # noqa: E402
from core.staff.models import Staff  # noqa: E402
from core.windows.models import Window, WindowAssignment  # noqa: E402

QUERY = """{ halls(first: 100) { totalCount edges { node { id name levelLabel
  windows { number typeLabel statusLabel staff { role staff { name staffNumber } } } } } } }"""
# One hall by id with its windows and staff (the hall screen's read), and halls with their service items.
HALL_QUERY = """query($id: ID!) { hall(id: $id) { id name levelLabel
  windows { number typeLabel statusLabel staff { role staff { name staffNumber } } } } }"""
ITEMS_QUERY = """{ halls(first: 100) { totalCount edges { node { id name
  serviceItems { code name typeLabel promisedLimitDays } } } } }"""
ITEMS_PER_HALL = 10


async def build(runtime: Runtime, halls: int, windows: int, staff_per_window: int) -> None:
    async with runtime.db.transaction() as session:
        session.add(Jurisdiction(code="jiedong", name="揭阳市揭东区", province="广东", region_code="445203"))
        await session.flush()
        for h in range(halls):
            hall = Hall(jurisdiction_code="jiedong", level="town", place=f"镇{h}", name=f"揭东区第{h:03d}镇政务服务中心")
            department = Department(jurisdiction_code="jiedong", name=f"部门{h}", short_name="部门")
            session.add_all([hall, department])
            await session.flush()
            session.add(HallDepartment(hall_id=hall.id, department_id=department.id))
            for i in range(ITEMS_PER_HALL):
                item = ServiceItem(jurisdiction_code="jiedong", department_id=department.id, code=f"I{h:03d}-{i:02d}",
                                   catalog_code=f"C{i:02d}", name=f"事项{i}", type="licensing", legal_limit_days=20,
                                   promised_limit_days=i, materials=["申请表"])
                session.add(item)
                await session.flush()
                session.add(HallItem(hall_id=hall.id, item_id=item.id))
            for w in range(windows):
                window = Window(hall_id=hall.id, department_id=department.id, number=f"A{w:02d}", name="综合窗口",
                                type="comprehensive")
                session.add(window)
                await session.flush()
                for s in range(staff_per_window):
                    member = Staff(hall_id=hall.id, department_id=department.id, staff_number=f"S{h}-{w}-{s}",
                                   name=f"员工{h}{w}{s}")
                    session.add(member)
                    await session.flush()
                    session.add(WindowAssignment(window_id=window.id, staff_id=member.id, role="A" if s == 0 else "B"))


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--halls", type=int, default=50)
    parser.add_argument("--windows", type=int, default=10)
    parser.add_argument("--staff-per-window", type=int, default=2)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--database-url", help="an empty database to fill (default: a temporary SQLite file)")
    args = parser.parse_args()

    url = normalize_database_url(args.database_url) if args.database_url else \
        f"sqlite+aiosqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    migrations.upgrade(url)
    runtime = Runtime.create(Settings(database_url=url, jurisdictions=["jiedong"]))
    await build(runtime, args.halls, args.windows, args.staff_per_window)
    statements = 0

    def count(*_):
        nonlocal statements
        statements += 1

    tune_garbage_collector()  # as the server does at start-up (the in-process transport runs no lifespan)
    async with runtime.db.engine.connect() as conn:
        hall_id = (await conn.execute(sa.select(Hall.id).order_by(Hall.name).limit(1))).scalar_one()
    reads = {"nested halls": {"query": QUERY}, "hall by id": {"query": HALL_QUERY, "variables": {"id": str(hall_id)}},
             "halls + items": {"query": ITEMS_QUERY}}
    objects = args.halls * (1 + args.windows * (1 + args.staff_per_window))
    print(f"backend            {runtime.db.dialect}")
    print(f"data               {args.halls} halls, {args.halls * args.windows} windows, "
          f"{args.halls * args.windows * args.staff_per_window} staff ({objects} objects per nested answer), "
          f"{ITEMS_PER_HALL} items per hall")
    print(f"requests           {args.requests} at concurrency {args.concurrency}, per read and path")
    for name, payload in reads.items():
        answers = {}
        for compiled in (True, False):
            path = "compiled" if compiled else "resolvers"
            app = create_app(runtime, check_on_startup=False, compiled_reads=compiled)
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
                warm = await client.post("/graphql", json=payload)
                assert not warm.json().get("errors"), warm.text
                answers[path] = warm.json()
                statements = 0

                def count(*_):
                    nonlocal statements
                    statements += 1

                sa.event.listen(runtime.db.engine.sync_engine, "before_cursor_execute", count)
                await client.post("/graphql", json=payload)
                per_request = statements
                sa.event.remove(runtime.db.engine.sync_engine, "before_cursor_execute", count)
                latencies: list[float] = []
                remaining = args.requests

                async def worker():
                    nonlocal remaining
                    while remaining > 0:
                        remaining -= 1
                        started = time.perf_counter()
                        response = await client.post("/graphql", json=payload)
                        response.raise_for_status()
                        latencies.append(time.perf_counter() - started)

                cpu = time.process_time()
                started = time.perf_counter()
                await asyncio.gather(*(worker() for _ in range(args.concurrency)))
                elapsed = time.perf_counter() - started
                cpu = (time.process_time() - cpu) / args.requests
            latencies.sort()
            print(f"{name:<14} {path:<10} {args.requests / elapsed:7.1f} req/s  p50 {statistics.median(latencies) * 1000:6.1f} ms  "
                  f"p95 {latencies[int(len(latencies) * 0.95) - 1] * 1000:6.1f} ms  CPU/req {cpu * 1000:6.1f} ms  "
                  f"SQL/req {per_request}")
        assert answers["compiled"] == answers["resolvers"], f"{name}: the two paths disagree"
    await runtime.close()
    print(f"run id             {uuid.uuid4().hex[:8]}")

if __name__ == "__main__":
    asyncio.run(main())
