"""R3 (RULEBOOK §16): holidays are not dead days — panyu Art 62 "遇节假日按实际情况考勤", Art 66(二) "遇节假日根据实际
情况调整", Art 84 "非工作时间…登记手续；进驻部门如需加班，须在区政数局登记备案"; nanbu 安全保卫制度 七 "在节假日…坚持领导带班
干部值班制度…下班后如需加班，需报告中心政务服务科"."""

from __future__ import annotations

import pytest

from core.graphql.relay import to_global_id
from tests.attendance.test_check_in_integrity import REGISTER
from tests.duty.test_duty import schedule
from tests.factories import make_hall, make_user
from tests.staffing import CHECK_IN, ERROR_FIELDS, gid, people, pin_clock

pytestmark = pytest.mark.db

PLAN = """query($code: String!, $date: Date!) { jurisdiction(code: $code) { dutyPlan(date: $date) {
  slots { code title start end notifiedDaysAhead swaps } rules { id source article } } } }"""
AFTER_HOURS = f"""mutation($input: AfterHoursInput!) {{ registerAfterHours(input: $input) {{ __typename
  ... on AfterHoursSuccess {{ registration {{ kind kindLabel startsAt endsAt purpose ruleIds }} }} {ERROR_FIELDS} }} }}"""
REGISTER_LIST = """query($hall: ID!) { afterHoursRegistrations(hallId: $hall, from: "2026-10-01", to: "2026-10-31") {
  kind purpose } }"""


async def test_national_day_has_a_duty_roster_and_overtime_attendance(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 9, 29, 10, 0)
    plan = (await gql.data(PLAN, {"code": "panyu", "date": "2026-10-01"}))["jurisdiction"]["dutyPlan"]
    assert [(s["code"], s["start"], s["end"]) for s in plan["slots"]] == [
        ("holiday_leader_duty", "09:00", "17:00"), ("holiday_staff_duty", "09:00", "17:00")]
    assert plan["rules"][0] == {"id": "panyu.duty.holiday", "source": "panyu", "article": "Art 66(二), 67"}
    assert {"id": "default.duty.holiday_hours", "source": "default",
            "article": "RULEBOOK §16 R3 (panyu Art 66(二); nanbu 安全保卫制度 七)"} in plan["rules"]
    graph = await make_hall(db, jurisdiction="panyu", place="番禺区", windows=1)
    team = await people(db, runtime, graph)
    hall = gid("Hall", graph.hall)
    leader = await make_user(db, runtime, roles=(("duty_leader", f"hall:{graph.hall.id}"),))
    # v1: DUTY_SLOT_NOT_IN_PLAN on every non-working day.
    led = await schedule(gql, team["hall_admin"], hallId=hall, day="2026-10-01", slotCode="holiday_leader_duty",
                         userId=to_global_id("User", leader["user"].id))
    assert led["__typename"] == "DutySuccess" and led["assignments"][0]["title"] == "节假日领导带班"
    assert led["assignments"][0]["ruleIds"][0] == "panyu.duty.holiday"
    cadre = await schedule(gql, team["hall_admin"], hallId=hall, day="2026-10-01", slotCode="holiday_staff_duty",
                           staffId=gid("Staff", graph.staff[0]))
    assert cadre["__typename"] == "DutySuccess"

    # The cadre comes in on National Day: recorded as worked, not refused (v1: ATTENDANCE_NOT_A_WORKING_DAY).
    device = (await gql.data(REGISTER, {"input": {"hallId": hall, "name": "人脸识别"}},
                             headers=team.headers("hall_admin")))["registerAttendanceDevice"]
    header = {"X-Device-Token": device["credential"]}
    me = {"input": {"staffId": gid("Staff", graph.staff[0])}}
    pin_clock(monkeypatch, 2026, 10, 1, 8, 55)
    arrived = (await gql.data(CHECK_IN, me, headers=header))["recordCheckIn"]["record"]
    pin_clock(monkeypatch, 2026, 10, 1, 17, 10)
    left = (await gql.data(CHECK_IN, me, headers=header))["recordCheckIn"]["record"]
    assert [(r["slot"], r["verdict"], r["expectedAt"]) for r in (arrived, left)] == [
        ("overtime_in", "OVERTIME", "08:55:00"), ("overtime_out", "OVERTIME", "17:10:00")]
    assert arrived["ruleIds"] == ["national.attendance.holiday_overtime"]


