"""叫号屏 over graphql-transport-ws: screens subscribed to a hall receive a call made by a mutation on another
connection — on SQLite (in-process broker) and on PostgreSQL (LISTEN/NOTIFY), also across app instances."""

from __future__ import annotations

import os
from dataclasses import replace

import httpx
import pytest

from core.app import create_app
from core.graphql.relay import to_global_id
from core.events.broker import RedisBroker
from core.queue.events import calls_topic, queue_topic
from core.runtime import Runtime
from tests.conftest import GraphQLClient
from tests.factories import make_hall, make_user
from tests.ws import AsgiWebSocket, wait_for_subscribers

pytestmark = pytest.mark.db

SCREEN = """subscription($hall: ID!) { callingScreen(hallId: $hall) {
  kind ticketNumber windowNumber windowName hallName itemName calledAt callCount text textEn } }"""
WINDOW = """subscription($window: ID!) { windowQueue(windowId: $window) {
  kind ticketNumber ticketStatus windowNumber concernsThisWindow waitingCount } }"""
TAKE = """mutation($hall: ID!, $item: String!) { takeTicket(input: {hallId: $hall, itemCode: $item}) {
  __typename ... on TakeTicketSuccess { ticket { id number } } ... on Error { code message } } }"""
CALL = """mutation($window: ID!) { callNextTicket(input: {windowId: $window}) {
  __typename ... on CallNextTicketSuccess { ticket { id number status window { number } } } ... on Error { code message } } }"""
RECALL = """mutation($ticket: ID!) { recallTicket(input: {ticketId: $ticket}) {
  __typename ... on RecallTicketSuccess { ticket { callCount } } ... on Error { code message } } }"""


async def _hall_with_admin(db, runtime):
    graph = await make_hall(db, jurisdiction="panyu")
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))
    return graph, admin


async def test_two_screens_receive_a_call_made_on_another_connection(app, gql, db, runtime, clock):
    graph, admin = await _hall_with_admin(db, runtime)
    hall_id = to_global_id("Hall", graph.hall.id)
    window_id = to_global_id("Window", graph.windows[0].id)
    clock.set("2026-11-20 09:00")
    taken = (await gql.data(TAKE, {"hall": hall_id, "item": graph.items[0].code}))["takeTicket"]  # anonymous
    assert taken["ticket"]["number"] == "A001"

    async with AsgiWebSocket(app) as screen_1, AsgiWebSocket(app) as screen_2, AsgiWebSocket(app) as window_client:
        for ws in (screen_1, screen_2, window_client):
            await ws.init()
        ops = [await screen_1.subscribe(SCREEN, {"hall": hall_id}), await screen_2.subscribe(SCREEN, {"hall": hall_id})]
        window_op = await window_client.subscribe(WINDOW, {"window": window_id})
        await wait_for_subscribers(runtime.broker, calls_topic(graph.hall.id), 2)
        await wait_for_subscribers(runtime.broker, queue_topic(graph.hall.id), 1)

        clock.set("2026-11-20 09:05")
        called = (await gql.data(CALL, {"window": window_id}, headers=admin["headers"]))["callNextTicket"]
        assert called["ticket"]["number"] == "A001" and called["ticket"]["status"] == "CALLED"

        for ws, op in ((screen_1, ops[0]), (screen_2, ops[1])):
            line = (await ws.next_data(op))["callingScreen"]
            assert line == {
                "kind": "called", "ticketNumber": "A001", "windowNumber": "A01", "windowName": "综合窗口1",
                "hallName": graph.hall.name, "itemName": graph.items[0].name, "calledAt": "2026-11-20T09:05:00+08:00",
                "callCount": 1, "text": "请A001号到A01号窗口办理", "textEn": "Ticket A001, please go to window A01",
            }
        event = (await window_client.next_data(window_op))["windowQueue"]
        assert event == {"kind": "called", "ticketNumber": "A001", "ticketStatus": "CALLED", "windowNumber": "A01",
                         "concernsThisWindow": True, "waitingCount": 0}

        clock.set("2026-11-20 09:06")
        recalled = await gql.data(RECALL, {"ticket": called["ticket"]["id"]}, headers=admin["headers"])
        assert recalled["recallTicket"]["ticket"]["callCount"] == 2
        again = (await screen_1.next_data(ops[0]))["callingScreen"]
        assert (again["kind"], again["callCount"]) == ("recalled", 2)

        # A new ticket tells the window client it has one more to call.
        await gql.data(TAKE, {"hall": hall_id, "item": graph.items[0].code})
        issued = (await window_client.next_data(window_op))["windowQueue"]
        if issued["kind"] == "recalled":
            issued = (await window_client.next_data(window_op))["windowQueue"]
        assert (issued["kind"], issued["ticketNumber"], issued["waitingCount"]) == ("issued", "A002", 1)

    # The screens' initial state comes from a query: the latest calls, newest first.
    screen = await gql.data("query($hall: ID!) { callingScreen(hallId: $hall) { kind ticketNumber windowNumber callCount } }",
                            {"hall": hall_id})
    assert screen["callingScreen"] == [
        {"kind": "recalled", "ticketNumber": "A001", "windowNumber": "A01", "callCount": 2},
        {"kind": "called", "ticketNumber": "A001", "windowNumber": "A01", "callCount": 1},
    ]


