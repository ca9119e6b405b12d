"""Replacement: dongguan 先进后出 from the pre-selected substitutes, in writing, agreed with the hall; panyu files in
advance; each step decided by its side and checked against the jurisdiction's rule."""

from __future__ import annotations

import pytest

from core.staff.models import Staff
from tests.factories import make_hall
from tests.staffing import BASE_ERROR_FIELDS, ERROR_FIELDS, gid, people, pin_clock

pytestmark = pytest.mark.db

REPLACEMENT_FIELDS = "id status filedInAdvance substitutePreselected ruleIds oldStaff { status } newStaff { status }"
PROPOSE = f"""mutation($input: StaffReplacementInput!) {{ proposeStaffReplacement(input: $input) {{ __typename
  ... on StaffReplacementSuccess {{ replacement {{ {REPLACEMENT_FIELDS} }} }} {ERROR_FIELDS} }} }}"""
DECIDE = f"""mutation($input: StaffReplacementDecisionInput!) {{ decideStaffReplacement(input: $input) {{ __typename
  ... on StaffReplacementDecisionSuccess {{ replacement {{ status }} }} {BASE_ERROR_FIELDS} }} }}"""
STEP = """mutation($input: StaffReplacementStepInput!) {{ {name}(input: $input) {{ __typename
  ... on StaffReplacementStepSuccess {{ replacement {{ {fields} }} }} {errors} }} }}"""
ON_DUTY = STEP.format(name="putReplacementOnDuty", fields=REPLACEMENT_FIELDS, errors=ERROR_FIELDS)
RELEASE = STEP.format(name="releaseReplacedStaff", fields=REPLACEMENT_FIELDS, errors=ERROR_FIELDS)
SUBSTITUTE = f"""mutation($input: StaffOnboardingInput!) {{ proposeStaffOnboarding(input: $input) {{ __typename
  ... on StaffOnboardingSuccess {{ onboarding {{ id staff {{ id }} }} }} {BASE_ERROR_FIELDS} }} }}"""
WINDOW = "query($id: ID!) { node(id: $id) { ... on Window { staff { role staff { name } } responsible { staff { name } } } } }"


async def substitute(gql, db, team, graph, number, *, approve=True):
    """A member the department pre-selects and the hall approves onto the substitute list (预选替岗人员)."""
    proposed = (await gql.data(SUBSTITUTE, {"input": {
        "hallId": gid("Hall", graph.hall), "departmentId": gid("Department", graph.departments[0]),
        "staffNumber": number, "name": f"替岗{number}", "asSubstitute": True}},
        headers=team.headers("chief_representative")))["proposeStaffOnboarding"]["onboarding"]
    if approve:
        await gql.data("""mutation($input: StaffTrainingInput!) { recordStaffTraining(input: $input) { __typename } }""",
                       {"input": {"staffId": proposed["staff"]["id"], "title": "岗前培训", "completedOn": "2026-11-20"}},
                       headers=team.headers("hall_admin"))
        decided = await gql.data("""mutation($input: StaffOnboardingDecisionInput!) { decideStaffOnboarding(input: $input) {
          __typename ... on StaffOnboardingDecisionSuccess { staff { status } } } }""",
                                 {"input": {"onboardingId": proposed["id"], "approve": True}}, headers=team.headers("hall_admin"))
        assert decided["decideStaffOnboarding"]["staff"]["status"] == "RESERVE"
    return proposed["staff"]["id"]


