"""The bulletin counts what really happened (panyu Art 107): people served from queue tickets (and applicants of
cases without one), overdue cases as the case engine sees them, the correction rate from correction notices and
the supplements received — every case, ticket and notice made through the real mutations."""

from __future__ import annotations

import pytest

from core.graphql.relay import to_global_id
from tests.bulletin.test_bulletin import figures
from tests.cases.helpers import ACCEPT, COMPLETE, NOTICE, SUPPLEMENT, accept, make_desk
from tests.factories import make_user
from tests.queue.test_queue import CALL, FINISH, TAKE, simple

pytestmark = pytest.mark.db

BULLETIN = """query($h: ID!, $by: BulletinScope!) {
  serviceBulletin(hallId: $h, from: "2026-10-01", to: "2026-10-31", groupBy: $by) {
    rows { subjectId subjectName peopleServed ticketsServed applicantsWithoutTicket cases completedCases overdueCases
           correctedCases correctionRate supplementedCases supplementRate ratings praise complaints ratedCases } } }"""
OVERDUE_CASES = """query($h: ID!) { cases(hallId: $h, overdue: true) { edges { node { serialNumber } } } }"""
RETURN = """mutation($s: String!) { returnCase(input: {serialNumber: $s, reason: "不符合受理条件"}) { __typename } }"""


def applicant(name: str, number: str) -> dict:
    return {"applicantName": name, "applicantIdNumber": f"44011319900101{number}"}


async def accept_by(gql, desk, headers, window: str, category: str = "PROMISED", **extra) -> str:
    """受理 by the member whose ``headers`` these are, at ``window``; the serial number."""
    body = await gql.data(ACCEPT, {"input": {"hallId": desk.hall_id, "itemCode": desk.item_code(), "category": category,
                                             "windowId": window, "suppliedMaterials": ["申请表", "身份证"], **extra}},
                          headers=headers)
    assert body["acceptCase"]["__typename"] == "AcceptCaseSuccess", body
    return body["acceptCase"]["case"]["serialNumber"]


@pytest.fixture
async def october(gql, db, runtime, clock):
    """A panyu hall in October 2026 (items promised in 5 working days; materials 申请表, 身份证)."""
    desk = await make_desk(db, runtime, jurisdiction="panyu", promised=5)
    graph = desk.graph
    a01, a02 = (to_global_id("Window", w.id) for w in graph.windows)
    second = await make_user(db, runtime, staff_id=graph.staff[2].id, roles=(("window_staff", f"hall:{graph.hall.id}"),))
    staff0, staff2 = desk.staff["headers"], second["headers"]
    serials = {}

    async def ticket_at_a01(case: dict | None):
        taken = (await gql.data(TAKE, {"input": {"hallId": desk.hall_id, "itemCode": desk.item_code()}}))["takeTicket"]
        called = (await gql.data(CALL, {"window": a01}, headers=staff0))["callNextTicket"]["ticket"]
        assert called["id"] == taken["ticket"]["id"]
        await gql.data(simple("startTicket"), {"ticket": called["id"]}, headers=staff0)
        finish = {"ticketId": called["id"]}
        if case is not None:
            finish["acceptCase"] = {"hallId": desk.hall_id, "itemCode": desk.item_code(), "category": "PROMISED",
                                    "windowId": a01, "suppliedMaterials": ["申请表", "身份证"], **case}
        done = (await gql.data(FINISH, {"input": finish}, headers=staff0))["finishTicket"]
        assert done["ticket"]["status"] == "DONE", done
        return done["ticket"]["case"]

    clock.set("2026-10-12 09:00")  # a Monday
    serials["ticket"] = (await ticket_at_a01(applicant("张三", "0011")))["serialNumber"]
    await ticket_at_a01(None)  # a consultation: served, no case
    serials["running_late"] = (await accept(gql, desk, windowId=a01, **applicant("赵六", "0044")))["serialNumber"]
    serials["late"] = (await accept(gql, desk, windowId=a01, **applicant("钱七", "0055")))["serialNumber"]
    serials["returned"] = (await accept(gql, desk, windowId=a01, **applicant("吴十", "0077")))["serialNumber"]
    await gql.data(RETURN, {"s": serials["returned"]}, headers=staff0)
    serials["supplied"] = await accept_by(gql, desk, staff2, a02, **applicant("李四", "0022"))

    clock.set("2026-10-13 09:00")
    await gql.data(COMPLETE, {"serial": serials["ticket"], "outcome": "APPROVED"}, headers=desk.chief["headers"])
    await gql.data(NOTICE, {"input": {"serialNumber": serials["supplied"], "acceptableMaterials": ["申请表"],
                                      "notice": {"materials": ["身份证"]}}}, headers=staff2)
    serials["online"] = (await accept(gql, desk, **applicant("孙八", "0066")))["serialNumber"]  # no window: online

    clock.set("2026-10-14 10:00")
    serials["paused"] = await accept_by(gql, desk, staff2, a02, **applicant("王五", "0033"))
    serials["waiting"] = await accept_by(gql, desk, staff2, a02, "SUPPLEMENT", suppliedMaterials=["申请表"],
                                         correctionNotice={"materials": ["身份证"]}, **applicant("周九", "0088"))
    await gql.data(COMPLETE, {"serial": serials["online"], "outcome": "APPROVED"}, headers=desk.chief["headers"])

    clock.set("2026-10-15 10:00")
    await gql.data(SUPPLEMENT, {"serial": serials["supplied"]}, headers=staff2)
    await gql.data(NOTICE, {"input": {"serialNumber": serials["paused"], "acceptableMaterials": ["申请表"],
                                      "notice": {"materials": ["身份证"]}}}, headers=staff2)

    clock.set("2026-10-20 10:00")  # the supplied case's deadline moved from 10-19 to 10-21 while it was paused
    await gql.data(COMPLETE, {"serial": serials["supplied"], "outcome": "APPROVED"}, headers=desk.chief["headers"])
    clock.set("2026-10-26 10:00")
    await gql.data(COMPLETE, {"serial": serials["late"], "outcome": "DENIED"}, headers=desk.chief["headers"])
    office = await make_user(db, runtime, roles=(("hall_office_leader", f"hall:{graph.hall.id}"),))
    return desk, serials, office["headers"]


