"""Onboarding (the department proposes, the hall approves before duty), A/B posts and who holds a window."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.staff.models import Staff
from core.windows.models import WindowHandover
from tests.factories import make_hall
from tests.staffing import BASE_ERROR_FIELDS, DECIDE_STEP, ERROR_FIELDS, REQUEST_LEAVE, gid, people, pin_clock
from tests.test_auth import audit_rows

pytestmark = pytest.mark.db

PROPOSE = f"""mutation($input: StaffOnboardingInput!) {{ proposeStaffOnboarding(input: $input) {{ __typename
  ... on StaffOnboardingSuccess {{ onboarding {{ id status ruleIds postRole staff {{ id status name }} window {{ number }} }} }}
  {BASE_ERROR_FIELDS} }} }}"""
TRAIN = f"""mutation($input: StaffTrainingInput!) {{ recordStaffTraining(input: $input) {{ __typename
  ... on StaffTrainingSuccess {{ training {{ kind title }} staff {{ trainings {{ kindLabel completedOn }} }} }} {BASE_ERROR_FIELDS} }} }}"""
DECIDE = f"""mutation($input: StaffOnboardingDecisionInput!) {{ decideStaffOnboarding(input: $input) {{ __typename
  ... on StaffOnboardingDecisionSuccess {{ onboarding {{ status }} staff {{ status onDutySince windows {{ role window {{ number }} }} }} }}
  {ERROR_FIELDS} }} }}"""
RESPONSIBLE = """query($id: ID!, $at: DateTime) { node(id: $id) { ... on Window { number
  responsible(at: $at) { basis basisLabel staff { name } leave { status } } } } }"""


async def test_the_department_proposes_the_hall_approves_after_pre_duty_training(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 23, 9, 0)
    graph = await make_hall(db, jurisdiction="jiedong")
    team = await people(db, runtime, graph)
    proposal = {"hallId": gid("Hall", graph.hall), "departmentId": gid("Department", graph.departments[0]),
                "staffNumber": "JD-NEW-1", "name": "新同志", "windowId": gid("Window", graph.windows[1]), "postRole": "A",
                "duties": "受理、审核"}
    by_hall = (await gql.data(PROPOSE, {"input": proposal}, headers=team.headers("hall_admin")))["proposeStaffOnboarding"]
    assert (by_hall["__typename"], by_hall["side"]) == ("PermissionDenied", "DEPARTMENT")
    proposed = (await gql.data(PROPOSE, {"input": proposal}, headers=team.headers("chief_representative")))["proposeStaffOnboarding"]
    onboarding = proposed["onboarding"]
    assert (onboarding["status"], onboarding["staff"]["status"], onboarding["ruleIds"]) == (
        "PROPOSED", "PROPOSED", ["jiedong.staff.onboarding"])
    taken = (await gql.data(PROPOSE, {"input": proposal}, headers=team.headers("chief_representative")))["proposeStaffOnboarding"]
    assert taken["code"] == "STAFF_NUMBER_TAKEN"

    decision = {"onboardingId": onboarding["id"], "approve": True}
    by_department = (await gql.data(DECIDE, {"input": decision}, headers=team.headers("department_leader")))["decideStaffOnboarding"]
    assert (by_department["__typename"], by_department["side"]) == ("PermissionDenied", "HALL")
    untrained = (await gql.data(DECIDE, {"input": decision}, headers=team.headers("hall_admin")))["decideStaffOnboarding"]
    assert (untrained["code"], untrained["ruleIds"]) == ("STAFF_TRAINING_REQUIRED", ["jiedong.staff.onboarding"])

    trained = (await gql.data(TRAIN, {"input": {"staffId": onboarding["staff"]["id"], "title": "服务规范、礼仪培训",
                                                "completedOn": "2026-11-20", "hours": 8}},
                              headers=team.headers("chief_representative")))["recordStaffTraining"]
    assert trained["staff"]["trainings"] == [{"kindLabel": "岗前培训", "completedOn": "2026-11-20"}]
    approved = (await gql.data(DECIDE, {"input": decision}, headers=team.headers("hall_admin")))["decideStaffOnboarding"]
    assert approved["staff"] == {"status": "ON_DUTY", "onDutySince": "2026-11-23",
                                 "windows": [{"role": "A", "window": {"number": "A02"}}]}
    # The window's previous A member is now its B: a logged handover.
    async with db.session() as session:
        handover = (await session.execute(sa.select(WindowHandover))).scalar_one()
    assert (handover.from_staff_id, handover.reason) == (graph.staff[2].id, "reassigned")
    again = (await gql.data(DECIDE, {"input": decision}, headers=team.headers("hall_office_leader")))["decideStaffOnboarding"]
    assert (again["__typename"], again["code"]) == ("ConflictError", "ONBOARDING_DECIDED")
    assert [r.outcome for r in await audit_rows(db, action="decideStaffOnboarding")] == ["denied", "rejected", "ok", "rejected"]


async def test_the_registration_form_the_rule_names_is_shown_with_the_proposal(gql, db, runtime, monkeypatch):
    """OnboardingRule.registration_form is read: dongguan's 登记备案表 (附录G) is named on the proposal; jiedong names none."""
    pin_clock(monkeypatch, 2026, 11, 23, 9, 0)
    shown = {}
    for jurisdiction in ("dongguan", "jiedong"):
        graph = await make_hall(db, jurisdiction=jurisdiction)
        team = await people(db, runtime, graph)
        proposal = {"hallId": gid("Hall", graph.hall), "departmentId": gid("Department", graph.departments[0]),
                    "staffNumber": f"{jurisdiction}-1", "name": "新同志", "asSubstitute": True}
        body = (await gql.data(PROPOSE.replace("ruleIds", "ruleIds registrationForm"), {"input": proposal},
                               headers=team.headers("chief_representative")))["proposeStaffOnboarding"]
        shown[jurisdiction] = body["onboarding"]["registrationForm"]
    assert shown == {"dongguan": "东莞市政务服务大厅窗口人员登记备案表（附录G）", "jiedong": None}


