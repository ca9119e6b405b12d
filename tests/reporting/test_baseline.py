"""初始上报: hall data no event has reported gets one baseline event, once; demo data never leaves the county."""

from __future__ import annotations

import asyncio

import pytest
import sqlalchemy as sa

from core.demo.load import load_demo
from core.graphql.relay import to_global_id
from core.halls.models import Hall
from core.jobs import run_jobs
from core.outbox.models import OutboxEvent
from tests.factories import make_hall, make_user
from tests.reporting.test_outbox import SET_STATUS
from tests.reporting.watch import OutboxWatch

pytestmark = pytest.mark.db


async def baseline(runtime) -> dict[str, int]:
    return {code: n for code, n in (await run_jobs(runtime, only="outbox.baseline"))["outbox.baseline"].changed.items() if n}


async def test_demo_data_is_never_reported(db, runtime):
    summary = await load_demo(db, jurisdiction_infos={"jiedong": runtime.plugins.info("jiedong")})
    assert summary.total > 50
    watch = OutboxWatch(db)
    assert await watch.new() == [], "loading the demo writes no outbox events"
    assert await baseline(runtime) == {}, "nor does the baseline pick demo rows up"
    assert await watch.new() == []


async def test_hall_data_never_reported_gets_one_baseline_event(gql, db, runtime):
    graph = await make_hall(db, windows=2, staff_per_window=2, items=2)
    watch = OutboxWatch(db)
    assert await baseline(runtime) == {"jiedong": 1 + 1 + 2 + 4 + 2}
    rows = await watch.new()
    assert sorted({(r.entity_type, r.event_type, r.sequence) for r in rows}) == [
        ("department", "department.baseline", 1), ("hall", "hall.baseline", 1), ("service_item", "service_item.baseline", 1), ("staff", "staff.baseline", 1),
        ("window", "window.baseline", 1)]
    window = next(r for r in rows if r.entity_id == graph.windows[0].id)
    assert window.payload["posts"] == [{"staff_id": str(graph.staff[0].id), "staff_number": graph.staff[0].staff_number,
                                        "role": "A"},
                                       {"staff_id": str(graph.staff[1].id), "staff_number": graph.staff[1].staff_number,
                                        "role": "B"}]
    item = next(r for r in rows if r.entity_id == graph.items[0].id)
    assert item.payload["offered_in"] == [{"hall_id": str(graph.hall.id), "since": None}]
    department = next(r for r in rows if r.entity_id == graph.departments[0].id)
    assert (department.payload["name"], department.payload["stationed_in"]) == (
        graph.departments[0].name, [{"hall_id": str(graph.hall.id), "since": None, "chief_representative_id": None}])
    staff = next(r for r in rows if r.entity_id == graph.staff[0].id)
    assert staff.payload["staff_number"] == graph.staff[0].staff_number and "phone" not in staff.payload

    assert await baseline(runtime) == {}, "each entity is reported once"
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))
    await gql.data(SET_STATUS, {"input": {"windowId": to_global_id("Window", graph.windows[0].id), "status": "SUSPENDED"}},
                   headers=admin["headers"])
    changed = await watch.one("window.status_changed")
    assert changed.sequence == 2, "later changes follow the baseline in the entity's sequence"


async def test_an_entity_its_services_reported_needs_no_baseline(gql, db, runtime):
    graph = await make_hall(db, windows=1, staff_per_window=1, items=0)
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))
    await gql.data(SET_STATUS, {"input": {"windowId": to_global_id("Window", graph.windows[0].id), "status": "SUSPENDED"}},
                   headers=admin["headers"])
    assert await baseline(runtime) == {"jiedong": 3}  # the hall, its department and the staff member; the window is known
    async with db.session() as session:
        window_events = (await session.execute(sa.select(OutboxEvent.event_type).where(
            OutboxEvent.entity_id == graph.windows[0].id))).scalars().all()
    assert window_events == ["window.status_changed"]


async def test_two_runs_at_once_report_each_entity_once(db, runtime):
    await make_hall(db, windows=2, staff_per_window=2, items=2)
    results = await asyncio.gather(*(run_jobs(runtime, only="outbox.baseline") for _ in range(2)))
    assert sum(r["outbox.baseline"].total for r in results) == 10
    async with db.session() as session:
        rows = (await session.execute(sa.select(OutboxEvent.entity_id, OutboxEvent.sequence))).all()
    assert len(rows) == len({entity_id for entity_id, _ in rows}) == 10 and {s for _, s in rows} == {1}


async def test_baseline_statements_do_not_grow_with_the_halls(db, runtime, count_statements):
    await make_hall(db)
    count_statements.reset()
    await baseline(runtime)
    few = count_statements.count
    for _ in range(3):
        await make_hall(db, windows=3)
    count_statements.reset()
    assert await baseline(runtime) == {"jiedong": 3 * (1 + 1 + 3 + 6 + 2)}
    assert count_statements.count == few, count_statements.statements
    async with db.session() as session:
        assert (await session.execute(sa.select(sa.func.count()).select_from(Hall))).scalar_one() == 4
