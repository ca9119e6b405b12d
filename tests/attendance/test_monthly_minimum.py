"""R7 (RULEBOOK §16; jiedong Art 24 "首席代表和业务骨干每月到大厅考勤不少于4次"): a monthly shortfall report. v1
declared the minimum in the plugin and read it nowhere."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.staff.models import Staff
from tests.attendance.test_check_in_integrity import REGISTER
from tests.factories import make_hall
from tests.staffing import CHECK_IN, gid, people, pin_clock

pytestmark = pytest.mark.db

SHORTFALL = """query($hall: ID!, $month: String!, $short: Boolean!) { checkInShortfall(hallId: $hall, month: $month,
  onlyShort: $short) { month ruleIds entries { staffId name position role required counted shortfall } } }"""


async def test_jiedong_chief_representatives_and_key_staff_check_in_four_times_a_month(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 2, 8, 0)
    graph = await make_hall(db, jurisdiction="jiedong", windows=2, staff_per_window=2)
    team = await people(db, runtime, graph)
    chief, key, ordinary = graph.staff[0], graph.staff[1], graph.staff[2]
    async with db.transaction() as session:
        await session.execute(sa.update(Staff).where(Staff.id == chief.id).values(position="首席代表"))
        await session.execute(sa.update(Staff).where(Staff.id == key.id).values(position="业务骨干"))
    hall = gid("Hall", graph.hall)
    device = (await gql.data(REGISTER, {"input": {"hallId": hall, "name": "人脸识别"}},
                             headers=team.headers("hall_admin")))["registerAttendanceDevice"]
    header = {"X-Device-Token": device["credential"]}
    # Three days at the hall for the chief representative, four for the key staff member (one check-in a day).
    for day, people_there in ((3, (chief, key)), (10, (chief, key)), (17, (chief, key)), (24, (key,))):
        pin_clock(monkeypatch, 2026, 11, day, 8, 20)
        for member in people_there:
            result = (await gql.data(CHECK_IN, {"input": {"staffId": gid("Staff", member), "slot": "am_in"}},
                                     headers=header))["recordCheckIn"]
            assert result["__typename"] == "CheckInSuccess", result
    pin_clock(monkeypatch, 2026, 12, 1, 9, 0)
    report = (await gql.data(SHORTFALL, {"hall": hall, "month": "2026-11", "short": False},
                             headers=team.headers("hall_admin")))["checkInShortfall"]
    assert report["ruleIds"] == ["jiedong.attendance.check_ins"]
    assert [(e["name"], e["role"], e["required"], e["counted"], e["shortfall"]) for e in report["entries"]] == [
        (chief.name, "chief_representative", 4, 3, 1), (key.name, "key_staff", 4, 4, 0)]
    assert ordinary.name not in {e["name"] for e in report["entries"]}
    short = (await gql.data(SHORTFALL, {"hall": hall, "month": "2026-11", "short": True},
                            headers=team.headers("hall_admin")))["checkInShortfall"]
    assert [e["staffId"] for e in short["entries"]] == [gid("Staff", chief)]
    bad = await gql.execute(SHORTFALL, {"hall": hall, "month": "November", "short": True}, headers=team.headers("hall_admin"))
    assert bad["errors"][0]["extensions"]["code"] == "VALIDATION_FAILED"

    # Panyu has no such minimum: nobody is listed.
    panyu = await make_hall(db, jurisdiction="panyu", place="番禺区", windows=1)
    panyu_team = await people(db, runtime, panyu)
    none = (await gql.data(SHORTFALL, {"hall": gid("Hall", panyu.hall), "month": "2026-11", "short": False},
                           headers=panyu_team.headers("hall_admin")))["checkInShortfall"]
    assert none["entries"] == []