async def test_when_a_leaves_the_post_b_holds_the_window_and_it_is_never_nobodys(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 20, 9, 0)
    graph = await make_hall(db, jurisdiction="panyu", place="番禺区", windows=1, staff_per_window=2)
    team = await people(db, runtime, graph)
    a_member, b_member = graph.staff
    window_id = gid("Window", graph.windows[0])
    now = (await gql.data(RESPONSIBLE, {"id": window_id}))["node"]["responsible"]
    assert (now["basis"], now["staff"]["name"]) == ("A_ON_POST", a_member.name)

    leave = (await gql.data(REQUEST_LEAVE, {"input": {"staffId": gid("Staff", a_member), "kind": "PERSONAL",
                                                      "startsOn": "2026-11-24", "endsOn": "2026-11-24"}},
                            headers=team.headers("staff0")))["requestLeave"]["leaveRequest"]
    for role, step in zip(("chief_representative", "hall_admin"), leave["steps"]):
        await gql.data(DECIDE_STEP, {"input": {"stepId": step["id"], "approve": True}}, headers=team.headers(role))
    during = {"id": window_id, "at": "2026-11-24T10:00:00"}
    public = (await gql.data(RESPONSIBLE, during))["node"]["responsible"]
    assert (public["basis"], public["staff"]["name"], public["leave"]) == ("B_STANDS_IN", b_member.name, None)
    office = (await gql.data(RESPONSIBLE, during, headers=team.headers("hall_admin")))["node"]["responsible"]
    assert office["leave"] == {"status": "APPROVED"}
    async with db.session() as session:
        logged = (await session.execute(sa.select(WindowHandover))).scalar_one()
    assert (logged.from_staff_id, logged.to_staff_id, logged.reason) == (a_member.id, b_member.id, "leave")

    # The A member is returned to the department: the B member becomes A for good (a logged handover).
    returned = (await gql.data("""mutation($input: StaffReturnInput!) { returnStaffToDepartment(input: $input) {
      __typename ... on StaffReturnSuccess { staffReturn { reason returnedOn ruleIds staff { status } } } } }""",
        {"input": {"staffId": gid("Staff", a_member), "reason": "不能胜任窗口工作"}}, headers=team.headers("hall_admin")))
    assert returned["returnStaffToDepartment"]["staffReturn"]["staff"]["status"] == "RETURNED"
    after = (await gql.data(RESPONSIBLE, {"id": window_id}))["node"]["responsible"]
    assert (after["basis"], after["staff"]["name"]) == ("A_ON_POST", b_member.name)
    async with db.session() as session:
        handovers = (await session.execute(sa.select(WindowHandover).order_by(WindowHandover.created_at))).scalars().all()
    assert [(h.reason, h.to_staff_id) for h in handovers] == [("leave", b_member.id), ("returned", b_member.id)]
    # The leave that will not happen now was withdrawn: its handover ends before it starts.
    assert handovers[0].ends_at == handovers[0].starts_at
    mine = (await gql.data("{ leaveRequests { edges { node { status } } } }", headers=team.headers("staff0")))
    assert mine["leaveRequests"]["edges"] == [{"node": {"status": "CANCELLED"}}]

    # With nobody left on the window, the department's chief representative answers for it.
    from core.departments.models import HallDepartment

    async with db.transaction() as session:
        stationed = (await session.execute(sa.select(HallDepartment))).scalar_one()
        stationed.chief_representative_id = graph.staff[1].id
        (await session.get(Staff, b_member.id)).status = "left"
    nobody = (await gql.data(RESPONSIBLE, {"id": window_id}))["node"]["responsible"]
    assert (nobody["basis"], nobody["staff"]["name"]) == ("CHIEF_REPRESENTATIVE", b_member.name)


