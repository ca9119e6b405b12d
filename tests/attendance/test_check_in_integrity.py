"""R2 (RULEBOOK §16; panyu Art 64 补签单, jiedong Art 24 "实行人脸识别考勤"): a check-in is the server's clock at the
moment it arrives, through a device or method the hall registered; a past check-in exists only through a signed
correction slip; nobody records their own past check-in."""

from __future__ import annotations

import pytest

from tests.factories import make_hall
from tests.staffing import BASE_ERROR_FIELDS, CHECK_IN, gid, people, pin_clock

pytestmark = pytest.mark.db

REGISTER = f"""mutation($input: RegisterAttendanceDeviceInput!) {{ registerAttendanceDevice(input: $input) {{ __typename
  ... on RegisterAttendanceDeviceSuccess {{ credential device {{ id method name active }} }} {BASE_ERROR_FIELDS} }} }}"""
REVOKE = """mutation($id: ID!) { revokeAttendanceDevice(deviceId: $id) { __typename
  ... on RevokeAttendanceDeviceSuccess { device { active } } } }"""


async def test_a_staff_member_cannot_post_their_own_check_in_for_two_days_ago(gql, db, runtime, monkeypatch):
    """v1 accepted {at: two days ago, method: FACE_RECOGNITION} from the staff member's own account, judged on time."""
    pin_clock(monkeypatch, 2026, 11, 25, 9, 0)
    graph = await make_hall(db, jurisdiction="jiedong")
    team = await people(db, runtime, graph)
    me = gid("Staff", graph.staff[0])
    past = {"input": {"staffId": me, "at": "2026-11-23T08:20:00", "method": "FACE_RECOGNITION"}}
    refused = (await gql.data(CHECK_IN, past, headers=team.headers("staff0")))["recordCheckIn"]
    assert refused["__typename"] == "RuleViolationError" and refused["code"] == "ATTENDANCE_CHECK_IN_TIME_FIXED"
    assert refused["ruleIds"] == ["national.attendance.server_clock"]
    # Nor "now" with a self-declared face recognition: only the hall's registered terminal speaks for a face.
    now = {"input": {"staffId": me, "method": "FACE_RECOGNITION"}}
    declared = (await gql.data(CHECK_IN, now, headers=team.headers("staff0")))["recordCheckIn"]
    assert declared["code"] == "ATTENDANCE_CHECK_IN_UNPROVEN"
    # The hall cannot write a past day by hand either (a manual day is recorded that day).
    by_hand = (await gql.data(CHECK_IN, {"input": {**past["input"], "method": "MANUAL"}},
                              headers=team.headers("hall_admin")))["recordCheckIn"]
    assert by_hand["code"] in ("ATTENDANCE_PAST_CHECK_IN", "ATTENDANCE_NOT_MANUAL_DAY")


async def test_the_registered_terminal_checks_in_at_the_servers_clock(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 23, 8, 29)  # Monday, winter: in by 08:30
    graph = await make_hall(db, jurisdiction="jiedong")
    team = await people(db, runtime, graph)
    hall = gid("Hall", graph.hall)
    # Jiedong checks in by face recognition (Art 24): a plain attendance device is not its method.
    plain = (await gql.data(REGISTER, {"input": {"hallId": hall, "name": "考勤机", "method": "DEVICE"}},
                            headers=team.headers("hall_admin")))["registerAttendanceDevice"]
    face = (await gql.data(REGISTER, {"input": {"hallId": hall, "name": "大厅入口人脸识别"}},
                           headers=team.headers("hall_admin")))["registerAttendanceDevice"]
    assert face["device"]["method"] == "face_recognition" and face["device"]["active"] is True
    by_staff = (await gql.data(REGISTER, {"input": {"hallId": hall, "name": "我的手机"}},
                               headers=team.headers("staff0")))["registerAttendanceDevice"]
    assert by_staff["__typename"] == "PermissionDenied"

    me = gid("Staff", graph.staff[0])
    wrong_method = (await gql.data(CHECK_IN, {"input": {"staffId": me, "method": "DEVICE"}},
                                   headers={"X-Device-Token": plain["credential"]}))["recordCheckIn"]
    assert (wrong_method["code"], wrong_method["ruleIds"]) == ("ATTENDANCE_CHECK_IN_UNPROVEN", ["jiedong.attendance.check_ins"])
    ok = (await gql.data(CHECK_IN, {"input": {"staffId": me}},
                         headers={"Authorization": f"Device {face['credential']}"}))["recordCheckIn"]
    assert (ok["record"]["slot"], ok["record"]["verdict"], ok["record"]["method"]) == ("am_in", "ON_TIME", "FACE_RECOGNITION")
    assert ok["record"]["checkedAt"].startswith("2026-11-23T08:29:00")
    named = (await gql.data(CHECK_IN, {"input": {"staffId": me, "at": "2026-11-23T08:00:00"}},
                            headers={"X-Device-Token": face["credential"]}))["recordCheckIn"]
    assert named["code"] == "ATTENDANCE_CHECK_IN_TIME_FIXED"

    # Another hall's terminal, or a revoked one, checks nobody in here.
    other = await make_hall(db, jurisdiction="jiedong", name="揭东区第二政务服务中心")
    other_team = await people(db, runtime, other)
    foreign = (await gql.data(REGISTER, {"input": {"hallId": gid("Hall", other.hall), "name": "人脸识别"}},
                              headers=other_team.headers("hall_admin")))["registerAttendanceDevice"]
    pin_clock(monkeypatch, 2026, 11, 23, 11, 31)
    assert (await gql.data(CHECK_IN, {"input": {"staffId": me}}, headers={"X-Device-Token": foreign["credential"]})
            )["recordCheckIn"]["code"] == "ATTENDANCE_CHECK_IN_UNPROVEN"
    revoked = (await gql.data(REVOKE, {"id": face["device"]["id"]}, headers=team.headers("hall_admin")))
    assert revoked["revokeAttendanceDevice"]["device"]["active"] is False
    assert (await gql.data(CHECK_IN, {"input": {"staffId": me}}, headers={"X-Device-Token": face["credential"]})
            )["recordCheckIn"]["code"] == "ATTENDANCE_CHECK_IN_UNPROVEN"
