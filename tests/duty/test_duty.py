"""Duty roster through GraphQL: panyu leader duty (notice a day ahead, swaps between leaders), nanbu lunch duty
(the person on duty finds a substitute), and who is on duty now."""

from __future__ import annotations

import pytest

from core.graphql.relay import to_global_id
from tests.factories import make_hall, make_user
from tests.staffing import ERROR_FIELDS, gid, people, pin_clock

pytestmark = pytest.mark.db

FIELDS = "id dutyOn slotCode title startTime endTime assigneeName noticeChannel notifiedAt ruleIds staff { name }"
SCHEDULE = f"""mutation($input: DutyInput!) {{ scheduleDuty(input: $input) {{ __typename
  ... on DutySuccess {{ assignments {{ {FIELDS} }} }} {ERROR_FIELDS} }} }}"""
SWAP = f"""mutation($input: DutySwapInput!) {{ swapDuty(input: $input) {{ __typename
  ... on DutySuccess {{ assignments {{ {FIELDS} }} }} {ERROR_FIELDS} }} }}"""
HAND_OVER = f"""mutation($input: DutyHandoverInput!) {{ handOverDuty(input: $input) {{ __typename
  ... on DutySuccess {{ assignments {{ {FIELDS} }} }} {ERROR_FIELDS} }} }}"""
NOW = "query($hall: ID!, $at: DateTime) { dutyNow(hallId: $hall, at: $at) { title assigneeName startTime } }"


async def schedule(gql, who, **fields):
    return (await gql.data(SCHEDULE, {"input": fields}, headers=who["headers"]))["scheduleDuty"]


async def test_panyu_leader_duty_notice_a_day_ahead_and_swaps_between_leaders(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 23, 10, 0)
    graph = await make_hall(db, jurisdiction="panyu", place="番禺区", windows=1)
    team = await people(db, runtime, graph)
    hall = gid("Hall", graph.hall)
    leaders = [await make_user(db, runtime, username=f"leader{i}", roles=(("duty_leader", f"hall:{graph.hall.id}"),))
               for i in range(3)]
    lead = [to_global_id("User", leader["user"].id) for leader in leaders]
    office = team["hall_admin"]

    same_day = await schedule(gql, office, hallId=hall, day="2026-11-23", slotCode="leader_duty", startTime="17:00:00", userId=lead[0])
    assert (same_day["code"], same_day["ruleIds"]) == ("DUTY_NOTICE_TOO_LATE", ["panyu.duty.leader"])
    ambiguous = await schedule(gql, office, hallId=hall, day="2026-11-24", slotCode="leader_duty", userId=lead[0])
    assert ambiguous["code"] == "DUTY_SLOT_NOT_IN_PLAN"
    saturday = await schedule(gql, office, hallId=hall, day="2026-11-28", slotCode="leader_duty", startTime="08:00:00", userId=lead[0])
    assert saturday["code"] == "DUTY_SLOT_NOT_IN_PLAN"
    not_leader = await schedule(gql, office, hallId=hall, day="2026-11-24", slotCode="leader_duty", startTime="08:00:00",
                                userId=to_global_id("User", team["staff0"]["user"].id))
    assert not_leader["code"] == "DUTY_ASSIGNEE_NOT_A_LEADER"
    by_leader = await schedule(gql, leaders[0], hallId=hall, day="2026-11-24", slotCode="leader_duty", startTime="08:00:00", userId=lead[0])
    assert (by_leader["__typename"], by_leader["side"]) == ("PermissionDenied", "HALL")

    morning = (await schedule(gql, office, hallId=hall, day="2026-11-24", slotCode="leader_duty", startTime="08:00:00",
                              userId=lead[0]))["assignments"][0]
    evening = (await schedule(gql, office, hallId=hall, day="2026-11-24", slotCode="leader_duty", startTime="17:00:00",
                              userId=lead[1]))["assignments"][0]
    assert (morning["title"], morning["endTime"], morning["noticeChannel"], morning["ruleIds"]) == (
        "领导值班", "08:30:00", "sms", ["panyu.duty.leader"])
    taken = await schedule(gql, office, hallId=hall, day="2026-11-24", slotCode="leader_duty", startTime="08:00:00", userId=lead[2])
    assert (taken["__typename"], taken["code"]) == ("ConflictError", "DUTY_SLOT_TAKEN")

    at_0810 = {"hall": hall, "at": "2026-11-24T08:10:00"}
    assert (await gql.data(NOW, at_0810))["dutyNow"] == [{"title": "领导值班", "assigneeName": "测试用户", "startTime": "08:00:00"}]
    outsider = (await gql.data(SWAP, {"input": {"assignmentId": morning["id"], "withId": evening["id"]}},
                               headers=leaders[2]["headers"]))["swapDuty"]
    assert (outsider["__typename"], outsider["side"]) == ("PermissionDenied", "HALL")
    swapped = (await gql.data(SWAP, {"input": {"assignmentId": morning["id"], "withId": evening["id"]}},
                              headers=leaders[0]["headers"]))["swapDuty"]["assignments"]
    assert [a["startTime"] for a in swapped] == ["08:00:00", "17:00:00"]
    roster = await gql.data("query($hall: ID!) { dutyRoster(hallId: $hall, from: \"2026-11-24\") { totalCount edges { node { startTime } } } }",
                            {"hall": hall}, headers=leaders[1]["headers"])
    assert roster["dutyRoster"]["totalCount"] == 2
    handover = (await gql.data(HAND_OVER, {"input": {"assignmentId": morning["id"], "substituteStaffId": gid("Staff", graph.staff[0])}},
                               headers=leaders[1]["headers"]))["handOverDuty"]
    assert (handover["code"], handover["ruleIds"]) == ("DUTY_HANDOVER_NOT_ALLOWED", ["panyu.duty.leader"])
    assert (await gql.data(NOW, {"hall": hall, "at": "2026-11-24T12:00:00"}))["dutyNow"] == []