async def test_jiedong_refuses_a_leave_that_would_leave_the_window_empty(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 20, 9, 0)
    graph = await make_hall(db, jurisdiction="jiedong", windows=1, staff_per_window=2)
    team = await people(db, runtime, graph)
    a_member, b_member = graph.staff
    # B reports a meeting covering Monday morning (reported, effective at once)…
    meeting = (await gql.data(REQUEST_LEAVE, {"input": {"staffId": gid("Staff", b_member), "kind": "MEETING",
                                                        "startsAt": "2026-11-23T09:00:00", "hours": 2,
                                                        "substituteId": gid("Staff", a_member)}},
                              headers=team.headers("staff1")))["requestLeave"]
    assert meeting["leaveRequest"]["status"] == "REPORTED"
    # …so A may not be away then too: nobody would be on window A01.
    refused = (await gql.data(REQUEST_LEAVE, {"input": {"staffId": gid("Staff", a_member), "kind": "PERSONAL",
                                                        "startsAt": "2026-11-23T10:00:00", "hours": 1}},
                              headers=team.headers("staff0")))["requestLeave"]
    assert (refused["__typename"], refused["code"]) == ("RuleViolationError", "LEAVE_WINDOW_LEFT_EMPTY")
    assert refused["ruleIds"] == ["jiedong.leave.under_half_day"]
    assert "A01" in refused["violations"][0]["message"]
    # In the afternoon B is back: the same short absence is fine (report to 政务服务股, the chief rep approves).
    fine = (await gql.data(REQUEST_LEAVE, {"input": {"staffId": gid("Staff", a_member), "kind": "PERSONAL",
                                                     "startsAt": "2026-11-23T15:00:00", "hours": 1}},
                           headers=team.headers("staff0")))["requestLeave"]["leaveRequest"]
    assert [(s["role"], s["action"]) for s in fine["steps"]] == [("service_section", "report"), ("chief_representative", "approve")]
