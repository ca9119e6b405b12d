"""取号/叫号 through GraphQL: numbering, priority, routing, atomic calls, the ticket's life and who may do what."""

from __future__ import annotations

import asyncio
import uuid

import pytest
import sqlalchemy as sa

from core.audit.models import AuditEntry
from core.departments.models import Department
from core.graphql.relay import to_global_id
from core.items.models import HallItem, ServiceItem
from core.windows.models import Window
from tests.factories import make_hall, make_user

pytestmark = pytest.mark.db

TICKET = "id number status greenChannel priority waitingAhead window { number } targetWindow { number }"
TAKE = """mutation($input: TakeTicketInput!) { takeTicket(input: $input) {
  __typename ... on TakeTicketSuccess { ticket { %s } } ... on Error { code message } ... on PermissionDenied { side } } }""" % TICKET
CALL = """mutation($window: ID!) { callNextTicket(input: {windowId: $window}) {
  __typename ... on CallNextTicketSuccess { ticket { %s } } ... on Error { code message } ... on PermissionDenied { side } } }""" % TICKET
SIMPLE = """mutation($ticket: ID!) { %s(input: {ticketId: $ticket}) {
  __typename ... on %sSuccess { ticket { %s } } ... on Error { code message } ... on PermissionDenied { side } } }"""
TRANSFER = """mutation($ticket: ID!, $to: ID!) { transferTicket(input: {ticketId: $ticket, toWindowId: $to}) {
  __typename ... on TransferTicketSuccess { ticket { %s } } ... on Error { code message } } }""" % TICKET
FINISH = """mutation($input: FinishTicketInput!) { finishTicket(input: $input) {
  __typename ... on FinishTicketSuccess { ticket { status case { serialNumber category deadlineOn } } }
  ... on Error { code message } } }"""


def simple(action: str) -> str:
    return SIMPLE % (action, action[0].upper() + action[1:], TICKET)


async def take(gql, hall_id, item_code, headers=None, **extra) -> dict:
    body = await gql.data(TAKE, {"input": {"hallId": hall_id, "itemCode": item_code, **extra}}, headers=headers or {})
    return body["takeTicket"]


@pytest.fixture
async def hall(db, runtime, clock):
    """Windows A01, A02 (comprehensive), a specialized window S01 of a second department, a green-channel window."""
    graph = await make_hall(db, jurisdiction="panyu", windows=2, items=1)
    async with db.transaction() as session:
        other = Department(jurisdiction_code="panyu", name=f"税务局{uuid.uuid4().hex[:4]}", short_name="税务")
        session.add(other)
        await session.flush()
        tax_item = ServiceItem(jurisdiction_code="panyu", department_id=other.id, code=f"TAX-{uuid.uuid4().hex[:6]}",
                               catalog_code="C-TAX", name="发票代开", type="public_service", promised_limit_days=0,
                               materials=["身份证"])
        special = Window(hall_id=graph.hall.id, department_id=other.id, number="S01", name="税务窗口", type="specialized")
        green = Window(hall_id=graph.hall.id, number="G01", name="绿色通道", type="green_channel")
        session.add_all([tax_item, special, green])
        await session.flush()
        session.add(HallItem(hall_id=graph.hall.id, item_id=tax_item.id))
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))
    clock.set("2026-11-20 09:00")
    return {"graph": graph, "hall_id": to_global_id("Hall", graph.hall.id), "admin": admin["headers"],
            "item": graph.items[0].code, "tax_item": tax_item.code,
            "windows": {w.number: to_global_id("Window", w.id) for w in (*graph.windows, special, green)}}