async def test_nanbu_lunch_duty_the_person_on_duty_finds_a_substitute(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 23, 10, 0)
    graph = await make_hall(db, jurisdiction="nanbu", place="南部山区")
    team = await people(db, runtime, graph)
    hall = gid("Hall", graph.hall)
    lunch = (await schedule(gql, team["hall_admin"], hallId=hall, day="2026-11-23", slotCode="lunch_duty",
                            staffId=gid("Staff", graph.staff[0])))["assignments"][0]
    assert (lunch["title"], lunch["startTime"], lunch["endTime"], lunch["staff"]) == (
        "午间值班", "12:00:00", "13:20:00", {"name": graph.staff[0].name})
    someone_else = (await gql.data(HAND_OVER, {"input": {"assignmentId": lunch["id"], "substituteStaffId": gid("Staff", graph.staff[2])}},
                                   headers=team.headers("staff1")))["handOverDuty"]
    assert someone_else["__typename"] == "PermissionDenied"
    handed = (await gql.data(HAND_OVER, {"input": {"assignmentId": lunch["id"], "substituteStaffId": gid("Staff", graph.staff[2])}},
                             headers=team.headers("staff0")))["handOverDuty"]["assignments"][0]
    assert handed["staff"]["name"] == graph.staff[2].name
    now = await gql.data(NOW, {"hall": hall, "at": "2026-11-23T12:30:00"})
    assert now["dutyNow"] == [{"title": "午间值班", "assigneeName": graph.staff[2].name, "startTime": "12:00:00"}]
    other = (await schedule(gql, team["hall_admin"], hallId=hall, day="2026-11-24", slotCode="lunch_duty",
                            staffId=gid("Staff", graph.staff[1])))["assignments"][0]
    swap = (await gql.data(SWAP, {"input": {"assignmentId": lunch["id"], "withId": other["id"]}},
                           headers=team.headers("hall_admin")))["swapDuty"]
    assert (swap["code"], swap["ruleIds"]) == ("DUTY_SWAP_NOT_ALLOWED", ["nanbu.duty.lunch"])