async def test_a_call_through_one_app_instance_reaches_screens_on_another(backend, app, gql, db, runtime, clock):
    """Two app instances share the database (as worker processes do): each has its own broker and connections."""
    if backend != "postgresql":
        pytest.skip("on SQLite one process serves everything; the in-process broker is the whole story")
    graph, admin = await _hall_with_admin(db, runtime)
    hall_id = to_global_id("Hall", graph.hall.id)
    other = Runtime.create(runtime.settings)
    other.clock = runtime.clock
    try:
        other_app = create_app(other, check_on_startup=False)
        clock.set("2026-11-20 10:00")
        await gql.data(TAKE, {"hall": hall_id, "item": graph.items[0].code})
        async with AsgiWebSocket(other_app) as screen_1, AsgiWebSocket(other_app) as screen_2:
            await screen_1.init()
            await screen_2.init()
            ops = [await screen_1.subscribe(SCREEN, {"hall": hall_id}), await screen_2.subscribe(SCREEN, {"hall": hall_id})]
            await wait_for_subscribers(other.broker, calls_topic(graph.hall.id), 2)
            assert runtime.broker.subscriber_count(calls_topic(graph.hall.id)) == 0  # nobody listens on the first
            await gql.data(CALL, {"window": to_global_id("Window", graph.windows[1].id)}, headers=admin["headers"])
            for ws, op in ((screen_1, ops[0]), (screen_2, ops[1])):
                line = (await ws.next_data(op))["callingScreen"]
                assert (line["ticketNumber"], line["windowNumber"]) == ("A001", "A02")
    finally:
        await other.close()


REDIS_URL = os.environ.get("TINGWU_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


async def _redis_reachable() -> bool:
    import redis.asyncio as redis

    client = redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        return bool(await client.ping())
    except (OSError, redis.RedisError):
        return False
    finally:
        await client.aclose()


async def test_with_redis_configured_calls_cross_app_instances_on_any_database(db, runtime, clock):
    """TINGWU_REDIS_URL: every instance publishes and listens through Redis pub/sub, on SQLite too."""
    if not await _redis_reachable():
        pytest.skip(f"no Redis at {REDIS_URL}")
    graph, admin = await _hall_with_admin(db, runtime)
    hall_id = to_global_id("Hall", graph.hall.id)
    settings = replace(runtime.settings, redis_url=REDIS_URL)
    first, second = Runtime.create(settings), Runtime.create(settings)
    assert isinstance(first.broker, RedisBroker)
    first.clock = second.clock = runtime.clock
    try:
        caller_app = create_app(first, check_on_startup=False)
        screen_app = create_app(second, check_on_startup=False)
        clock.set("2026-11-20 11:00")
        transport = httpx.ASGITransport(app=caller_app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tingwu.test") as http:
            caller = GraphQLClient(http)
            await caller.data(TAKE, {"hall": hall_id, "item": graph.items[0].code})
            async with AsgiWebSocket(screen_app) as screen:
                await screen.init()
                op = await screen.subscribe(SCREEN, {"hall": hall_id})
                await wait_for_subscribers(second.broker, calls_topic(graph.hall.id), 1)
                await caller.data(CALL, {"window": to_global_id("Window", graph.windows[0].id)}, headers=admin["headers"])
                line = (await screen.next_data(op))["callingScreen"]
                assert (line["ticketNumber"], line["windowNumber"], line["hallName"]) == ("A001", "A01", graph.hall.name)
    finally:
        await first.close()
        await second.close()


async def test_subscribing_to_an_unknown_hall_is_an_error(app, db):
    async with AsgiWebSocket(app) as ws:
        await ws.init()
        op = await ws.subscribe(SCREEN, {"hall": to_global_id("Hall", __import__("uuid").uuid4())})
        message = await ws.receive()
        assert message["id"] == op and message["type"] in ("error", "next")
        errors = message["payload"] if message["type"] == "error" else message["payload"]["errors"]
        assert "Hall" in str(errors) or "大厅" in str(errors)


async def test_window_clients_hear_of_window_status_changes(app, gql, db, runtime, clock):
    graph, admin = await _hall_with_admin(db, runtime)
    window_id = to_global_id("Window", graph.windows[1].id)
    clock.set("2026-11-20 14:00")
    await gql.data(TAKE, {"hall": to_global_id("Hall", graph.hall.id), "item": graph.items[0].code})
    async with AsgiWebSocket(app) as client:
        await client.init()
        op = await client.subscribe(WINDOW, {"window": window_id})
        await wait_for_subscribers(runtime.broker, queue_topic(graph.hall.id), 1)
        status = """mutation($w: ID!) { setWindowStatus(input: {windowId: $w, status: BRIEF_ABSENCE}) { __typename } }"""
        await gql.data(status, {"w": to_global_id("Window", graph.windows[0].id)}, headers=admin["headers"])
        event = (await client.next_data(op))["windowQueue"]
        assert event == {"kind": "window_status", "ticketNumber": None, "ticketStatus": None, "windowNumber": "A01",
                         "concernsThisWindow": False, "waitingCount": 1}