async def test_dongguan_old_member_cannot_leave_before_the_new_one_is_on_duty(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 23, 9, 0)
    graph = await make_hall(db, jurisdiction="dongguan", place="厚街", level="town", windows=1, staff_per_window=2)
    team = await people(db, runtime, graph)
    old = graph.staff[0]  # A on A01
    reserve = await substitute(gql, db, team, graph, "DG-R1")
    proposal = {"oldStaffId": gid("Staff", old), "newStaffId": reserve, "reason": "原人员调回局机关",
                "writtenReport": "关于调换窗口工作人员的报告", "plannedOn": "2026-11-30"}
    by_hall = (await gql.data(PROPOSE, {"input": proposal}, headers=team.headers("hall_admin")))["proposeStaffReplacement"]
    assert (by_hall["__typename"], by_hall["side"]) == ("PermissionDenied", "DEPARTMENT")
    replacement = (await gql.data(PROPOSE, {"input": proposal}, headers=team.headers("chief_representative")))[
        "proposeStaffReplacement"]["replacement"]
    assert (replacement["status"], replacement["substitutePreselected"], replacement["ruleIds"]) == (
        "PROPOSED", True, ["dongguan.staff.replacement"])
    target = {"input": {"replacementId": replacement["id"]}}

    not_agreed = (await gql.data(ON_DUTY, target, headers=team.headers("chief_representative")))["putReplacementOnDuty"]
    assert (not_agreed["code"], not_agreed["violations"][0]["field"]) == ("REPLACEMENT_REFUSED", "hall_agreed")
    agreed = (await gql.data(DECIDE, {"input": {"replacementId": replacement["id"], "agree": True}},
                             headers=team.headers("hall_office_leader")))["decideStaffReplacement"]
    assert agreed["replacement"]["status"] == "AGREED"

    # 先进后出: removing the old member first is refused, and nothing changes.
    first_out = (await gql.data(RELEASE, target, headers=team.headers("chief_representative")))["releaseReplacedStaff"]
    assert (first_out["__typename"], first_out["code"]) == ("RuleViolationError", "REPLACEMENT_REFUSED")
    assert first_out["ruleIds"] == ["dongguan.staff.replacement"]
    assert first_out["violations"][0]["field"] == "new_on_duty_on" and "先进后出" in first_out["violations"][0]["message"]
    async with db.session() as session:
        assert (await session.get(Staff, old.id)).status == "on_duty"

    new_in = (await gql.data(ON_DUTY, target, headers=team.headers("chief_representative")))["putReplacementOnDuty"]
    assert new_in["replacement"]["status"] == "NEW_ON_DUTY" and new_in["replacement"]["newStaff"]["status"] == "ON_DUTY"
    handover_period = (await gql.data(WINDOW, {"id": gid("Window", graph.windows[0])}))["node"]
    assert [s["role"] for s in handover_period["staff"]] == ["A", "B", "B"]
    old_out = (await gql.data(RELEASE, target, headers=team.headers("chief_representative")))["releaseReplacedStaff"]
    assert old_out["replacement"]["status"] == "COMPLETED" and old_out["replacement"]["oldStaff"]["status"] == "LEFT"
    after = (await gql.data(WINDOW, {"id": gid("Window", graph.windows[0])}))["node"]
    assert after["responsible"]["staff"]["name"] == "替岗DG-R1"
    assert [(s["role"], s["staff"]["name"]) for s in after["staff"]] == [("A", "替岗DG-R1"), ("B", graph.staff[1].name)]


async def test_dongguan_replacement_must_be_in_writing_and_from_the_substitutes(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 23, 9, 0)
    graph = await make_hall(db, jurisdiction="dongguan", place="厚街", level="town", windows=1)
    team = await people(db, runtime, graph)
    not_preselected = await substitute(gql, db, team, graph, "DG-P1", approve=False)  # still only proposed
    refused = (await gql.data(PROPOSE, {"input": {"oldStaffId": gid("Staff", graph.staff[0]), "newStaffId": not_preselected,
                                                  "reason": "调整", "plannedOn": "2026-11-30"}},
                              headers=team.headers("chief_representative")))["proposeStaffReplacement"]
    assert refused["code"] == "REPLACEMENT_REFUSED"
    assert sorted(v["field"] for v in refused["violations"]) == ["substitute_preselected", "written_report"]


async def test_panyu_files_a_replacement_in_advance(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 23, 9, 0)
    graph = await make_hall(db, jurisdiction="panyu", place="番禺区", windows=1)
    team = await people(db, runtime, graph)
    reserve = await substitute(gql, db, team, graph, "PY-R1")
    same_day = {"oldStaffId": gid("Staff", graph.staff[0]), "newStaffId": reserve, "reason": "工作调整",
                "plannedOn": "2026-11-23"}
    late = (await gql.data(PROPOSE, {"input": same_day}, headers=team.headers("department_leader")))["proposeStaffReplacement"]
    assert (late["code"], late["ruleIds"], late["violations"][0]["field"]) == (
        "REPLACEMENT_REFUSED", ["panyu.staff.replacement"], "filed_in_advance")
    filed = (await gql.data(PROPOSE, {"input": {**same_day, "plannedOn": "2026-11-25"}},
                            headers=team.headers("department_leader")))["proposeStaffReplacement"]["replacement"]
    assert filed["filedInAdvance"] is True
    # Panyu asks no agreement of the hall: filed, the department carries it out; old before new is allowed here.
    released = (await gql.data(RELEASE, {"input": {"replacementId": filed["id"]}},
                               headers=team.headers("department_leader")))["releaseReplacedStaff"]
    assert released["replacement"]["status"] == "OLD_LEFT"
    window = (await gql.data(WINDOW, {"id": gid("Window", graph.windows[0])}))["node"]
    assert window["responsible"]["staff"]["name"] == graph.staff[1].name  # B took over
    arrived = (await gql.data(ON_DUTY, {"input": {"replacementId": filed["id"]}},
                              headers=team.headers("department_leader")))["putReplacementOnDuty"]
    assert (arrived["replacement"]["status"], arrived["replacement"]["newStaff"]["status"]) == ("COMPLETED", "ON_DUTY")