async def test_numbers_priority_and_routing(gql, db, runtime, hall):
    first = (await take(gql, hall["hall_id"], hall["item"]))["ticket"]
    second = (await take(gql, hall["hall_id"], hall["item"]))["ticket"]
    tax = (await take(gql, hall["hall_id"], hall["tax_item"]))["ticket"]
    assert [first["number"], second["number"], tax["number"]] == ["A001", "A002", "A003"]
    assert second["waitingAhead"] == 1 and tax["waitingAhead"] == 0  # another department's line

    refused = await take(gql, hall["hall_id"], hall["item"], greenChannel=True, greenChannelReason="老年人")
    assert refused["__typename"] == "AuthenticationRequired"
    desk = await make_user(db, runtime, roles=(("consultation_desk", f"hall:{hall['graph'].hall.id}"),))
    green = (await take(gql, hall["hall_id"], hall["item"], desk["headers"], greenChannel=True,
                        greenChannelReason="老年人"))["ticket"]
    assert (green["number"], green["greenChannel"], green["waitingAhead"]) == ("G001", True, 0)

    # The specialized window serves only its department's item; the green-channel window only green tickets.
    assert (await gql.data(CALL, {"window": hall["windows"]["S01"]}, headers=hall["admin"]))["callNextTicket"]["ticket"]["number"] == "A003"
    assert (await gql.data(CALL, {"window": hall["windows"]["G01"]}, headers=hall["admin"]))["callNextTicket"]["ticket"]["number"] == "G001"
    empty = (await gql.data(CALL, {"window": hall["windows"]["G01"]}, headers=hall["admin"]))["callNextTicket"]
    assert empty["code"] == "WINDOW_BUSY"
    called = (await gql.data(CALL, {"window": hall["windows"]["A01"]}, headers=hall["admin"]))["callNextTicket"]["ticket"]
    assert (called["number"], called["window"]) == ("A001", {"number": "A01"})


async def test_green_channel_goes_first_at_a_comprehensive_window(gql, db, runtime, hall):
    await take(gql, hall["hall_id"], hall["item"])
    desk = await make_user(db, runtime, roles=(("hall_admin", f"hall:{hall['graph'].hall.id}"),))
    await take(gql, hall["hall_id"], hall["item"], desk["headers"], greenChannel=True, greenChannelReason="残疾人")
    called = (await gql.data(CALL, {"window": hall["windows"]["A01"]}, headers=hall["admin"]))["callNextTicket"]
    assert called["ticket"]["number"] == "G001"


async def test_two_windows_calling_at_once_never_get_the_same_ticket(gql, db, runtime, hall):
    for _ in range(3):
        await take(gql, hall["hall_id"], hall["item"])
    windows = [hall["windows"]["A01"], hall["windows"]["A02"]]
    results = await asyncio.gather(*(gql.data(CALL, {"window": w}, headers=hall["admin"]) for w in windows))
    numbers = [r["callNextTicket"]["ticket"]["number"] for r in results]
    assert sorted(numbers) == ["A001", "A002"]
    # Two windows, one ticket left: one gets it, the other finds the queue empty.
    async with db.transaction() as session:
        await session.execute(sa.text("UPDATE queue_ticket SET status = 'done' WHERE status = 'called'"))
    results = await asyncio.gather(*(gql.data(CALL, {"window": w}, headers=hall["admin"]) for w in windows))
    outcomes = sorted(r["callNextTicket"].get("code") or r["callNextTicket"]["ticket"]["number"] for r in results)
    assert outcomes == ["A003", "QUEUE_EMPTY"]


