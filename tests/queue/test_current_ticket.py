"""Window.currentTicket: what a window client finds on sign-in — the ticket its window called or serves."""

from __future__ import annotations

import pytest

from core.graphql.relay import to_global_id
from tests.factories import make_hall, make_user
from tests.queue.test_subscriptions import CALL, TAKE

pytestmark = pytest.mark.db

CURRENTS = """query($hall: ID!) { hall(id: $hall) { windows { number currentTicket { number status } } } }"""
FINISH = """mutation($t: ID!) { finishTicket(input: {ticketId: $t}) { __typename ... on Error { code } } }"""
START = """mutation($t: ID!) { startTicket(input: {ticketId: $t}) { __typename } }"""


async def test_each_window_shows_the_ticket_it_called_until_it_is_finished(gql, db, runtime, clock, count_statements):
    graph = await make_hall(db, jurisdiction="panyu", windows=3)
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))
    hall_id = to_global_id("Hall", graph.hall.id)
    for _ in range(2):
        await gql.data(TAKE, {"hall": hall_id, "item": graph.items[0].code})
    called = {}
    for window in graph.windows[:2]:
        ticket = (await gql.data(CALL, {"window": to_global_id("Window", window.id)}, headers=admin["headers"]))
        called[window.number] = ticket["callNextTicket"]["ticket"]
    await gql.data(START, {"t": called["A02"]["id"]}, headers=admin["headers"])

    count_statements.reset()
    windows = (await gql.data(CURRENTS, {"hall": hall_id}))["hall"]["windows"]  # anonymous, as the screen sees it
    assert {w["number"]: w["currentTicket"] for w in windows} == {
        "A01": {"number": "A001", "status": "CALLED"}, "A02": {"number": "A002", "status": "SERVING"}, "A03": None}
    assert count_statements.count <= 4  # hall, windows, current tickets: one each

    await gql.data(START, {"t": called["A01"]["id"]}, headers=admin["headers"])
    assert (await gql.data(FINISH, {"t": called["A01"]["id"]}, headers=admin["headers"]))["finishTicket"]["__typename"] == "FinishTicketSuccess"
    windows = (await gql.data(CURRENTS, {"hall": hall_id}))["hall"]["windows"]
    assert windows[0]["currentTicket"] is None and windows[1]["currentTicket"]["number"] == "A002"