async def rows(gql, desk, headers, by: str) -> dict:
    result = await gql.data(BULLETIN, {"h": desk.hall_id, "by": by}, headers=headers)
    return {row["subjectName"]: row for row in result["serviceBulletin"]["rows"]}


async def test_the_hall_counts_tickets_overdue_cases_and_corrections(gql, october):
    desk, serials, office = october
    [hall] = (await rows(gql, desk, office, "HALL")).values()
    # 2 tickets served (one produced a case) + 7 applicants of cases that came without a ticket.
    assert (hall["ticketsServed"], hall["applicantsWithoutTicket"], hall["peopleServed"]) == (2, 7, 9)
    assert figures(hall) == {"cases": 8, "peopleServed": 9, "completedCases": 4, "overdueCases": 2, "correctedCases": 3,
                             "ratings": 0, "praise": 0, "complaints": 0, "ratedCases": 0}
    assert hall["correctionRate"] == pytest.approx(3 / 8)
    assert (hall["supplementedCases"], hall["supplementRate"]) == (1, pytest.approx(1 / 3))
    # Overdue exactly as the case engine says: running past its deadline, or completed after it.
    listed = await gql.data(OVERDUE_CASES, {"h": desk.hall_id}, headers=office)
    assert sorted(e["node"]["serialNumber"] for e in listed["cases"]["edges"]) == sorted(
        [serials["running_late"], serials["late"]])


async def test_by_window_and_staff_tickets_go_where_they_were_served(gql, october):
    desk, serials, office = october
    graph = desk.graph
    by_window = await rows(gql, desk, office, "WINDOW")
    a01, a02, online = by_window["A01 综合窗口1"], by_window["A02 综合窗口2"], by_window["网上办件（未经窗口）"]
    assert (a01["ticketsServed"], a01["applicantsWithoutTicket"], a01["cases"], a01["overdueCases"],
            a01["correctedCases"]) == (2, 3, 4, 2, 0)
    assert (a02["ticketsServed"], a02["applicantsWithoutTicket"], a02["cases"], a02["overdueCases"],
            a02["correctedCases"], a02["supplementedCases"]) == (0, 3, 3, 0, 3, 1)
    assert (online["peopleServed"], online["cases"], online["completedCases"]) == (1, 1, 1)

    by_staff = {row["subjectId"]: row for row in (await gql.data(BULLETIN, {"h": desk.hall_id, "by": "STAFF"},
                                                                 headers=office))["serviceBulletin"]["rows"]}
    first, third = (by_staff[to_global_id("Staff", graph.staff[i].id)] for i in (0, 2))
    # staff 0 served the ticket that produced a case; the consultation ticket has no handler.
    assert (first["ticketsServed"], first["applicantsWithoutTicket"], first["cases"]) == (1, 4, 5)
    assert (third["ticketsServed"], third["cases"], third["correctedCases"]) == (0, 3, 3)
    assert by_staff[None]["ticketsServed"] == 1 and by_staff[None]["cases"] == 0

    by_department = await gql.data(BULLETIN, {"h": desk.hall_id, "by": "DEPARTMENT"}, headers=office)
    [department] = by_department["serviceBulletin"]["rows"]
    assert (department["ticketsServed"], department["peopleServed"], department["cases"]) == (2, 9, 8)


async def test_tickets_do_not_add_statements(gql, db, runtime, october, count_statements):
    desk, _, office = october
    count_statements.reset()
    await rows(gql, desk, office, "STAFF")
    few = count_statements.count
    staff0 = desk.staff["headers"]
    a01 = to_global_id("Window", desk.graph.windows[0].id)
    for _ in range(3):  # more tickets served, some producing cases
        taken = (await gql.data(TAKE, {"input": {"hallId": desk.hall_id, "itemCode": desk.item_code()}}))["takeTicket"]
        await gql.data(CALL, {"window": a01}, headers=staff0)
        await gql.data(simple("startTicket"), {"ticket": taken["ticket"]["id"]}, headers=staff0)
        await gql.data(FINISH, {"input": {"ticketId": taken["ticket"]["id"]}}, headers=staff0)
    count_statements.reset()
    [hall] = (await rows(gql, desk, office, "HALL")).values()
    assert hall["ticketsServed"] == 5
    count_statements.reset()
    await rows(gql, desk, office, "STAFF")
    assert count_statements.count == few, count_statements.statements
