"""Attendance through GraphQL: check-ins judged per plugin, correction slips, manual days, closing, publication."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from datetime import datetime

from core import clock
from core.attendance import devices as attendance_devices
from core.attendance.models import AttendanceCorrection, AttendanceRecord, CheckInMethod
from core.timezones import SHANGHAI
from tests.factories import make_hall
from tests.staffing import CHECK_IN, FILE_CORRECTION, REQUEST_LEAVE, SIGN_CORRECTION, gid, people, pin_clock

pytestmark = pytest.mark.db


_DB = {}


@pytest.fixture(autouse=True)
def _remember_db(db):
    _DB["db"] = db
    _DB.pop("devices", None)


async def hall_device(staff, method: str) -> dict:
    """The credential header of a registered attendance device of the staff member's hall (R2)."""
    devices = _DB.setdefault("devices", {})
    key = (staff.hall_id, method)
    if key not in devices:
        async with _DB["db"].transaction() as session:
            _, credential = await attendance_devices.register(
                session, hall_id=staff.hall_id, method=CheckInMethod(method.lower()), name=f"{method} 测试终端",
                user_id=None, now=clock.now())
        devices[key] = {"X-Device-Token": credential}
    return devices[key]


async def check_in(gql, who, staff, at, slot=None, method="FACE_RECOGNITION"):
    """MANUAL: the hall's record with a time; otherwise the hall's registered device at that moment (the server's
    clock is pinned to ``at``: R2, a device cannot name a time)."""
    if method == "MANUAL":
        variables = {"input": {"staffId": gid("Staff", staff), "at": at, "method": method, "slot": slot}}
        return (await gql.data(CHECK_IN, variables, headers=who["headers"]))["recordCheckIn"]
    headers = await hall_device(staff, method)
    variables = {"input": {"staffId": gid("Staff", staff), "method": method, "slot": slot}}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(clock, "now", lambda: datetime.fromisoformat(at).replace(tzinfo=SHANGHAI))
        return (await gql.data(CHECK_IN, variables, headers=headers))["recordCheckIn"]


async def records(db):
    async with db.session() as session:
        return (await session.execute(sa.select(AttendanceRecord).order_by(AttendanceRecord.slot))).scalars().all()


async def test_panyu_late_at_0831_and_no_correction_slip_can_cover_it(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 23, 18, 0)
    graph = await make_hall(db, jurisdiction="panyu", place="番禺区")
    team = await people(db, runtime, graph)
    me = graph.staff[0]
    late = await check_in(gql, team["staff0"], me, "2026-11-23T08:31:00")
    assert late["record"]["verdict"] == "LATE" and late["record"]["slot"] == "in"
    assert late["record"]["expectedAt"] == "08:30:00"
    assert "panyu.attendance.check_ins" in late["record"]["ruleIds"]

    slip = {"staffId": gid("Staff", me), "day": "2026-11-23", "slot": "in", "correctedTime": "08:25:00"}
    for reason in ("LATE", "FORGOT"):  # saying "late", or "forgot" over a late record: both refused
        refused = (await gql.data(FILE_CORRECTION, {"input": {**slip, "reason": reason}},
                                  headers=team.headers("staff0")))["fileAttendanceCorrection"]
        assert refused["__typename"] == "RuleViolationError", refused
        assert (refused["code"], refused["ruleIds"]) == ("ATTENDANCE_CORRECTION_NOT_ALLOWED", ["panyu.attendance.correction"])
    # A missed sign-out on the same day, claimed at a time that would itself be early: refused as well.
    early = (await gql.data(FILE_CORRECTION, {"input": {**slip, "slot": "out", "reason": "FORGOT", "correctedTime": "16:50:00"}},
                            headers=team.headers("staff0")))["fileAttendanceCorrection"]
    assert early["code"] == "ATTENDANCE_CORRECTION_NOT_ALLOWED"
    async with db.session() as session:
        assert (await session.execute(sa.select(sa.func.count()).select_from(AttendanceCorrection))).scalar() == 0
    assert [r.verdict for r in await records(db)] == ["late"]


