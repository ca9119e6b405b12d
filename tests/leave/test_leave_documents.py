"""R6 (RULEBOOK §16; nanbu 考勤制度 二(二) "病假凭医院证明", 二(三) "因特殊原因来不及办理请假手续的,可电话请假,事后需持
有效证明补办请假手续"): sick leave needs a hospital certificate before approval; leave by phone, paperwork after
(*default* within 1 working day, configurable)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.leave.models import LeaveAttachment
from tests.factories import make_hall, make_user
from tests.staffing import (
    CERTIFICATE_PDF,
    DECIDE_STEP,
    REQUEST_LEAVE,
    attach_certificate,
    gid,
    people,
    pin_clock,
)

pytestmark = pytest.mark.db

REQUIREMENTS = """query($code: String!, $kind: String!) { jurisdiction(code: $code) { leaveRequirements(kind: $kind) {
  attachment attachmentTitle phoneLeaveAllowed paperworkWorkingDays rules { id source article } } } }"""
LEAVE = """query($id: ID!) { node(id: $id) { ... on LeaveRequest { status byPhone paperworkDueOn paperworkOverdue
  attachments { kind kindLabel filename contentType size } } } }"""


async def test_nanbu_sick_leave_is_approved_only_on_a_hospital_certificate(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 20, 9, 0)
    answer = (await gql.data(REQUIREMENTS, {"code": "nanbu", "kind": "sick"}))["jurisdiction"]["leaveRequirements"]
    assert (answer["attachment"], answer["attachmentTitle"]) == ("hospital_certificate", "医院证明")
    assert {"id": "nanbu.leave.sick_certificate", "source": "nanbu", "article": "考勤制度 二(二)"} in answer["rules"]

    graph = await make_hall(db, jurisdiction="nanbu", place="南部山区", windows=1, staff_per_window=2)
    team = await people(db, runtime, graph)
    sick = (await gql.data(REQUEST_LEAVE, {"input": {
        "staffId": gid("Staff", graph.staff[0]), "kind": "SICK", "startsOn": "2026-11-23", "endsOn": "2026-11-24",
        "substituteId": gid("Staff", graph.staff[1])}}, headers=team.headers("staff0")))["requestLeave"]["leaveRequest"]
    first = sick["steps"][0]
    # v1 approved it with no certificate at all.
    refused = (await gql.data(DECIDE_STEP, {"input": {"stepId": first["id"], "approve": True}},
                              headers=team.headers("deputy_head")))["decideLeaveStep"]
    assert (refused["code"], refused["ruleIds"]) == ("LEAVE_ATTACHMENT_REQUIRED", ["nanbu.leave.sick_certificate"])
    assert "医院证明" in refused["message"]

    # Size- and type-checked: a renamed text file, a wrong extension, an empty or oversized file are refused.
    not_pdf = await attach_certificate(gql, team["staff0"], sick["id"], content=b"I am sick, trust me")
    assert (not_pdf["code"], not_pdf["field"]) == ("VALIDATION_FAILED", "content")
    wrong_name = await attach_certificate(gql, team["staff0"], sick["id"], filename="证明.png")
    assert (wrong_name["code"], wrong_name["field"]) == ("VALIDATION_FAILED", "filename")
    too_big = await attach_certificate(gql, team["staff0"], sick["id"], content=b"%PDF-" + b"0" * (5 * 1024 * 1024))
    assert too_big["code"] == "VALIDATION_FAILED"
    stranger = await make_user(db, runtime, staff_id=graph.staff[1].id, roles=(("window_staff", f"hall:{graph.hall.id}"),))
    assert (await attach_certificate(gql, stranger, sick["id"]))["__typename"] == "PermissionDenied"
    stored = await attach_certificate(gql, team["staff0"], sick["id"], filename="../../诊断证明.pdf")
    assert stored["attachment"] == {**stored["attachment"], "kind": "hospital_certificate", "kindLabel": "医院证明",
                                    "filename": "诊断证明.pdf", "contentType": "application/pdf",
                                    "size": len(CERTIFICATE_PDF)}
    async with db.session() as session:
        assert (await session.execute(sa.select(LeaveAttachment.content))).scalars().all() == [CERTIFICATE_PDF]

    for role, step in zip(("deputy_head", "hall_office_leader", "hall_admin"), sick["steps"]):
        done = (await gql.data(DECIDE_STEP, {"input": {"stepId": step["id"], "approve": True}},
                               headers=team.headers(role)))["decideLeaveStep"]
        assert done["__typename"] == "LeaveStepDecisionSuccess", done
    read = (await gql.data(LEAVE, {"id": sick["id"]}, headers=team.headers("staff0")))["node"]
    assert read["status"] == "APPROVED" and [a["filename"] for a in read["attachments"]] == ["诊断证明.pdf"]


async def test_leave_by_phone_is_effective_at_once_and_its_paperwork_follows(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 20, 8, 40)  # a Friday morning: the staff member phones in sick
    graph = await make_hall(db, jurisdiction="nanbu", place="南部山区", windows=1, staff_per_window=2)
    team = await people(db, runtime, graph)
    phoned = {"staffId": gid("Staff", graph.staff[0]), "kind": "SICK", "startsOn": "2026-11-20", "endsOn": "2026-11-20",
              "substituteId": gid("Staff", graph.staff[1]), "byPhone": True}
    own = (await gql.data(REQUEST_LEAVE, {"input": phoned}, headers=team.headers("staff0")))["requestLeave"]
    assert own["__typename"] == "PermissionDenied"  # the hall records a phone call, not the caller
    leave = (await gql.data(REQUEST_LEAVE, {"input": phoned}, headers=team.headers("hall_admin")))["requestLeave"]
    request = leave["leaveRequest"]
    read = (await gql.data(LEAVE, {"id": request["id"]}, headers=team.headers("hall_admin")))["node"]
    # Friday + 1 working day → Monday.
    assert (read["status"], read["byPhone"], read["paperworkDueOn"], read["paperworkOverdue"]) == (
        "PENDING", True, "2026-11-23", False)
    # Effective at once: the day's closing finds the staff member excused, not missing.
    close = """mutation($input: CloseAttendanceDayInput!) { closeAttendanceDay(input: $input) { __typename
      ... on CloseAttendanceDaySuccess { missingRecorded } } }"""
    pin_clock(monkeypatch, 2026, 11, 20, 18, 0)
    closed = (await gql.data(close, {"input": {"hallId": gid("Hall", graph.hall), "day": "2026-11-20"}},
                             headers=team.headers("hall_admin")))["closeAttendanceDay"]
    assert closed["__typename"] == "CloseAttendanceDaySuccess"
    records = """query($hall: ID!) { attendanceRecords(hallId: $hall, from: "2026-11-20", to: "2026-11-20", first: 50) {
      edges { node { verdict staff { name } } } } }"""
    rows = (await gql.data(records, {"hall": gid("Hall", graph.hall)}, headers=team.headers("hall_admin")))
    verdicts = {e["node"]["verdict"] for e in rows["attendanceRecords"]["edges"]
                if e["node"]["staff"]["name"] == graph.staff[0].name}
    assert verdicts == {"EXCUSED"}
    # The paperwork is late after Monday.
    pin_clock(monkeypatch, 2026, 11, 24, 9, 0)
    late = (await gql.data(LEAVE, {"id": request["id"]}, headers=team.headers("hall_admin")))["node"]
    assert late["paperworkOverdue"] is True
    # Elsewhere leave is not asked by phone.
    panyu = await make_hall(db, jurisdiction="panyu", place="番禺区", windows=1, staff_per_window=2)
    panyu_team = await people(db, runtime, panyu)
    refused = (await gql.data(REQUEST_LEAVE, {"input": {**phoned, "staffId": gid("Staff", panyu.staff[0]),
                                                        "substituteId": gid("Staff", panyu.staff[1]),
                                                        "startsOn": "2026-11-25", "endsOn": "2026-11-25"}},
                              headers=panyu_team.headers("hall_admin")))["requestLeave"]
    assert refused["code"] == "LEAVE_PHONE_NOT_ALLOWED"


SET_SETTING = """mutation($input: RuleSettingInput!) { setJurisdictionRuleSetting(input: $input) { __typename
  ... on RuleSettingSuccess { setting { key value default isDefault ruleId } } ... on Error { code message } } }"""


async def test_the_attachment_size_limit_is_a_default_the_jurisdiction_admin_sets(gql, db, runtime, monkeypatch):
    """5 MB is a default (source ``default``), not a seed's rule: ``leave.attachment_max_mb`` changes it."""
    pin_clock(monkeypatch, 2026, 11, 20, 9, 0)
    graph = await make_hall(db, jurisdiction="nanbu", place="南部山区", windows=1, staff_per_window=2)
    team = await people(db, runtime, graph)
    sick = (await gql.data(REQUEST_LEAVE, {"input": {
        "staffId": gid("Staff", graph.staff[0]), "kind": "SICK", "startsOn": "2026-11-23", "endsOn": "2026-11-24",
        "substituteId": gid("Staff", graph.staff[1])}}, headers=team.headers("staff0")))["requestLeave"]["leaveRequest"]
    scan = b"%PDF-" + b"0" * (1536 * 1024)  # a 1.5 MB scan
    admin = await make_user(db, runtime, roles=(("jurisdiction_admin", "jurisdiction:nanbu"),))

    async def set_limit(value):
        return (await gql.data(SET_SETTING, {"input": {"jurisdiction": "nanbu", "key": "leave.attachment_max_mb",
                                                       "value": value}}, headers=admin["headers"]))[
            "setJurisdictionRuleSetting"]

    assert (await set_limit(1))["setting"] == {"key": "leave.attachment_max_mb", "value": 1.0, "default": 5.0,
                                               "isDefault": False, "ruleId": "default.leave.attachment_size"}
    refused = await attach_certificate(gql, team["staff0"], sick["id"], content=scan)
    assert (refused["code"], "1 MB" in refused["message"]) == ("VALIDATION_FAILED", True)
    assert (await set_limit(50))["code"] == "VALIDATION_FAILED"  # at most 20 MB
    assert (await set_limit(None))["setting"]["isDefault"] is True
    stored = await attach_certificate(gql, team["staff0"], sick["id"], content=scan)
    assert stored["attachment"]["size"] == len(scan)
    rules = (await gql.data('query { jurisdiction(code: "nanbu") { rules { id source } } }'))["jurisdiction"]["rules"]
    assert {"id": "default.leave.attachment_size", "source": "default"} in rules
