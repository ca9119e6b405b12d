"""12345工单 through GraphQL (RULEBOOK §16 S8; jiedong Art 33): received, signed for, extended, replied, followed
up, closed on the working-day calendar; sent back; overdue units reported; each side does only its own steps."""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa

from core.audit.models import AuditEntry
from core.departments.models import Department, HallDepartment
from core.graphql.relay import to_global_id
from tests.factories import make_hall, make_user

pytestmark = pytest.mark.db

ORDER = """id number status dueOn originalDueOn signBy signedLate overdue extensionStatus followUpSatisfied
  callerPhone departmentName events { kind kindLabel note }"""
RESULT = "__typename ... on WorkOrderSuccess { workOrder { %s } } ... on Error { code message }" % ORDER
RECEIVE = "mutation($input: ReceiveWorkOrderInput!) { receiveWorkOrder(input: $input) { %s } }" % RESULT
STEP = "mutation($input: %sInput!) { %s(input: $input) { %s } }"
REPORT = """query($hall: ID!, $since: Date!, $until: Date!) { workOrderReport(hallId: $hall, since: $since, until: $until) {
  departmentName received onTime overdue extended sentBack signedLate } }"""
LIST = """query($hall: ID!) { workOrders(hallId: $hall) { number callerPhone } }"""


def step(name: str) -> str:
    return STEP % (name[0].upper() + name[1:], name, RESULT)


@pytest.fixture
async def office(db, runtime, clock):
    graph = await make_hall(db, jurisdiction="jiedong")
    async with db.transaction() as session:
        other = Department(jurisdiction_code="jiedong", name=f"税务局{uuid.uuid4().hex[:4]}", short_name="税务")
        session.add(other)
        await session.flush()
        session.add(HallDepartment(hall_id=graph.hall.id, department_id=other.id))
    unit = graph.departments[0]
    hall_office = await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))
    chief = await make_user(db, runtime, roles=(("chief_representative", f"dept:{unit.id}"),))
    other_chief = await make_user(db, runtime, roles=(("chief_representative", f"dept:{other.id}"),))
    clock.set("2026-11-20 10:00")  # Friday
    return {"graph": graph, "hall_id": to_global_id("Hall", graph.hall.id), "unit": to_global_id("Department", unit.id),
            "office": hall_office["headers"], "chief": chief["headers"], "other_chief": other_chief["headers"]}


async def receive(gql, office, number, **extra):
    values = {"hallId": office["hall_id"], "departmentId": office["unit"], "number": number, "category": "投诉",
              "summary": "窗口办理不动产登记等候过久", "content": "来电人反映上午在不动产登记窗口等候超过两小时。",
              "callerName": "陈先生", "callerPhone": "13912345678", **extra}
    return (await gql.data(RECEIVE, {"input": values}, headers=office["office"]))["receiveWorkOrder"]


async def act(gql, name, headers, **values):
    return (await gql.data(step(name), {"input": values}, headers=headers))[name]


async def test_a_work_order_through_its_whole_cycle_with_an_extension(gql, db, runtime, clock, office):
    received = await receive(gql, office, "12345-2026-000101")
    order = received["workOrder"]
    assert (order["status"], order["signBy"], order["dueOn"]) == ("RECEIVED", "2026-11-23", "2026-11-27")
    assert order["departmentName"] == office["graph"].departments[0].name
    assert (await receive(gql, office, "12345-2026-000101"))["code"] == "WORK_ORDER_EXISTS"

    wid = order["id"]
    assert (await act(gql, "signWorkOrder", office["office"], workOrderId=wid))["__typename"] == "PermissionDenied"
    assert (await act(gql, "signWorkOrder", office["other_chief"], workOrderId=wid))["code"] == "NOT_FOUND"
    clock.set("2026-11-23 09:00")  # Monday: in time
    signed = (await act(gql, "signWorkOrder", office["chief"], workOrderId=wid))["workOrder"]
    assert (signed["status"], signed["signedLate"]) == ("SIGNED", False)

    clock.set("2026-11-25 15:00")
    too_long = await act(gql, "requestWorkOrderExtension", office["chief"], workOrderId=wid, days=9, reason="需现场核实")
    assert too_long["code"] == "VALIDATION_FAILED"
    asked = (await act(gql, "requestWorkOrderExtension", office["chief"], workOrderId=wid, days=3,
                       reason="需调取窗口监控核实"))["workOrder"]
    assert asked["extensionStatus"] == "REQUESTED"
    assert (await act(gql, "decideWorkOrderExtension", office["chief"], workOrderId=wid,
                      approve=True))["__typename"] == "PermissionDenied"
    approved = (await act(gql, "decideWorkOrderExtension", office["office"], workOrderId=wid, approve=True,
                          note="同意"))["workOrder"]
    assert (approved["extensionStatus"], approved["dueOn"], approved["originalDueOn"]) == \
        ("APPROVED", "2026-12-02", "2026-11-27")  # three working days after Friday 11-27
    again = await act(gql, "requestWorkOrderExtension", office["chief"], workOrderId=wid, days=1, reason="再延")
    assert again["code"] == "WORK_ORDER_NOT_EXTENDABLE"

    clock.set("2026-12-01 11:00")  # past the original deadline, within the extended one
    replied = (await act(gql, "replyWorkOrder", office["chief"], workOrderId=wid,
                         reply="经核实，当日系统故障导致等候，已致歉并优化叫号。"))["workOrder"]
    assert (replied["status"], replied["overdue"]) == ("REPLIED", False)
    assert (await act(gql, "closeWorkOrder", office["office"], workOrderId=wid))["code"] == \
        "WORK_ORDER_FOLLOW_UP_MISSING"
    followed = (await act(gql, "recordWorkOrderFollowUp", office["office"], workOrderId=wid, satisfied=True,
                          note="来电人表示满意"))["workOrder"]
    assert followed["followUpSatisfied"] is True
    closed = (await act(gql, "closeWorkOrder", office["office"], workOrderId=wid))["workOrder"]
    assert closed["status"] == "CLOSED"
    assert [e["kind"] for e in closed["events"]] == ["received", "signed", "extension_requested",
                                                     "extension_decided", "replied", "followed_up", "closed"]
    assert closed["callerPhone"] == "13912345678"  # the hall office may see personal data

    report = (await gql.data(REPORT, {"hall": office["hall_id"], "since": "2026-11-01", "until": "2026-11-30"},
                             headers=office["office"]))["workOrderReport"]
    assert report == [{"departmentName": office["graph"].departments[0].name, "received": 1, "onTime": 1,
                       "overdue": 0, "extended": 1, "sentBack": 0, "signedLate": 0}]
    async with db.session() as session:
        actions = (await session.execute(sa.select(AuditEntry.action, AuditEntry.outcome).where(
            AuditEntry.action.like("%WorkOrder%")))).all()
    assert ("closeWorkOrder", "ok") in actions and ("decideWorkOrderExtension", "denied") in actions


