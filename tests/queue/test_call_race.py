"""Races: two callNextTicket at the same window never leave it with two called tickets (both databases).

The race is forced: the first call holds its transaction open after claiming a ticket; the second call
starts meanwhile. Without the window's lock it would claim the next ticket at once (on PostgreSQL
``SKIP LOCKED`` lets it pass the first claim); with the lock it waits, then finds the window busy.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import sqlalchemy as sa

from core.errors import DomainError
from core.graphql.relay import to_global_id
from core.items.models import ServiceItem
from core.queue import service as queue_service
from core.queue.models import QueueTicket, TicketStatus
from core.windows.models import Window
from tests.factories import make_hall, make_user

AT = datetime(2026, 11, 20, 1, 0, tzinfo=timezone.utc)  # 09:00 in Shanghai


async def test_a_second_call_at_the_same_window_waits_for_the_first_and_is_refused(db):
    graph = await make_hall(db, jurisdiction="panyu", windows=1, items=1)
    window_id = graph.windows[0].id
    async with db.transaction() as session:
        item = await session.get(ServiceItem, graph.items[0].id)
        for _ in range(3):
            await queue_service.take(session, hall_id=graph.hall.id, item=item, at=AT, source="on_site")

    first_claimed = asyncio.Event()
    release_first = asyncio.Event()
    outcomes: dict[str, str] = {}

    async def first():
        async with db.transaction() as session:
            window = await session.get(Window, window_id)
            ticket = await queue_service.call_next(session, window=window, at=AT)
            outcomes["first"] = ticket.number
            first_claimed.set()
            await release_first.wait()  # the transaction stays open, its claim uncommitted

    async def second():
        await first_claimed.wait()
        try:
            async with db.transaction() as session:
                window = await session.get(Window, window_id)
                outcomes["second"] = (await queue_service.call_next(session, window=window, at=AT)).number
        except DomainError as exc:
            outcomes["second"] = exc.code

    tasks = [asyncio.create_task(first()), asyncio.create_task(second())]
    await first_claimed.wait()
    await asyncio.sleep(0.5)
    assert "second" not in outcomes  # waiting for the window, not racing past it
    release_first.set()
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=30)
    assert outcomes == {"first": "A001", "second": "WINDOW_BUSY"}
    async with db.session() as session:
        called = (await session.execute(sa.select(sa.func.count()).select_from(QueueTicket).where(
            QueueTicket.window_id == window_id, QueueTicket.status == TicketStatus.CALLED))).scalar_one()
    assert called == 1


CALL = """mutation($window: ID!) { callNextTicket(input: {windowId: $window}) {
  __typename ... on CallNextTicketSuccess { ticket { number } } ... on Error { code } } }"""


async def test_many_calls_at_one_window_at_once_call_one_ticket(gql, db, runtime, clock):
    graph = await make_hall(db, jurisdiction="panyu", windows=1, items=1)
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))
    clock.set("2026-11-20 09:00")
    async with db.transaction() as session:
        item = await session.get(ServiceItem, graph.items[0].id)
        for _ in range(5):
            await queue_service.take(session, hall_id=graph.hall.id, item=item, at=runtime.now(), source="on_site")
    window = to_global_id("Window", graph.windows[0].id)
    results = await asyncio.gather(*(gql.data(CALL, {"window": window}, headers=admin["headers"]) for _ in range(6)))
    answers = [r["callNextTicket"] for r in results]
    assert sum(1 for a in answers if a["__typename"] == "CallNextTicketSuccess") == 1
    # The others are refused as a state conflict, not as bad input.
    assert {(a["__typename"], a["code"]) for a in answers if a["__typename"] != "CallNextTicketSuccess"} == {
        ("ConflictError", "WINDOW_BUSY")}
