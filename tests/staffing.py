"""Helpers for the staff-management scenario tests: people with roles in a hall graph, a pinned clock,
and the GraphQL documents the scenarios send."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core import clock
from core.graphql.relay import to_global_id
from core.timezones import SHANGHAI
from tests.factories import HallGraph, make_user


def gid(type_name: str, row) -> str:
    return to_global_id(type_name, row.id)


def pin_clock(monkeypatch, *args) -> datetime:
    """Pin the platform clock at a China Standard Time wall-clock moment: ``pin_clock(mp, 2026, 11, 20, 9, 0)``."""
    moment = datetime(*args, tzinfo=SHANGHAI)
    monkeypatch.setattr(clock, "now", lambda: moment)
    return moment


@dataclass
class People:
    """Users of one hall graph, by role (department roles in its department, hall roles in its hall)."""

    graph: HallGraph
    users: dict[str, dict]

    def __getitem__(self, role: str) -> dict:
        return self.users[role]

    def headers(self, role: str) -> dict:
        return self.users[role]["headers"]


HALL_ROLES = ("hall_admin", "hall_office_leader", "supervisor", "duty_leader")
DEPT_ROLES = ("chief_representative", "department_leader", "deputy_head", "principal")


async def people(db, runtime, graph: HallGraph, *, staff_users: int = 3) -> People:
    """One user per hall and department role, plus window-staff users for the first ``staff_users`` staff."""
    users = {}
    for role in HALL_ROLES:
        users[role] = await make_user(db, runtime, username=f"{role}-{graph.hall.id.hex[:6]}",
                                      roles=((role, f"hall:{graph.hall.id}"),))
    for role in DEPT_ROLES:
        users[role] = await make_user(db, runtime, username=f"{role}-{graph.hall.id.hex[:6]}",
                                      roles=((role, f"dept:{graph.departments[0].id}"),))
    for index, member in enumerate(graph.staff[:staff_users]):
        users[f"staff{index}"] = await make_user(db, runtime, username=f"staff{index}-{graph.hall.id.hex[:6]}",
                                                 staff_id=member.id, roles=(("window_staff", f"hall:{graph.hall.id}"),))
    return People(graph, users)


BASE_ERROR_FIELDS = "... on Error { code message } ... on PermissionDenied { side }"
ERROR_FIELDS = BASE_ERROR_FIELDS + " ... on RuleViolationError { ruleIds violations { ruleId message field } }"

LEAVE_FIELDS = """id kind status statusLabel days hours band handling ruleIds substituteRequired bRoleSubstituteRequired
  windowMustStayStaffed startsAt endsAt returnedAt
  steps { id position role side title action status decidedByName deciderRoles }
  currentStep { id role side }"""

REQUEST_LEAVE = f"""mutation($input: LeaveRequestInput!) {{ requestLeave(input: $input) {{ __typename
  ... on LeaveRequestSuccess {{ leaveRequest {{ {LEAVE_FIELDS} }} }} {ERROR_FIELDS} }} }}"""

DECIDE_STEP = f"""mutation($input: LeaveStepDecisionInput!) {{ decideLeaveStep(input: $input) {{ __typename
  ... on LeaveStepDecisionSuccess {{ leaveRequest {{ {LEAVE_FIELDS} }} }} {ERROR_FIELDS} }} }}"""

RECORD_FIELDS = "id attendanceOn slot slotTitle expectedAt checkedAt method verdict verdictLabel ruleIds staff { name }"

CHECK_IN = f"""mutation($input: CheckInInput!) {{ recordCheckIn(input: $input) {{ __typename
  ... on CheckInSuccess {{ record {{ {RECORD_FIELDS} }} }} {ERROR_FIELDS} }} }}"""

FILE_CORRECTION = f"""mutation($input: AttendanceCorrectionInput!) {{ fileAttendanceCorrection(input: $input) {{ __typename
  ... on AttendanceCorrectionSuccess {{ correction {{ id status reason signerRole signerSide signerTitle signerRoles
    keptBy ruleIds }} }} {ERROR_FIELDS} }} }}"""

SIGN_CORRECTION = f"""mutation($input: SignAttendanceCorrectionInput!) {{ signAttendanceCorrection(input: $input) {{ __typename
  ... on SignAttendanceCorrectionSuccess {{ correction {{ status }} record {{ {RECORD_FIELDS} }} }} {BASE_ERROR_FIELDS} }} }}"""

ATTACH_DOCUMENT = """mutation($input: LeaveDocumentInput!) { attachLeaveDocument(input: $input) { __typename
  ... on LeaveDocumentSuccess { attachment { id kind kindLabel filename contentType size sha256 } }
  ... on Error { code message } ... on ValidationError { field } ... on PermissionDenied { side } } }"""
#: A minimal PDF: what a scanned 医院证明 starts with.
CERTIFICATE_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


async def attach_certificate(gql, who: dict, leave_id: str, content: bytes = CERTIFICATE_PDF,
                             filename: str = "诊断证明.pdf", kind: str = "hospital_certificate") -> dict:
    """R6: a hospital certificate stored with a (nanbu sick) leave request."""
    import base64

    variables = {"input": {"leaveRequestId": leave_id, "filename": filename, "kind": kind,
                           "contentBase64": base64.b64encode(content).decode()}}
    return (await gql.data(ATTACH_DOCUMENT, variables, headers=who["headers"]))["attachLeaveDocument"]
