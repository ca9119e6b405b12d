"""The provincial gateway for real: Tingwu (uvicorn, production mode, Guangdong's jurisdictions), the 12345
hotline subgraph and Hive Gateway (MIT) as processes on loopback; queries that cross the subgraphs both ways,
a hall's calling screen subscribed through the gateway, errors without internals."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest

from core.auth.roles import Role
from core.graphql.relay import to_global_id
from tests.conftest import empty_all_tables
from tests.factories import make_case, make_hall, make_user
from tests.federation.processes import require_node_project, start_gateway, start_hotline, start_tingwu

pytestmark = pytest.mark.db

GATEWAY_KEY = "gateway-key-for-the-federation-test"
GUANGDONG = "panyu,dongguan,jiedong"

HALLS_WITH_ORDERS = "{ halls(first: 10) { edges { node { id name hotlineOrders { number category } } } } }"
ORDERS_WITH_HALLS = """
{ hotlineOrders { number summary
    hall { name jurisdictionCode windows { number } }
    assignedStaff { name staffNumber rank }
    relatedCase { serialNumber hall { name } } } }
"""


@pytest.fixture(scope="module")
async def federation(runtime, database_url, tmp_path_factory):
    """Hall data in the test database, then the three services; everything stopped and emptied afterwards."""
    node = require_node_project()
    log_dir = tmp_path_factory.mktemp("federation")
    jiedong = await make_hall(runtime.db, jurisdiction="jiedong")
    other = await make_hall(runtime.db, jurisdiction="jiedong")
    nanbu = await make_hall(runtime.db, jurisdiction="nanbu", place="南部山区")  # Shandong: not enabled here
    case = await make_case(runtime.db, jiedong)
    users = {
        "hall_admin": await make_user(runtime.db, runtime, roles=((Role.HALL_ADMIN.value, f"hall:{jiedong.hall.id}"),)),
        "other_hall_admin": await make_user(runtime.db, runtime, roles=((Role.HALL_ADMIN.value, f"hall:{other.hall.id}"),)),
    }
    orders = [
        {"number": "12345-0001", "category": "投诉", "summary": "窗口等候时间过长", "receivedAt": "2026-11-20T09:00:00Z",
         "hallId": to_global_id("Hall", jiedong.hall.id), "assignedStaffId": to_global_id("Staff", jiedong.staff[0].id),
         "relatedCaseSerialNumber": case.serial_number},
        {"number": "12345-0002", "category": "咨询", "summary": "咨询不动产登记材料", "receivedAt": "2026-11-20T10:00:00Z",
         "hallId": to_global_id("Hall", nanbu.hall.id)},
    ]
    seed_file = log_dir / "orders.json"
    seed_file.write_text(json.dumps(orders, ensure_ascii=False), encoding="utf-8")
    services = []
    try:
        tingwu = start_tingwu(database_url=database_url, jurisdictions=GUANGDONG, secret_key=runtime.secret_key,
                              gateway_key=GATEWAY_KEY, log_dir=log_dir)
        services.append(tingwu)
        hotline = start_hotline(node=node, seed_file=seed_file, log_dir=log_dir)
        services.append(hotline)
        tingwu.wait_ready()
        hotline.wait_ready()
        gateway = start_gateway(node=node, tingwu=tingwu, hotline=hotline, gateway_key=GATEWAY_KEY, log_dir=log_dir)
        services.append(gateway)
        gateway.wait_ready()
        yield {"tingwu": tingwu, "gateway": gateway, "hotline": hotline, "services": services, "node": node,
               "seed_file": seed_file, "log_dir": log_dir, "jiedong": jiedong, "nanbu": nanbu, "case": case, "users": users}
    finally:
        for service in reversed(services):
            service.stop()
        await empty_all_tables(runtime.db)


async def post(url: str, query: str, *, headers: dict | None = None, variables: dict | None = None) -> dict:
    async with httpx.AsyncClient(timeout=20) as client:
        response = await client.post(url, json={"query": query, "variables": variables or {}}, headers=headers or {})
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_hall_from_tingwu_carries_the_hotline_orders(federation):
    body = await post(federation["gateway"].url, HALLS_WITH_ORDERS)
    assert not body.get("errors"), body
    halls = {edge["node"]["name"]: edge["node"]["hotlineOrders"] for edge in body["data"]["halls"]["edges"]}
    assert halls[federation["jiedong"].hall.name] == [{"number": "12345-0001", "category": "投诉"}]
    assert federation["nanbu"].hall.name not in halls, "Shandong halls are not served by a Guangdong Tingwu"
    assert all(orders == [] for name, orders in halls.items() if name != federation["jiedong"].hall.name)


async def test_hotline_orders_carry_tingwus_hall_and_staff(federation):
    jiedong = federation["jiedong"]
    body = await post(federation["gateway"].url, ORDERS_WITH_HALLS, headers=federation["users"]["hall_admin"]["headers"])
    orders = {order["number"]: order for order in body["data"]["hotlineOrders"]}
    assert list(orders) == ["12345-0002", "12345-0001"], "newest first"
    complaint = orders["12345-0001"]
    assert complaint["hall"] == {"name": jiedong.hall.name, "jurisdictionCode": "jiedong",
                                 "windows": [{"number": "A01"}, {"number": "A02"}]}
    assert complaint["assignedStaff"] == {"name": jiedong.staff[0].name, "staffNumber": jiedong.staff[0].staff_number,
                                          "rank": "科员"}
    assert complaint["relatedCase"] == {"serialNumber": federation["case"].serial_number, "hall": {"name": jiedong.hall.name}}
    assert orders["12345-0002"]["hall"] is None, "a hall of a jurisdiction not enabled here resolves to null"


@pytest.mark.parametrize("caller", ["anonymous", "other_hall_admin"])
async def test_a_caller_without_rights_on_the_hall_gets_nothing_of_it_through_entities(federation, caller):
    headers = None if caller == "anonymous" else federation["users"][caller]["headers"]
    body = await post(federation["gateway"].url, ORDERS_WITH_HALLS, headers=headers)
    complaint = next(order for order in body["data"]["hotlineOrders"] if order["number"] == "12345-0001")
    assert complaint["relatedCase"] is None
    assert complaint["assignedStaff"]["rank"] is None, "the staff record stays guarded"
    assert complaint["hall"]["name"] == federation["jiedong"].hall.name, "hall information is public"
    # Asked of Tingwu directly, `_entities` says the same.
    entities = await post(federation["tingwu"].url,
                          "query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { serialNumber applicantName } } }",
                          headers=headers, variables={"r": [{"__typename": "Case", "serialNumber": federation["case"].serial_number}]})
    assert entities["data"]["_entities"] == [None]


async def test_tingwu_in_production_keeps_its_sdl_for_the_gateway(federation):
    refused = await post(federation["tingwu"].url, "{ _service { sdl } }")
    assert refused["errors"][0]["extensions"]["code"] == "GATEWAY_CREDENTIAL_REQUIRED"
    introspection = await post(federation["tingwu"].url, "{ __schema { types { name } } }")
    assert introspection["errors"]
    served = await post(federation["tingwu"].url, "{ _service { sdl } }", headers={"X-Tingwu-Gateway-Key": GATEWAY_KEY})
    assert '@key(fields: "serialNumber")' in served["data"]["_service"]["sdl"]


async def test_a_halls_calling_screen_through_the_gateway(federation):
    """叫号屏 over the gateway's WebSocket: a ticket taken and called through the gateway reaches the screen."""
    import websockets

    from tests.queue.test_subscriptions import CALL, RECALL, SCREEN, TAKE

    graph, headers = federation["jiedong"], federation["users"]["hall_admin"]["headers"]
    hall_id = to_global_id("Hall", graph.hall.id)
    gateway_ws = federation["gateway"].url.replace("http://", "ws://")
    async with websockets.connect(gateway_ws, subprotocols=["graphql-transport-ws"]) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
        assert json.loads(await asyncio.wait_for(ws.recv(), 10))["type"] == "connection_ack"
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SCREEN, "variables": {"hall": hall_id}}}))
        taken = await post(federation["gateway"].url, TAKE, variables={"hall": hall_id, "item": graph.items[0].code})
        assert taken["data"]["takeTicket"]["__typename"] == "TakeTicketSuccess", taken
        number = taken["data"]["takeTicket"]["ticket"]["number"]
        # The gateway opens its own subscription to Tingwu when ours starts: call, then recall (a window holds
        # one called ticket at a time) until the screen hears it.
        called = await post(federation["gateway"].url, CALL, headers=headers,
                            variables={"window": to_global_id("Window", graph.windows[0].id)})
        assert called["data"]["callNextTicket"]["__typename"] == "CallNextTicketSuccess", called
        ticket_id = called["data"]["callNextTicket"]["ticket"]["id"]
        message = None
        for _ in range(20):
            try:
                message = json.loads(await asyncio.wait_for(ws.recv(), 2))
                break
            except asyncio.TimeoutError:
                await post(federation["gateway"].url, RECALL, headers=headers, variables={"ticket": ticket_id})
        assert message is not None and message["type"] == "next", message
        line = message["payload"]["data"]["callingScreen"]
        assert line["windowNumber"] == "A01" and line["text"].endswith("号到A01号窗口办理")
        assert line["ticketNumber"] >= number