async def test_a_tickets_life_recall_no_show_transfer_start_finish(gql, db, runtime, hall):
    lost = (await take(gql, hall["hall_id"], hall["item"]))["ticket"]
    kept = (await take(gql, hall["hall_id"], hall["item"]))["ticket"]
    a01, a02 = hall["windows"]["A01"], hall["windows"]["A02"]
    await gql.data(CALL, {"window": a01}, headers=hall["admin"])
    recalled = (await gql.data(simple("recallTicket"), {"ticket": lost["id"]}, headers=hall["admin"]))["recallTicket"]
    assert recalled["ticket"]["status"] == "CALLED"
    no_show = (await gql.data(simple("markTicketNoShow"), {"ticket": lost["id"]}, headers=hall["admin"]))["markTicketNoShow"]
    assert no_show["ticket"]["status"] == "NO_SHOW"
    assert (await gql.data(simple("startTicket"), {"ticket": lost["id"]}, headers=hall["admin"]))["startTicket"]["code"] == "TICKET_STATE_INVALID"

    await gql.data(CALL, {"window": a01}, headers=hall["admin"])
    moved = (await gql.data(TRANSFER, {"ticket": kept["id"], "to": a02}, headers=hall["admin"]))["transferTicket"]["ticket"]
    assert (moved["status"], moved["window"], moved["targetWindow"]) == ("TRANSFERRED", None, {"number": "A02"})
    await take(gql, hall["hall_id"], hall["item"])  # A003 comes later but would also suit A01
    assert (await gql.data(CALL, {"window": a01}, headers=hall["admin"]))["callNextTicket"]["ticket"]["number"] == "A003"
    at_a02 = (await gql.data(CALL, {"window": a02}, headers=hall["admin"]))["callNextTicket"]["ticket"]
    assert at_a02["number"] == "A002"
    started = (await gql.data(simple("startTicket"), {"ticket": kept["id"]}, headers=hall["admin"]))["startTicket"]
    assert started["ticket"]["status"] == "SERVING"

    staff = await make_user(db, runtime, staff_id=hall["graph"].staff[2].id,  # A role on window A02
                            roles=(("window_staff", f"hall:{hall['graph'].hall.id}"),))
    finished = (await gql.data(FINISH, {"input": {"ticketId": kept["id"], "acceptCase": {
        "hallId": hall["hall_id"], "itemCode": hall["item"], "category": "PROMISED", "applicantName": "李四",
        "suppliedMaterials": ["申请表", "身份证"]}}}, headers=staff["headers"]))["finishTicket"]
    assert finished["ticket"]["status"] == "DONE"
    assert finished["ticket"]["case"]["serialNumber"].startswith("PY20261120")
    assert finished["ticket"]["case"]["deadlineOn"] == "2026-12-04"  # 10 working days after Friday 11-20
    async with db.session() as session:
        actions = (await session.execute(sa.select(AuditEntry.action).where(AuditEntry.outcome == "ok")
                                         .order_by(AuditEntry.at))).scalars().all()
    assert "acceptCase" in actions and actions[-1] == "finishTicket"


async def test_calling_needs_a_serving_window_and_its_own_staff(gql, db, runtime, hall):
    await take(gql, hall["hall_id"], hall["item"])
    graph = hall["graph"]
    on_a01 = await make_user(db, runtime, staff_id=graph.staff[0].id, roles=(("window_staff", f"hall:{graph.hall.id}"),))
    denied = (await gql.data(CALL, {"window": hall["windows"]["A02"]}, headers=on_a01["headers"]))["callNextTicket"]
    assert denied["__typename"] == "PermissionDenied" and denied["side"] == "HALL"
    anonymous = (await gql.data(CALL, {"window": hall["windows"]["A01"]}))["callNextTicket"]
    assert anonymous["__typename"] == "AuthenticationRequired"
    pause = """mutation($w: ID!) { setWindowStatus(input: {windowId: $w, status: SUSPENDED}) { __typename } }"""
    await gql.data(pause, {"w": hall["windows"]["A01"]}, headers=on_a01["headers"])
    suspended = (await gql.data(CALL, {"window": hall["windows"]["A01"]}, headers=on_a01["headers"]))["callNextTicket"]
    assert suspended["code"] == "WINDOW_NOT_SERVING" and "暂停服务" in suspended["message"]
    english = await gql.data(CALL, {"window": hall["windows"]["A01"]}, headers={**on_a01["headers"], "Accept-Language": "en"})
    assert english["callNextTicket"]["message"] == "Window A01 is service suspended; it cannot call."


async def test_waiting_tickets_for_a_window_in_calling_order(gql, db, runtime, hall, count_statements):
    for _ in range(3):
        await take(gql, hall["hall_id"], hall["item"])
    await take(gql, hall["hall_id"], hall["tax_item"])
    query = """query($w: ID!, $n: Int!) { waitingTickets(windowId: $w, first: $n) {
      number waitingAhead item { name } hall { name } } }"""
    count_statements.reset()
    one = await gql.data(query, {"w": hall["windows"]["A01"], "n": 1})
    small = count_statements.count
    count_statements.reset()
    four = await gql.data(query, {"w": hall["windows"]["A01"], "n": 4})
    assert count_statements.count == small
    assert [t["number"] for t in four["waitingTickets"]] == ["A001", "A002", "A003", "A004"]
    assert [t["waitingAhead"] for t in four["waitingTickets"]] == [0, 1, 2, 0]
    assert len(one["waitingTickets"]) == 1
