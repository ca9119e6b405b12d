"""A leave's life: rejection ends the chain, cancellation, 销假, overlap, self-approval, and who can see it."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.windows.models import WindowHandover
from tests.factories import make_hall, make_user
from tests.staffing import BASE_ERROR_FIELDS, DECIDE_STEP, REQUEST_LEAVE, gid, people, pin_clock

pytestmark = pytest.mark.db

CANCEL = f"""mutation($input: LeaveCancelInput!) {{ cancelLeave(input: $input) {{ __typename
  ... on LeaveCancelSuccess {{ leaveRequest {{ status steps {{ status }} }} }} {BASE_ERROR_FIELDS} }} }}"""
RETURN = f"""mutation($input: LeaveReturnInput!) {{ reportReturnFromLeave(input: $input) {{ __typename
  ... on LeaveReturnSuccess {{ leaveRequest {{ status returnedAt }} }} {BASE_ERROR_FIELDS} }} }}"""
RESPONSIBLE = """query($id: ID!, $at: DateTime) { node(id: $id) { ... on Window { responsible(at: $at) { basis staff { name } } } } }"""
NODE = "query($id: ID!) { node(id: $id) { __typename ... on LeaveRequest { status } } }"


async def request(gql, team, who, staff, **fields):
    variables = {"input": {"staffId": gid("Staff", staff), "kind": "PERSONAL", **fields}}
    return (await gql.data(REQUEST_LEAVE, variables, headers=team.headers(who)))["requestLeave"]


async def decide(gql, team, who, step_id, approve=True):
    return (await gql.data(DECIDE_STEP, {"input": {"stepId": step_id, "approve": approve}}, headers=team.headers(who)))["decideLeaveStep"]


async def test_rejection_cancellation_and_return(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 20, 9, 0)
    graph = await make_hall(db, jurisdiction="dongguan", place="厚街", level="town", windows=1, staff_per_window=2)
    team = await people(db, runtime, graph)
    a_member, b_member = graph.staff
    window = gid("Window", graph.windows[0])

    first = (await request(gql, team, "staff0", a_member, startsOn="2026-11-23", endsOn="2026-11-23"))["leaveRequest"]
    overlap = await request(gql, team, "staff0", a_member, startsOn="2026-11-23", endsOn="2026-11-24")
    assert overlap["code"] == "LEAVE_OVERLAPS"
    rejected = await decide(gql, team, "chief_representative", first["steps"][0]["id"], approve=False)
    assert rejected["leaveRequest"]["status"] == "REJECTED"
    assert [s["status"] for s in rejected["leaveRequest"]["steps"]] == ["REJECTED", "SKIPPED"]
    late = await decide(gql, team, "hall_admin", first["steps"][1]["id"])
    assert (late["__typename"], late["code"]) == ("ConflictError", "LEAVE_STEP_ALREADY_DECIDED")

    pending = (await request(gql, team, "staff0", a_member, startsOn="2026-11-23", endsOn="2026-11-23"))["leaveRequest"]
    cancelled = (await gql.data(CANCEL, {"input": {"leaveRequestId": pending["id"]}}, headers=team.headers("staff0")))["cancelLeave"]
    assert cancelled["leaveRequest"] == {"status": "CANCELLED", "steps": [{"status": "SKIPPED"}, {"status": "SKIPPED"}]}
    again = (await gql.data(CANCEL, {"input": {"leaveRequestId": pending["id"]}}, headers=team.headers("staff0")))["cancelLeave"]
    assert again["code"] == "LEAVE_NOT_CANCELLABLE"

    leave = (await request(gql, team, "staff0", a_member, startsOn="2026-11-23", endsOn="2026-11-24"))["leaveRequest"]
    assert (await decide(gql, team, "staff0", leave["steps"][0]["id"]))["__typename"] == "PermissionDenied"
    for who, step in zip(("chief_representative", "hall_admin"), leave["steps"]):
        assert (await decide(gql, team, who, step["id"]))["__typename"] == "LeaveStepDecisionSuccess"
    during = {"id": window, "at": "2026-11-24T10:00:00"}
    assert (await gql.data(RESPONSIBLE, during))["node"]["responsible"]["basis"] == "B_STANDS_IN"

    too_soon = (await gql.data(RETURN, {"input": {"leaveRequestId": leave["id"], "at": "2026-11-22T09:00:00"}},
                               headers=team.headers("staff0")))["reportReturnFromLeave"]
    assert too_soon["code"] == "LEAVE_RETURN_BEFORE_START"
    back = (await gql.data(RETURN, {"input": {"leaveRequestId": leave["id"], "at": "2026-11-24T08:20:00"}},
                           headers=team.headers("staff0")))["reportReturnFromLeave"]
    assert back["leaveRequest"]["status"] == "RETURNED"
    assert (await gql.data(RESPONSIBLE, during))["node"]["responsible"] == {"basis": "A_ON_POST", "staff": {"name": a_member.name}}
    on_leave = {"id": window, "at": "2026-11-23T10:00:00"}
    assert (await gql.data(RESPONSIBLE, on_leave))["node"]["responsible"]["basis"] == "B_STANDS_IN"
    async with db.session() as session:
        handover = (await session.execute(sa.select(WindowHandover))).scalar_one()
    assert handover.ends_at.isoformat() == "2026-11-24T00:20:00+00:00"


async def test_who_sees_a_leave_request(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 20, 9, 0)
    graph, other = await make_hall(db, jurisdiction="panyu", place="番禺区"), await make_hall(db, jurisdiction="panyu", place="番禺区")
    team = await people(db, runtime, graph)
    stranger = await make_user(db, runtime, roles=(("hall_admin", f"hall:{other.hall.id}"),))
    leave = (await request(gql, team, "staff0", graph.staff[0], startsOn="2026-11-23", endsOn="2026-11-23"))["leaveRequest"]
    for who in ("staff0", "hall_admin", "chief_representative", "principal"):
        assert (await gql.data(NODE, {"id": leave["id"]}, headers=team.headers(who)))["node"] == {
            "__typename": "LeaveRequest", "status": "PENDING"}, who
    for headers in (team.headers("staff1"), stranger["headers"], {}):
        assert (await gql.data(NODE, {"id": leave["id"]}, headers=headers))["node"] is None
    awaiting = "{ leaveRequests(awaitingMyDecision: true) { totalCount edges { node { currentStep { role } } } } }"
    assert (await gql.data(awaiting, headers=team.headers("chief_representative")))["leaveRequests"]["totalCount"] == 1
    assert (await gql.data(awaiting, headers=team.headers("hall_admin")))["leaveRequests"]["totalCount"] == 0
    await decide(gql, team, "chief_representative", leave["steps"][0]["id"])
    assert (await gql.data(awaiting, headers=team.headers("hall_admin")))["leaveRequests"]["totalCount"] == 1
    assert (await gql.data(awaiting, headers=stranger["headers"]))["leaveRequests"]["totalCount"] == 0
    hall_list = await gql.execute("query($h: ID!) { leaveRequests(hallId: $h) { totalCount } }",
                                  {"h": gid("Hall", graph.hall)}, headers=stranger["headers"])
    assert hall_list["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


async def test_durations_and_substitutes_are_checked(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 20, 9, 0)
    graph = await make_hall(db, jurisdiction="jiedong", windows=2, staff_per_window=2)
    team = await people(db, runtime, graph)
    me, partner, elsewhere = graph.staff[0], graph.staff[1], graph.staff[2]
    national_day = await request(gql, team, "staff0", me, startsOn="2026-10-01", endsOn="2026-10-07")
    assert national_day["code"] == "LEAVE_NO_WORKING_DAY"
    a_session = await request(gql, team, "staff0", me, startsAt="2026-11-23T08:30:00", hours=3)  # the morning is 3 h
    assert a_session["code"] == "VALIDATION_FAILED"
    # A week with the weekend: five working days, the half-day band; the named substitute must be free then.
    away = (await request(gql, team, "staff2", elsewhere, startsOn="2026-11-23", endsOn="2026-11-23",
                          substituteId=gid("Staff", graph.staff[3])))
    assert away["__typename"] == "LeaveRequestSuccess"
    busy = await request(gql, team, "staff0", me, startsOn="2026-11-23", endsOn="2026-11-29", substituteId=gid("Staff", elsewhere))
    assert busy["code"] == "LEAVE_SUBSTITUTE_UNAVAILABLE"
    week = (await request(gql, team, "staff0", me, startsOn="2026-11-23", endsOn="2026-11-29",
                          substituteId=gid("Staff", partner)))["leaveRequest"]
    assert (week["days"], week["band"]) == (5.0, "half_day_or_more")
    itself = await request(gql, team, "staff1", partner, startsOn="2026-12-01", endsOn="2026-12-01", substituteId=gid("Staff", partner))
    assert itself["code"] == "VALIDATION_FAILED"