async def test_the_gateway_hides_internals(federation):
    unknown = await post(federation["gateway"].url, "{ halls(first: 1) { edges { node { noSuchField } } } }")
    hall_id = to_global_id("Hall", federation["jiedong"].hall.id)
    refused = await post(federation["gateway"].url, '{ serviceBulletin(hallId: "%s", from: "2026-11-30", to: "2026-11-01") '
                         '{ from } }' % hall_id, headers=federation["users"]["hall_admin"]["headers"])
    assert refused["errors"][0]["extensions"]["code"] == "PERIOD_INVALID"  # Tingwu's typed errors pass unchanged
    for body in (unknown, refused):
        assert body["errors"], body
        text = json.dumps(body)
        for leak in ("stack", "Traceback", "node_modules", ".py", "exception"):
            assert leak not in text, body


async def test_the_gateway_recomposes_when_a_subgraph_changes_its_schema(federation):
    """The gateway polls the subgraphs (every second here): a subgraph restarted with a new field is served
    without restarting the gateway. (Last in the module: the hotline keeps its new schema.)"""
    query = "{ hotlineOrderCount }"
    before = await post(federation["gateway"].url, query)
    assert before["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    old = federation["hotline"]
    port = int(old.url.rsplit(":", 1)[1].strip("/"))
    old.stop()
    new = start_hotline(node=federation["node"], seed_file=federation["seed_file"], log_dir=federation["log_dir"],
                        port=port, next_schema=True)
    federation["services"].append(new)
    new.wait_ready()
    for _ in range(60):
        after = await post(federation["gateway"].url, query)
        if "data" in after and after.get("data"):
            break
        await asyncio.sleep(0.5)
    assert after == {"data": {"hotlineOrderCount": 2}}, after
    # everything else still composes
    assert not (await post(federation["gateway"].url, HALLS_WITH_ORDERS)).get("errors")
