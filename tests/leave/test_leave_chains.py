"""Leave through GraphQL: each jurisdiction's chain walked step by step by the right role on the right side."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.leave.models import LeaveRequest
from tests.factories import make_hall
from tests.staffing import DECIDE_STEP, REQUEST_LEAVE, gid, people, pin_clock
from tests.test_auth import audit_rows

pytestmark = pytest.mark.db


async def decide(gql, who, step_id, approve=True):
    result = await gql.data(DECIDE_STEP, {"input": {"stepId": step_id, "approve": approve}}, headers=who["headers"])
    return result["decideLeaveStep"]


async def test_jiedong_half_day_walks_window_unit_chief_rep_bureau_leader_then_filed(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 20, 9, 0)
    graph = await make_hall(db, jurisdiction="jiedong")
    team = await people(db, runtime, graph)
    a_member, b_member = graph.staff[0], graph.staff[1]  # A and B on window A01
    variables = {"input": {"staffId": gid("Staff", a_member), "kind": "PERSONAL", "startsOn": "2026-11-23",
                           "startSession": "MORNING", "endsOn": "2026-11-23", "endSession": "MORNING",
                           "substituteId": gid("Staff", b_member), "reason": "家中有事"}}
    created = (await gql.data(REQUEST_LEAVE, variables, headers=team.headers("staff0")))["requestLeave"]
    leave = created["leaveRequest"]
    assert created["__typename"] == "LeaveRequestSuccess"
    assert (leave["days"], leave["band"], leave["status"]) == (0.5, "half_day_or_more", "PENDING")
    assert leave["ruleIds"] == ["jiedong.leave.half_day_or_more", "jiedong.leave.return"]
    assert [(s["role"], s["side"], s["action"]) for s in leave["steps"]] == [
        ("window_unit", "department", "agree"), ("chief_representative", "department", "sign"),
        ("bureau_leader_in_charge", "hall", "approve"), ("service_section", "hall", "file")]
    steps = [s["id"] for s in leave["steps"]]

    # The hall cannot take the department's step; the chief representative cannot take the unit's.
    denied = await decide(gql, team["hall_admin"], steps[0])
    assert (denied["__typename"], denied["side"]) == ("PermissionDenied", "DEPARTMENT")
    assert (await decide(gql, team["chief_representative"], steps[0]))["__typename"] == "PermissionDenied"

    walked = [("department_leader", 0), ("chief_representative", 1), ("hall_office_leader", 2), ("hall_admin", 3)]
    for role, position in walked:
        result = await decide(gql, team[role], steps[position])
        assert result["__typename"] == "LeaveStepDecisionSuccess", result
    final = result["leaveRequest"]
    assert final["status"] == "APPROVED" and final["currentStep"] is None
    assert [s["status"] for s in final["steps"]] == ["DONE"] * 4
    rows = await audit_rows(db, action="decideLeaveStep", outcome="ok")
    assert [r.domain for r in rows] == [f"dept:{graph.departments[0].id}"] * 2 + [f"hall:{graph.hall.id}"] * 2


async def test_nanbu_three_days_needs_the_unit_principal_and_a_named_b_role_substitute(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 20, 9, 0)
    graph = await make_hall(db, jurisdiction="nanbu", place="南部山区")
    team = await people(db, runtime, graph)
    a_member, b_partner, elsewhere = graph.staff[0], graph.staff[1], graph.staff[2]
    three_days = {"staffId": gid("Staff", a_member), "kind": "PERSONAL", "startsOn": "2026-11-23", "endsOn": "2026-11-25"}

    missing = (await gql.data(REQUEST_LEAVE, {"input": three_days}, headers=team.headers("staff0")))["requestLeave"]
    assert missing["__typename"] == "RuleViolationError"
    assert missing["code"] == "LEAVE_B_ROLE_SUBSTITUTE_REQUIRED"
    assert missing["ruleIds"] == ["nanbu.leave.b_role_substitute"]
    not_partner = (await gql.data(REQUEST_LEAVE, {"input": {**three_days, "substituteId": gid("Staff", elsewhere)}},
                                  headers=team.headers("staff0")))["requestLeave"]
    assert not_partner["code"] == "LEAVE_B_ROLE_SUBSTITUTE_REQUIRED"
    async with db.session() as session:
        assert (await session.execute(sa.select(sa.func.count()).select_from(LeaveRequest))).scalar() == 0

    created = (await gql.data(REQUEST_LEAVE, {"input": {**three_days, "substituteId": gid("Staff", b_partner)}},
                              headers=team.headers("staff0")))["requestLeave"]["leaveRequest"]
    assert (created["days"], created["band"]) == (3.0, "three_days_or_more")
    assert [(s["role"], s["side"]) for s in created["steps"]] == [
        ("unit_principal", "department"), ("centre_head", "hall"), ("service_section", "hall")]
    assert created["steps"][0]["deciderRoles"] == ["principal"]
    steps = [s["id"] for s in created["steps"]]
    assert (await decide(gql, team["deputy_head"], steps[0]))["__typename"] == "PermissionDenied"
    for role, position in [("principal", 0), ("hall_office_leader", 1), ("hall_admin", 2)]:
        assert (await decide(gql, team[role], steps[position]))["__typename"] == "LeaveStepDecisionSuccess"
