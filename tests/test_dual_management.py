"""RULEBOOK §2 as a matrix: for each aspect and each role, allow and deny side by side,
in the role's own hall/department and in another one — including domains whose ids are
prefixes of each other (department 1 vs department 10) — then the same through GraphQL."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest
import sqlalchemy as sa

from core import clock
from core.attendance.models import AttendanceDay, AttendanceRecord
from core.auth import service as auth_service
from core.auth.authorizer import Scope
from core.auth.roles import Role
from core.cases.models import Case
from core.graphql.relay import to_global_id
from core.staff.models import Staff
from core.timezones import SHANGHAI
from tests.factories import make_hall, make_user
from tests.test_auth import audit_rows

pytestmark = pytest.mark.db

HALL_ROLES = [Role.HALL_ADMIN, Role.SUPERVISOR, Role.CONSULTATION_DESK, Role.DUTY_LEADER, Role.HALL_OFFICE_LEADER, Role.WINDOW_STAFF]
DEPT_ROLES = [Role.CHIEF_REPRESENTATIVE, Role.DEPARTMENT_LEADER, Role.DEPUTY_HEAD, Role.PRINCIPAL]

# (aspect, object, action, roles that may decide) — one line per row of the §2 table.
MATRIX = [
    ("establishment, rank, pay", "staff_employment", "write", {Role.DEPARTMENT_LEADER, Role.DEPUTY_HEAD, Role.PRINCIPAL}),
    ("business approvals, case decisions", "case_decision", "approve", {Role.CHIEF_REPRESENTATIVE}),
    ("daily discipline, conduct", "conduct", "write", {Role.HALL_ADMIN, Role.SUPERVISOR}),
    ("attendance", "attendance", "write", {Role.HALL_ADMIN, Role.SUPERVISOR}),
    ("service standards: ratings", "rating", "review", {Role.HALL_ADMIN, Role.SUPERVISOR, Role.HALL_OFFICE_LEADER}),
    ("complaints about service", "complaint", "handle", {Role.HALL_ADMIN, Role.SUPERVISOR, Role.HALL_OFFICE_LEADER}),
    ("assessment: hall scores", "assessment", "score", {Role.HALL_ADMIN, Role.HALL_OFFICE_LEADER}),
    ("assessment: department records the annual result", "assessment", "record_annual", {Role.DEPARTMENT_LEADER, Role.PRINCIPAL}),
    ("on duty: department proposes", "onboarding", "propose", {Role.CHIEF_REPRESENTATIVE, Role.DEPARTMENT_LEADER}),
    ("on duty: hall approves", "onboarding", "approve", {Role.HALL_ADMIN, Role.HALL_OFFICE_LEADER}),
    ("replacement: department proposes", "replacement", "propose", {Role.CHIEF_REPRESENTATIVE, Role.DEPARTMENT_LEADER}),
    ("replacement: hall agrees", "replacement", "agree", {Role.HALL_ADMIN, Role.HALL_OFFICE_LEADER}),
    ("return to the department", "staff_return", "write", {Role.HALL_ADMIN, Role.HALL_OFFICE_LEADER}),
]


@pytest.fixture
async def matrix_users(db, runtime):
    """One user per role, granted in hall:H1 / dept:1 (ids chosen so that 1 is a prefix of 10)."""
    hall_1, hall_10 = uuid.UUID(int=1), uuid.UUID(int=10)
    users = {}
    async with db.transaction() as session:
        for role in HALL_ROLES + DEPT_ROLES:
            user = await auth_service.create_user(session, username=f"m-{role.value}", display_name=role.title)
            domain = f"hall:{hall_1}" if role in HALL_ROLES else "dept:1"
            await auth_service.grant_role(session, user_id=user.id, role=role, domain=domain)
            users[role] = user.id
        integrator = await auth_service.create_user(session, username="m-integrator", display_name="省级")
        await auth_service.grant_role(session, user_id=integrator.id, role=Role.PROVINCIAL_INTEGRATOR, domain="province:44")
        users[Role.PROVINCIAL_INTEGRATOR] = integrator.id
    await runtime.authorizer.refresh(force=True)
    return users, hall_1, hall_10


@pytest.mark.parametrize("aspect,obj,act,deciders", MATRIX, ids=[row[0] for row in MATRIX])
async def test_dual_management_matrix(runtime, matrix_users, aspect, obj, act, deciders):
    users, hall_1, hall_10 = matrix_users
    authorizer = runtime.authorizer
    own_hall, other_hall = Scope.hall(hall_1, "jiedong", "44"), Scope.hall(hall_10, "jiedong", "44")
    own_dept, prefix_dept = Scope((f"dept:1",)), Scope((f"dept:10",))
    for role in HALL_ROLES + DEPT_ROLES:
        own, other = (own_hall, other_hall) if role in HALL_ROLES else (own_dept, prefix_dept)
        expected = role in deciders
        assert authorizer.can(users[role], obj, act, own) is expected, f"{aspect}: {role.value} in own domain"
        assert authorizer.can(users[role], obj, act, other) is False, f"{aspect}: {role.value} in another domain"
        # A hall role never decides in a department domain, and vice versa.
        crossed = own_dept if role in HALL_ROLES else own_hall
        assert authorizer.can(users[role], obj, act, crossed) is False
    # The provincial integrator reads across the province and writes nothing.
    assert authorizer.can(users[Role.PROVINCIAL_INTEGRATOR], obj, act, own_hall) is False
    assert authorizer.can(users[Role.PROVINCIAL_INTEGRATOR], "case", "read", own_hall) is True
    assert authorizer.can(users[Role.PROVINCIAL_INTEGRATOR], "case", "read", Scope.hall(hall_1, "nanbu", "37")) is False
    assert authorizer.can(users[Role.PROVINCIAL_INTEGRATOR], "case", "read", Scope.hall(hall_1, "x", "4")) is False
    side = authorizer.deciding_side(obj, act, own_hall if next(iter(deciders)) in HALL_ROLES else own_dept)
    assert side == next(iter(deciders)).side


RANK = """mutation($input: StaffEmploymentInput!) { updateStaffEmployment(input: $input) {
  __typename ... on StaffEmploymentSuccess { staff { rank } } ... on Error { code message } ... on PermissionDenied { side } } }"""


async def staff_rank(db, staff_id):
    async with db.session() as session:
        return (await session.execute(sa.select(Staff.rank).where(Staff.id == staff_id))).scalar_one()


async def test_rank_is_the_departments_decision(gql, db, runtime):
    graph = await make_hall(db)
    other = await make_hall(db)
    member = graph.staff[0]
    hall_admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))
    leader = await make_user(db, runtime, roles=(("department_leader", f"dept:{graph.departments[0].id}"),))
    other_leader = await make_user(db, runtime, roles=(("department_leader", f"dept:{other.departments[0].id}"),))
    variables = {"input": {"staffId": to_global_id("Staff", member.id), "rank": "四级主任科员"}}

    denied = await gql.data(RANK, variables, headers=hall_admin["headers"])
    assert denied["updateStaffEmployment"]["__typename"] == "PermissionDenied"
    assert denied["updateStaffEmployment"]["side"] == "DEPARTMENT"
    assert "派出部门" in denied["updateStaffEmployment"]["message"]
    assert await staff_rank(db, member.id) == "科员"
    denied_other = await gql.data(RANK, variables, headers=other_leader["headers"])
    assert denied_other["updateStaffEmployment"]["__typename"] == "PermissionDenied"
    assert await staff_rank(db, member.id) == "科员"

    ok = await gql.data(RANK, variables, headers=leader["headers"])
    assert ok["updateStaffEmployment"] == {"__typename": "StaffEmploymentSuccess", "staff": {"rank": "四级主任科员"}}
    rows = await audit_rows(db, action="updateStaffEmployment")
    assert [(r.outcome, r.user_id) for r in rows] == [
        ("denied", hall_admin["user"].id), ("denied", other_leader["user"].id), ("ok", leader["user"].id)]
    assert rows[2].before == {"rank": "科员", "position": None} and rows[2].after["rank"] == "四级主任科员"
    assert rows[2].domain == f"dept:{graph.departments[0].id}"


async def test_window_status_by_own_window_staff_or_hall_admin(gql, db, runtime):
    graph = await make_hall(db)
    mutation = """mutation($input: WindowStatusInput!) { setWindowStatus(input: $input) {
      __typename ... on WindowStatusSuccess { window { status statusLabel } } ... on PermissionDenied { side } } }"""
    on_window = graph.staff[0]  # A role on window A01
    staff_user = await make_user(db, runtime, staff_id=on_window.id, roles=(("window_staff", f"hall:{graph.hall.id}"),))
    own = {"input": {"windowId": to_global_id("Window", graph.windows[0].id), "status": "BRIEF_ABSENCE"}}
    elsewhere = {"input": {"windowId": to_global_id("Window", graph.windows[1].id), "status": "SUSPENDED"}}
    ok = await gql.data(mutation, own, headers=staff_user["headers"])
    assert ok["setWindowStatus"]["window"] == {"status": "BRIEF_ABSENCE", "statusLabel": "请您稍候"}
    denied = await gql.data(mutation, elsewhere, headers=staff_user["headers"])
    assert denied["setWindowStatus"]["__typename"] == "PermissionDenied"
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))
    assert (await gql.data(mutation, elsewhere, headers=admin["headers"]))["setWindowStatus"]["window"]["status"] == "SUSPENDED"


async def make_case(db, graph, serial: str) -> Case:
    async with db.transaction() as session:
        case = Case(serial_number=serial, hall_id=graph.hall.id, item_id=graph.items[0].id, window_id=graph.windows[0].id,
                    staff_id=graph.staff[0].id, category="promised", applicant_name="王小明",
                    applicant_id_number="445203199001011234", applicant_phone="13812345678")
        session.add(case)
    return case


async def test_idor_other_halls_objects_look_like_missing_ones(gql, db, runtime):
    mine, theirs = await make_hall(db), await make_hall(db)
    their_case = await make_case(db, theirs, "JD-IDOR-1")
    my_case = await make_case(db, mine, "JD-IDOR-2")
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{mine.hall.id}"),))
    query = "query($id: ID!) { node(id: $id) { __typename ... on Case { serialNumber applicantPhone } } }"
    missing = await gql.execute(query, {"id": to_global_id("Case", uuid.uuid4())}, headers=admin["headers"])
    foreign = await gql.execute(query, {"id": to_global_id("Case", their_case.id)}, headers=admin["headers"])
    assert foreign == missing == {"data": {"node": None}}
    own = await gql.data(query, {"id": to_global_id("Case", my_case.id)}, headers=admin["headers"])
    assert own["node"] == {"__typename": "Case", "serialNumber": "JD-IDOR-2", "applicantPhone": "13812345678"}
    anonymous = await gql.execute(query, {"id": to_global_id("Case", my_case.id)})
    assert anonymous == missing

    staff_query = "query($id: ID!) { node(id: $id) { ... on Staff { name rank phone hall { name } } } }"
    theirs_staff = await gql.data(staff_query, {"id": to_global_id("Staff", theirs.staff[0].id)}, headers=admin["headers"])
    assert theirs_staff["node"]["rank"] is None and theirs_staff["node"]["phone"] is None
    mine_staff = await gql.data(staff_query, {"id": to_global_id("Staff", mine.staff[0].id)}, headers=admin["headers"])
    assert mine_staff["node"]["rank"] == "科员"
    nested = await gql.data("query($id: ID!) { hall(id: $id) { staff { rank } } }", {"id": to_global_id("Hall", theirs.hall.id)},
                            headers=admin["headers"])
    assert {s["rank"] for s in nested["hall"]["staff"]} == {None}


async def test_personal_data_is_masked_for_roles_that_do_not_handle_it(gql, db, runtime):
    graph = await make_hall(db)
    case = await make_case(db, graph, "JD-PD-1")
    duty = await make_user(db, runtime, roles=(("duty_leader", f"hall:{graph.hall.id}"),))
    data = await gql.data("query($id: ID!) { node(id: $id) { ... on Case { applicantName applicantPhone applicantIdNumber } } }",
                          {"id": to_global_id("Case", case.id)}, headers=duty["headers"])
    assert data["node"] == {"applicantName": "王**", "applicantPhone": "138****5678", "applicantIdNumber": "4452**********1234"}


async def test_provincial_integrator_reads_cases_but_never_personal_data(gql, db, runtime):
    graph = await make_hall(db)
    case = await make_case(db, graph, "JD-PROV-1")
    integrator = await make_user(db, runtime, roles=(("provincial_integrator", "province:44"),))
    data = await gql.data("query($id: ID!) { node(id: $id) { ... on Case { serialNumber applicantPhone } } }",
                          {"id": to_global_id("Case", case.id)}, headers=integrator["headers"])
    assert data["node"] == {"serialNumber": "JD-PROV-1", "applicantPhone": "138****5678"}


async def test_seed_policy_file_matches_the_migrated_policy(runtime):
    from core.auth.authorizer import seed_policy

    await runtime.authorizer.refresh(force=True)
    loaded = {tuple(rule[:4]) for rule in runtime.authorizer.enforcer.get_policy()}
    assert loaded == set(seed_policy())
CHECK_IN_ATTEMPT = """mutation($input: CheckInInput!) { recordCheckIn(input: $input) { __typename
  ... on Error { code } ... on PermissionDenied { side } } }"""
CLOSE_DAY_ATTEMPT = """mutation($input: CloseAttendanceDayInput!) { closeAttendanceDay(input: $input) { __typename
  ... on Error { code } ... on PermissionDenied { side } } }"""
MANUAL_DAY_ATTEMPT = """mutation($input: ManualAttendanceDayInput!) { declareManualAttendanceDay(input: $input) { __typename
  ... on Error { code } ... on PermissionDenied { side } } }"""


async def attendance_state(db):
    async with db.session() as session:
        records = (await session.execute(sa.select(AttendanceRecord.id, AttendanceRecord.verdict, AttendanceRecord.checked_at,
                                                   AttendanceRecord.version))).all()
        days = (await session.execute(sa.select(sa.func.count()).select_from(AttendanceDay))).scalar()
    return sorted(records), days


async def test_a_department_leader_cannot_change_attendance(gql, db, runtime, monkeypatch):
    """Attendance is the hall's (RULEBOOK §2): every attempt by the department is denied, audited, and changes nothing."""
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 23, 18, 0, tzinfo=SHANGHAI))
    graph = await make_hall(db, jurisdiction="dongguan", place="厚街", level="town")
    member = graph.staff[0]
    hall = to_global_id("Hall", graph.hall.id)
    own = await make_user(db, runtime, staff_id=member.id, roles=(("window_staff", f"hall:{graph.hall.id}"),))
    leader = await make_user(db, runtime, roles=(("department_leader", f"dept:{graph.departments[0].id}"),))
    staff_id = to_global_id("Staff", member.id)
    # R2: a check-in comes from the hall's registered device at the server's clock (not the staff member's word).
    from core.attendance import devices as attendance_devices
    from core.attendance.models import CheckInMethod

    async with db.transaction() as session:
        _, credential = await attendance_devices.register(session, hall_id=graph.hall.id,
                                                          method=CheckInMethod.FACE_RECOGNITION, name="人脸识别终端",
                                                          user_id=None, now=clock.now())
    self_declared = await gql.data(CHECK_IN_ATTEMPT, {"input": {"staffId": staff_id}}, headers=own["headers"])
    assert self_declared["recordCheckIn"]["code"] == "ATTENDANCE_CHECK_IN_UNPROVEN"
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 23, 8, 45, tzinfo=SHANGHAI))
    recorded = await gql.data(CHECK_IN_ATTEMPT, {"input": {"staffId": staff_id}}, headers={"X-Device-Token": credential})
    assert recorded["recordCheckIn"]["__typename"] == "CheckInSuccess"
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 23, 18, 0, tzinfo=SHANGHAI))
    before = await attendance_state(db)

    attempts = [
        (CHECK_IN_ATTEMPT, {"staffId": staff_id, "at": "2026-11-23T08:20:00"}),
        (CHECK_IN_ATTEMPT, {"staffId": staff_id, "at": "2026-11-23T08:20:00", "method": "MANUAL"}),
        (MANUAL_DAY_ATTEMPT, {"hallId": hall, "day": "2026-11-23", "reason": "考勤机故障"}),
        (CLOSE_DAY_ATTEMPT, {"hallId": hall, "day": "2026-11-23"}),
    ]
    for document, variables in attempts:
        result = next(iter((await gql.data(document, {"input": variables}, headers=leader["headers"])).values()))
        assert (result["__typename"], result["side"]) == ("PermissionDenied", "HALL")
    assert await attendance_state(db) == before
    rows = await audit_rows(db, user_id=leader["user"].id)
    assert [(r.action, r.outcome) for r in rows] == [
        ("recordCheckIn", "denied"), ("recordCheckIn", "denied"), ("declareManualAttendanceDay", "denied"),
        ("closeAttendanceDay", "denied")]
    assert all(r.domain == f"hall:{graph.hall.id}" and r.before is None and r.after is None for r in rows)
