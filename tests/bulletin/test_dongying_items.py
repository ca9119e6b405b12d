"""R8 (RULEBOOK §16; dongying Art 8(三)1(2) "每月督查部对办件情况、考勤请销假情况、大厅综合巡查情况、领导现场办公情况、
信息宣传情况、工作纪律秩序情况、评议投诉情况等汇总量化后进行公示"): all seven items computed. v1 named them and counted
only the service-quality figures."""

from __future__ import annotations

import pytest

from datetime import datetime

from core.db.base import utcnow
from core.timezones import SHANGHAI
from core.ratings.models import Rating
from tests.assessment.test_assessment import finding
from tests.attendance.test_check_in_integrity import REGISTER
from tests.factories import add_case, make_hall
from tests.staffing import BASE_ERROR_FIELDS, CHECK_IN, gid, people, pin_clock

pytestmark = pytest.mark.db

BULLETIN = """query($h: ID!, $by: BulletinScope!) {
  serviceBulletin(hallId: $h, from: "2026-11-01", to: "2026-11-30", groupBy: $by) {
    cadence metrics { code counted } rows { subjectId subjectName items { code value detail } } } }"""
ENTRY = f"""mutation($input: BulletinEntryInput!) {{ recordBulletinEntry(input: $input) {{ __typename
  ... on BulletinEntrySuccess {{ entry {{ kind kindLabel title }} }} {BASE_ERROR_FIELDS} }} }}"""
SEVEN = ["cases", "attendance_and_leave", "hall_patrols", "leaders_on_site", "publicity", "discipline",
         "evaluations_and_complaints"]


async def test_all_seven_items_of_the_monthly_bulletin_are_computed(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 23, 8, 40)  # Monday: late after 08:30 (default hours)
    graph = await make_hall(db, jurisdiction="dongying", place="东营区", windows=1, staff_per_window=2)
    team = await people(db, runtime, graph)
    hall = gid("Hall", graph.hall)
    member, other = graph.staff[0], graph.staff[1]
    device = (await gql.data(REGISTER, {"input": {"hallId": hall, "name": "考勤机", "method": "DEVICE"}},
                             headers=team.headers("hall_admin")))["registerAttendanceDevice"]
    late = (await gql.data(CHECK_IN, {"input": {"staffId": gid("Staff", member), "method": "DEVICE"}},
                           headers={"X-Device-Token": device["credential"]}))["recordCheckIn"]
    assert late["record"]["verdict"] == "LATE"
    await finding(gql, team, hall, member, "2026-11-10T10:00:00", category="DISCIPLINE")
    await finding(gql, team, hall, member, "2026-11-12T10:00:00", category="DRESS")
    case = await add_case(db, graph, accepted_at=datetime(2026, 11, 20, 10, 0, tzinfo=SHANGHAI))
    async with db.transaction() as session:
        session.add(Rating(case_id=case.id, staff_id=member.id, hall_id=graph.hall.id, level="dissatisfied", score=2,
                           channel="device", rule_ids=[], rated_at=utcnow().replace(year=2026, month=11, day=20)))
    department = gid("Department", graph.departments[0])
    leader = {"hallId": hall, "kind": "LEADER_ON_SITE", "departmentId": department, "occurredOn": "2026-11-18",
              "title": "分管领导到大厅现场办公"}
    by_staff = (await gql.data(ENTRY, {"input": leader}, headers=team.headers("staff0")))["recordBulletinEntry"]
    assert by_staff["__typename"] == "PermissionDenied"
    recorded = (await gql.data(ENTRY, {"input": leader}, headers=team.headers("supervisor")))["recordBulletinEntry"]
    assert recorded["entry"]["kindLabel"] == "领导现场办公"
    publicity = {**leader, "kind": "PUBLICITY", "title": "政务信息《东营区推行一次办好》", "staffId": gid("Staff", member)}
    assert (await gql.data(ENTRY, {"input": publicity}, headers=team.headers("hall_admin")))["recordBulletinEntry"][
        "__typename"] == "BulletinEntrySuccess"

    by_staff_rows = (await gql.data(BULLETIN, {"h": hall, "by": "STAFF"}, headers=team.headers("hall_admin")))
    bulletin = by_staff_rows["serviceBulletin"]
    assert bulletin["cadence"] == "monthly"
    assert {m["code"]: m["counted"] for m in bulletin["metrics"]} == dict.fromkeys(SEVEN, True)
    row = next(r for r in bulletin["rows"] if r["subjectId"] == gid("Staff", member))
    items = {i["code"]: (i["value"], i["detail"]) for i in row["items"]}
    assert list(items) == SEVEN
    assert items["cases"][0] == 1.0
    assert items["attendance_and_leave"] == (1.0, "迟到1 早退0 缺卡0 脱岗0；请假0天")
    assert items["hall_patrols"][0] == 2.0 and items["discipline"] == (1.0, "纪律巡查问题1，违纪记录0")
    assert items["publicity"][0] == 1.0 and items["leaders_on_site"][0] == 0.0  # the leader is the department's
    assert items["evaluations_and_complaints"] == (1.0, "差评1，投诉0")
    quiet = next(r for r in bulletin["rows"] if r["subjectId"] == gid("Staff", other))
    assert {i["code"]: i["value"] for i in quiet["items"]} == dict.fromkeys(SEVEN, 0.0)
    # The hall's row sums everything, the department's leader on site included.
    whole = (await gql.data(BULLETIN, {"h": hall, "by": "HALL"}, headers=team.headers("hall_admin")))
    totals = {i["code"]: i["value"] for i in whole["serviceBulletin"]["rows"][0]["items"]}
    assert (totals["leaders_on_site"], totals["publicity"], totals["hall_patrols"]) == (1.0, 1.0, 2.0)

    # Elsewhere the bulletin has no such items (the service-quality figures only).
    panyu = await make_hall(db, jurisdiction="panyu", place="番禺区", windows=1)
    panyu_team = await people(db, runtime, panyu)
    plain = (await gql.data(BULLETIN, {"h": gid("Hall", panyu.hall), "by": "HALL"}, headers=panyu_team.headers("hall_admin")))
    assert plain["serviceBulletin"]["rows"][0]["items"] == []