async def test_overdue_units_are_reported_and_an_order_can_be_sent_back(gql, db, runtime, clock, office):
    late = (await receive(gql, office, "12345-2026-000201"))["workOrder"]
    back = (await receive(gql, office, "12345-2026-000202"))["workOrder"]
    clock.set("2026-11-24 09:00")  # Tuesday: signing is a day late
    signed = (await act(gql, "signWorkOrder", office["chief"], workOrderId=late["id"]))["workOrder"]
    assert signed["signedLate"] is True
    sent = (await act(gql, "sendBackWorkOrder", office["chief"], workOrderId=back["id"],
                      reason="属税务部门职责，请改派"))["workOrder"]
    assert sent["status"] == "SENT_BACK"
    assert (await act(gql, "replyWorkOrder", office["chief"], workOrderId=back["id"], reply="x"))["code"] == \
        "WORK_ORDER_STATE_INVALID"
    assert (await act(gql, "closeWorkOrder", office["office"], workOrderId=back["id"]))["workOrder"]["status"] == "CLOSED"

    clock.set("2026-11-30 09:00")  # Monday after the Friday deadline: overdue, not extendable any more
    assert (await act(gql, "requestWorkOrderExtension", office["chief"], workOrderId=late["id"], days=2,
                      reason="来不及"))["code"] == "WORK_ORDER_OVERDUE"
    report = (await gql.data(REPORT, {"hall": office["hall_id"], "since": "2026-11-01", "until": "2026-11-30"},
                             headers=office["office"]))["workOrderReport"]
    assert report[0] | {"departmentName": None} == {"departmentName": None, "received": 2, "onTime": 0, "overdue": 1,
                                                    "extended": 0, "sentBack": 1, "signedLate": 1}
    # A unit reads its own orders; another unit and anonymous callers read none; nobody else gets the report.
    assert [o["number"] for o in (await gql.data(LIST, {"hall": office["hall_id"]}, headers=office["chief"]))[
        "workOrders"]] == ["12345-2026-000201", "12345-2026-000202"]
    assert (await gql.data(LIST, {"hall": office["hall_id"]}, headers=office["other_chief"]))["workOrders"] == []
    assert (await gql.data(LIST, {"hall": office["hall_id"]}))["workOrders"] == []
    assert (await gql.data(REPORT, {"hall": office["hall_id"], "since": "2026-11-01", "until": "2026-11-30"},
                           headers=office["chief"]))["workOrderReport"] == []


async def test_receiving_checks_its_input_and_the_rules_come_from_the_hook(gql, runtime, office):
    bad = await receive(gql, office, "12345-2026-000301", category="闲聊")
    assert bad["code"] == "VALIDATION_FAILED"
    own_due = (await receive(gql, office, "12345-2026-000302", dueOn="2026-11-24"))["workOrder"]
    assert own_due["dueOn"] == "2026-11-24"
    anonymous = (await gql.data(RECEIVE, {"input": {"hallId": office["hall_id"], "departmentId": office["unit"],
                                                     "number": "x", "category": "投诉", "summary": "s",
                                                     "content": "c"}}))["receiveWorkOrder"]
    assert anonymous["__typename"] == "AuthenticationRequired"
    rules = runtime.plugins.hook.tingwu_work_order_rules(jurisdiction="jiedong")
    assert (rules.sign_within_days, rules.reply_within_days, rules.max_extensions) == (1, 5, 1)
    assert [r.id for r in rules.rules] == ["default.work_orders.deadlines"]