async def test_panyu_forgotten_sign_out_is_signed_by_the_department_head(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 23, 18, 0)
    graph = await make_hall(db, jurisdiction="panyu", place="番禺区")
    team = await people(db, runtime, graph)
    me = graph.staff[0]
    assert (await check_in(gql, team["staff0"], me, "2026-11-23T08:20:00"))["record"]["verdict"] == "ON_TIME"
    filed = (await gql.data(FILE_CORRECTION, {"input": {"staffId": gid("Staff", me), "day": "2026-11-23", "slot": "out",
                                                        "reason": "FORGOT", "correctedTime": "17:05:00"}},
                            headers=team.headers("staff0")))["fileAttendanceCorrection"]["correction"]
    assert (filed["status"], filed["signerRole"], filed["signerSide"], filed["keptBy"]) == (
        "FILED", "department_head", "department", "hall_admin")
    assert filed["signerTitle"] == "本部门负责人或其委托的责任人"
    assert filed["signerRoles"] == ["chief_representative", "department_leader", "deputy_head", "principal"]

    by_hall = (await gql.data(SIGN_CORRECTION, {"input": {"correctionId": filed["id"], "approve": True}},
                              headers=team.headers("hall_admin")))["signAttendanceCorrection"]
    assert (by_hall["__typename"], by_hall["side"]) == ("PermissionDenied", "DEPARTMENT")
    signed = (await gql.data(SIGN_CORRECTION, {"input": {"correctionId": filed["id"], "approve": True}},
                             headers=team.headers("department_leader")))["signAttendanceCorrection"]
    assert signed["correction"]["status"] == "SIGNED"
    assert (signed["record"]["method"], signed["record"]["verdict"], signed["record"]["slot"]) == ("CORRECTION", "ON_TIME", "out")
    assert signed["record"]["ruleIds"][0] == "panyu.attendance.correction"
    again = (await gql.data(SIGN_CORRECTION, {"input": {"correctionId": filed["id"], "approve": False}},
                            headers=team.headers("principal")))["signAttendanceCorrection"]
    assert (again["__typename"], again["code"]) == ("ConflictError", "ATTENDANCE_CORRECTION_DECIDED")


async def test_jiedong_four_face_check_ins_lateness_without_leave_is_off_post(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 23, 18, 0)  # a Monday in winter: 08:30, 11:30, 14:00, 17:30
    graph = await make_hall(db, jurisdiction="jiedong")
    team = await people(db, runtime, graph)
    me = graph.staff[0]
    verdicts = []
    for at in ("2026-11-23T08:29:00", "2026-11-23T11:31:00", "2026-11-23T14:05:00", "2026-11-23T17:20:00"):
        result = await check_in(gql, team["staff0"], me, at)
        verdicts.append((result["record"]["slot"], result["record"]["verdict"]))
    assert verdicts == [("am_in", "ON_TIME"), ("am_out", "ON_TIME"), ("pm_in", "OFF_POST"), ("pm_out", "OFF_POST")]
    assert "jiedong.attendance.off_post" in result["record"]["ruleIds"]


async def test_a_reported_business_trip_excuses_the_check_in(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 23, 13, 0)
    graph = await make_hall(db, jurisdiction="jiedong")
    team = await people(db, runtime, graph)
    me = graph.staff[0]
    trip = (await gql.data(REQUEST_LEAVE, {"input": {
        "staffId": gid("Staff", me), "kind": "BUSINESS_TRIP", "startsAt": "2026-11-23T13:30:00", "hours": 2,
        "substituteId": gid("Staff", graph.staff[1])}}, headers=team.headers("staff0")))["requestLeave"]
    assert trip["leaveRequest"]["status"] == "REPORTED" and trip["leaveRequest"]["handling"] == "reported"
    assert [s["status"] for s in trip["leaveRequest"]["steps"]] == ["DONE"]
    pin_clock(monkeypatch, 2026, 11, 23, 15, 50)
    late_back = await check_in(gql, team["staff0"], me, "2026-11-23T15:40:00", slot="pm_in")
    assert late_back["record"]["verdict"] == "EXCUSED"


async def test_manual_attendance_only_on_a_declared_manual_day(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 23, 10, 0)
    graph = await make_hall(db, jurisdiction="panyu", place="番禺区")
    team = await people(db, runtime, graph)
    me = graph.staff[0]
    refused = await check_in(gql, team["hall_admin"], me, "2026-11-23T08:10:00", method="MANUAL")
    assert (refused["__typename"], refused["code"], refused["ruleIds"]) == (
        "RuleViolationError", "ATTENDANCE_NOT_MANUAL_DAY", ["panyu.attendance.system_failure"])
    declare = """mutation($input: ManualAttendanceDayInput!) { declareManualAttendanceDay(input: $input) { __typename
      ... on ManualAttendanceDaySuccess { day { manual reportTo ruleIds } } ... on Error { code } } }"""
    declared = (await gql.data(declare, {"input": {"hallId": gid("Hall", graph.hall), "day": "2026-11-23",
                                                   "reason": "人脸识别考勤机故障"}}, headers=team.headers("hall_admin")))
    assert declared["declareManualAttendanceDay"]["day"] == {"manual": True, "reportTo": "maintenance",
                                                             "ruleIds": ["panyu.attendance.system_failure"]}
    by_hand = await check_in(gql, team["hall_admin"], me, "2026-11-23T08:10:00", method="MANUAL")
    assert (by_hand["record"]["method"], by_hand["record"]["verdict"]) == ("MANUAL", "ON_TIME")
    # The staff member cannot take their own attendance by hand: that is the hall's.
    own = await check_in(gql, team["staff0"], me, "2026-11-23T17:10:00", method="MANUAL")
    assert (own["__typename"], own["side"]) == ("PermissionDenied", "HALL")