async def test_overtime_and_after_hours_entry_are_registered_with_the_hall(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 9, 30, 10, 0)
    graph = await make_hall(db, jurisdiction="nanbu", place="南部山区", windows=1)
    team = await people(db, runtime, graph)
    me = gid("Staff", graph.staff[0])
    overtime = {"staffId": me, "kind": "OVERTIME", "startsAt": "2026-10-03T09:00:00", "endsAt": "2026-10-03T12:00:00",
                "purpose": "集中办理积压件"}
    by_department = (await gql.data(AFTER_HOURS, {"input": overtime}, headers=team.headers("chief_representative")))
    registration = by_department["registerAfterHours"]["registration"]
    assert (registration["kind"], registration["kindLabel"], registration["ruleIds"]) == (
        "OVERTIME", "加班登记", ["national.attendance.holiday_overtime"])
    entry = {"staffId": me, "kind": "ENTRY", "startsAt": "2026-10-08T19:00:00", "endsAt": "2026-10-08T20:00:00",
             "purpose": "取回遗留资料"}
    own = (await gql.data(AFTER_HOURS, {"input": entry}, headers=team.headers("staff0")))["registerAfterHours"]
    assert own["registration"]["kindLabel"] == "非工作时间进入"
    during = {**entry, "startsAt": "2026-10-08T10:00:00", "endsAt": "2026-10-08T11:00:00"}
    refused = (await gql.data(AFTER_HOURS, {"input": during}, headers=team.headers("staff0")))["registerAfterHours"]
    assert refused["code"] == "AFTER_HOURS_DURING_WORKING_HOURS"
    other = (await gql.data(AFTER_HOURS, {"input": {**entry, "staffId": gid("Staff", graph.staff[1])}},
                            headers=team.headers("staff0")))["registerAfterHours"]
    assert other["__typename"] == "PermissionDenied"
    listed = (await gql.data(REGISTER_LIST, {"hall": gid("Hall", graph.hall)}, headers=team.headers("hall_admin")))
    assert [(r["kind"], r["purpose"]) for r in listed["afterHoursRegistrations"]] == [
        ("OVERTIME", "集中办理积压件"), ("ENTRY", "取回遗留资料")]


SET_SETTING = """mutation($input: RuleSettingInput!) { setJurisdictionRuleSetting(input: $input) { __typename
  ... on RuleSettingSuccess { setting { key value default isDefault ruleId } } ... on Error { code message } } }"""


async def test_holiday_duty_hours_are_a_default_the_jurisdiction_admin_sets(gql, db, runtime, monkeypatch):
    """09:00–17:00 is a default (default.duty.holiday_hours): duty.holiday_hours.start/end change it, in the plan and
    in what is rostered; a span that ends before it starts, or off the quarter hour, is refused and changes nothing."""
    pin_clock(monkeypatch, 2026, 9, 29, 10, 0)
    admin = await make_user(db, runtime, roles=(("jurisdiction_admin", "jurisdiction:panyu"),))

    async def set_hours(key, value):
        return (await gql.data(SET_SETTING, {"input": {"jurisdiction": "panyu", "key": f"duty.holiday_hours.{key}",
                                                       "value": value}}, headers=admin["headers"]))[
            "setJurisdictionRuleSetting"]

    assert (await set_hours("start", 8.5))["setting"] == {
        "key": "duty.holiday_hours.start", "value": 8.5, "default": 9.0, "isDefault": False,
        "ruleId": "default.duty.holiday_hours"}
    assert (await set_hours("end", 8.25))["code"] == "VALIDATION_FAILED"  # before the start
    assert (await set_hours("end", 16.1))["code"] == "VALIDATION_FAILED"  # not a quarter hour
    assert (await set_hours("end", 16.5))["setting"]["value"] == 16.5
    plan = (await gql.data(PLAN, {"code": "panyu", "date": "2026-10-01"}))["jurisdiction"]["dutyPlan"]
    assert [(s["code"], s["start"], s["end"]) for s in plan["slots"]] == [
        ("holiday_leader_duty", "08:30", "16:30"), ("holiday_staff_duty", "08:30", "16:30")]
    working_day = (await gql.data(PLAN, {"code": "panyu", "date": "2026-09-30"}))["jurisdiction"]["dutyPlan"]
    assert ("leader_duty", "08:00", "08:30") in [(s["code"], s["start"], s["end"]) for s in working_day["slots"]]

    graph = await make_hall(db, jurisdiction="panyu", place="番禺区", windows=1)
    team = await people(db, runtime, graph)
    leader = await make_user(db, runtime, roles=(("duty_leader", f"hall:{graph.hall.id}"),))
    led = await schedule(gql, team["hall_admin"], hallId=gid("Hall", graph.hall), day="2026-10-01",
                         slotCode="holiday_leader_duty", userId=to_global_id("User", leader["user"].id))
    assert led["__typename"] == "DutySuccess", led
    assert (led["assignments"][0]["startTime"][:5], led["assignments"][0]["endTime"][:5]) == ("08:30", "16:30")

    # Back to the default (the reset start, 09:00, still fits before the 16:30 end).
    assert (await set_hours("start", None))["setting"]["isDefault"] is True
    assert (await set_hours("end", None))["setting"]["isDefault"] is True
    plan = (await gql.data(PLAN, {"code": "panyu", "date": "2026-10-01"}))["jurisdiction"]["dutyPlan"]
    assert {(s["start"], s["end"]) for s in plan["slots"]} == {("09:00", "17:00")}
    dongguan = await make_user(db, runtime, roles=(("jurisdiction_admin", "jurisdiction:dongguan"),))
    elsewhere = (await gql.data(SET_SETTING, {"input": {"jurisdiction": "dongguan", "key": "duty.holiday_hours.start",
                                                        "value": 8}}, headers=dongguan["headers"]))
    assert elsewhere["setJurisdictionRuleSetting"]["code"] == "RULE_SETTING_UNKNOWN"  # dongguan has no holiday roster