CLOSE = """mutation($input: CloseAttendanceDayInput!) { closeAttendanceDay(input: $input) { __typename
  ... on CloseAttendanceDaySuccess { missingRecorded day { closedAt } } ... on Error { code } ... on PermissionDenied { side } } }"""


async def test_closing_a_day_records_missing_and_excused_check_ins(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 20, 9, 0)
    graph = await make_hall(db, jurisdiction="nanbu", place="南部山区", windows=1, staff_per_window=3)
    team = await people(db, runtime, graph)
    on_leave, present, absent = graph.staff
    leave = (await gql.data(REQUEST_LEAVE, {"input": {
        "staffId": gid("Staff", on_leave), "kind": "SICK", "startsOn": "2026-11-23", "endsOn": "2026-11-23",
        "substituteId": gid("Staff", present)}}, headers=team.headers("hall_admin")))["requestLeave"]["leaveRequest"]
    from tests.staffing import DECIDE_STEP, attach_certificate

    # R6 (nanbu 考勤制度 二(二)): sick leave is approved on a hospital certificate.
    assert (await attach_certificate(gql, team["hall_admin"], leave["id"]))["__typename"] == "LeaveDocumentSuccess"
    for role, step in zip(("deputy_head", "hall_office_leader", "hall_admin"), leave["steps"]):
        decided = await gql.data(DECIDE_STEP, {"input": {"stepId": step["id"], "approve": True}}, headers=team.headers(role))
        assert decided["decideLeaveStep"]["__typename"] == "LeaveStepDecisionSuccess", decided
    pin_clock(monkeypatch, 2026, 11, 23, 16, 0)
    too_early = (await gql.data(CLOSE, {"input": {"hallId": gid("Hall", graph.hall), "day": "2026-11-23"}},
                                headers=team.headers("hall_admin")))["closeAttendanceDay"]
    assert too_early["code"] == "ATTENDANCE_DAY_NOT_OVER"
    await check_in(gql, team["staff1"], present, "2026-11-23T08:55:00")
    pin_clock(monkeypatch, 2026, 11, 23, 17, 30)
    await check_in(gql, team["staff1"], present, "2026-11-23T17:10:00")
    closed = (await gql.data(CLOSE, {"input": {"hallId": gid("Hall", graph.hall), "day": "2026-11-23"}},
                             headers=team.headers("hall_admin")))["closeAttendanceDay"]
    assert closed["missingRecorded"] == 4
    verdicts = sorted((r.staff_id == on_leave.id, r.staff_id == absent.id, r.verdict) for r in await records(db))
    assert [v for *_, v in verdicts if _[0]] == ["excused", "excused"]
    assert sorted(r.verdict for r in await records(db) if r.staff_id == absent.id) == ["missing", "missing"]
    again = (await gql.data(CLOSE, {"input": {"hallId": gid("Hall", graph.hall), "day": "2026-11-23"}},
                            headers=team.headers("hall_admin")))["closeAttendanceDay"]
    assert again["code"] == "ATTENDANCE_DAY_CLOSED"
    after_close = await check_in(gql, team["staff1"], present, "2026-11-23T17:20:00")
    assert after_close["code"] == "ATTENDANCE_DAY_CLOSED"


PUBLICATION = """query($hall: ID!, $on: Date!) { attendancePublication(hallId: $hall, on: $on) {
  cadence periodStart periodEnd ruleIds entries { staff { name } onTime late missing offPost total } } }"""


@pytest.mark.parametrize("code,place,cadence,period,rule", [
    ("dongying", "东营区", "half_monthly", ("2026-11-16", "2026-11-30"), "dongying.attendance.publication"),
    ("nanbu", "南部山区", "weekly", ("2026-11-23", "2026-11-29"), "nanbu.attendance.publication"),
    ("panyu", "番禺区", "monthly", ("2026-11-01", "2026-11-30"), "default.attendance.publication"),
])
async def test_publication_follows_the_plugins_cadence(gql, db, runtime, monkeypatch, code, place, cadence, period, rule):
    pin_clock(monkeypatch, 2026, 11, 24, 18, 0)
    graph = await make_hall(db, jurisdiction=code, place=place, windows=1)
    team = await people(db, runtime, graph)
    await check_in(gql, team["staff0"], graph.staff[0], "2026-11-24T09:15:00", slot="in")
    data = (await gql.data(PUBLICATION, {"hall": gid("Hall", graph.hall), "on": "2026-11-24"},
                           headers=team.headers("hall_admin")))["attendancePublication"]
    assert (data["cadence"], (data["periodStart"], data["periodEnd"]), data["ruleIds"]) == (cadence, period, [rule])
    first = next(e for e in data["entries"] if e["staff"]["name"] == graph.staff[0].name)
    assert (first["late"], first["total"]) == (1, 1)
    assert len(data["entries"]) == 2
    hidden = await gql.execute(PUBLICATION, {"hall": gid("Hall", graph.hall), "on": "2026-11-24"},
                               headers=team.headers("staff1"))
    assert hidden["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
