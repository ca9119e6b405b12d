"""Local rules through GraphQL: the rulebook's worked examples, boundaries, calendar overrides, naming."""

from __future__ import annotations

import pytest

from core.app import create_app
from core.runtime import Runtime
from tests.conftest import GraphQLClient, settings_for
from tests.factories import make_hall, make_user

pytestmark = pytest.mark.db

HOURS = """query($c: String!, $d: Date!) { jurisdiction(code: $c) { serviceHours(date: $d) {
  open schedule public { start end } internal { start end } day { kind workday estimated } rules { id source article } } } }"""


async def hours(gql, code, day):
    return (await gql.data(HOURS, {"c": code, "d": day}))["jurisdiction"]["serviceHours"]


def spans(items):
    return [f"{s['start']}–{s['end']}" for s in items]


async def test_worked_examples_1_to_4_jiedong_hours(gql, db):
    friday_summer = await hours(gql, "jiedong", "2026-07-03")
    assert spans(friday_summer["public"]) == ["08:30–11:30", "14:30–16:30"]
    assert spans(friday_summer["internal"]) == ["16:30–17:30"]
    assert any(r["source"] == "jiedong" and "23" in r["article"] for r in friday_summer["rules"])
    thursday_winter = await hours(gql, "jiedong", "2026-11-19")
    assert spans(thursday_winter["public"]) == ["08:30–11:30", "14:00–17:00"]
    assert spans(thursday_winter["internal"]) == ["17:00–17:30"]
    national_day = await hours(gql, "jiedong", "2026-10-01")
    assert national_day["open"] is False and national_day["public"] == []
    assert national_day["day"]["kind"] == "STATUTORY_HOLIDAY"
    makeup = await hours(gql, "jiedong", "2026-10-10")
    assert makeup["day"]["kind"] == "MAKEUP_WORKDAY"
    assert spans(makeup["public"]) == ["08:30–11:30", "14:30–17:30"]


async def test_jiedong_boundaries_friday_thursday_and_season_switch(gql, db):
    assert spans((await hours(gql, "jiedong", "2026-07-02"))["public"]) == ["08:30–11:30", "14:30–17:30"]  # Thursday
    assert spans((await hours(gql, "jiedong", "2026-11-20"))["public"]) == ["08:30–11:30", "14:30–16:00"]  # Friday winter
    assert spans((await hours(gql, "jiedong", "2026-04-30"))["public"])[1] == "14:00–17:00"  # Thursday, winter
    may_first = await hours(gql, "jiedong", "2026-05-01")
    assert may_first["open"] is False  # Labour Day
    assert spans((await hours(gql, "jiedong", "2026-05-07"))["public"])[1] == "14:30–17:30"  # first summer Thursday
    assert spans((await hours(gql, "jiedong", "2026-10-29"))["public"])[1] == "14:30–17:30"  # last summer Thursday
    assert spans((await hours(gql, "jiedong", "2026-11-05"))["public"])[1] == "14:00–17:00"  # winter
    assert (await hours(gql, "jiedong", "2026-09-25"))["open"] is False  # Mid-Autumn on a Friday
    assert (await hours(gql, "jiedong", "2026-02-14"))["day"]["kind"] == "MAKEUP_WORKDAY"


async def test_worked_examples_5_to_10(gql, db):
    data = await gql.data("""{
      panyu: jurisdiction(code: "panyu") { addWorkingDays(start: "2026-09-24", days: 3) ratingScale { level label score } }
      dongguan: jurisdiction(code: "dongguan") {
        standardHallName(place: "厚街", level: "镇") { chinese englishFull englishShort rules { source } }
        w330: windowPlan(dailyCaseVolume: 330) { windows staff rules { id } }
        w30: windowPlan(dailyCaseVolume: 30) { windows staff }
        w31: windowPlan(dailyCaseVolume: 31) { windows staff } }
      jiedong: jurisdiction(code: "jiedong") {
        half: leaveApprovalChain(days: 0.5) { steps { role side title } requirements rules { source article } }
        under: leaveApprovalChain(days: 0.4) { steps { side } } }
      nanbu: jurisdiction(code: "nanbu") {
        three: leaveApprovalChain(days: 3) { steps { role side title } requirements }
        underThree: leaveApprovalChain(days: 2.5) { steps { role side } } }
    }""")
    assert data["panyu"]["addWorkingDays"] == "2026-09-30"
    assert [(r["label"], r["score"]) for r in data["panyu"]["ratingScale"]] == [
        ("非常满意", 10), ("满意", 8), ("基本满意", 6), ("不满意", 3), ("非常不满意", 0)]
    assert data["panyu"]["ratingScale"][0]["level"] == "VERY_SATISFIED"
    name = data["dongguan"]["standardHallName"]
    assert (name["chinese"], name["englishFull"], name["englishShort"]) == (
        "东莞市厚街镇政务服务中心", "Houjie Township Government Service Center of Dongguan Municipality",
        "Dongguan Houjie Township Government Service Center")
    assert {"windows": 11, "staff": 13} == {k: data["dongguan"]["w330"][k] for k in ("windows", "staff")}
    assert (data["dongguan"]["w30"]["windows"], data["dongguan"]["w31"]["windows"]) == (1, 2)
    half = data["jiedong"]["half"]
    assert [(s["side"], s["title"]) for s in half["steps"]][:3] == [
        ("department", half["steps"][0]["title"]), ("department", "首席代表"), ("hall", half["steps"][2]["title"])]
    assert [s["side"] for s in half["steps"]] == ["department", "department", "hall", "hall"]
    assert "substitute" in half["requirements"]
    assert [s["side"] for s in data["jiedong"]["under"]["steps"]] == ["hall", "department"] or \
        [s["side"] for s in data["jiedong"]["under"]["steps"]] != [s["side"] for s in half["steps"]]
    three = data["nanbu"]["three"]
    assert [s["side"] for s in three["steps"]] == ["department", "hall", "hall"]
    assert "b_role_substitute" in three["requirements"]
    assert [s["side"] for s in data["nanbu"]["underThree"]["steps"]] == ["department", "hall", "hall"]
    assert three["steps"][0]["role"] != data["nanbu"]["underThree"]["steps"][0]["role"]  # principal vs deputy head


async def test_rules_list_each_with_source_and_article(gql, db):
    data = await gql.data('{ jurisdiction(code: "jiedong") { rules { id title source sourceDocument article pluginVersion } } }')
    rules = data["jurisdiction"]["rules"]
    own = [r for r in rules if r["source"] == "jiedong"]
    assert own and all(r["article"] for r in own)
    assert any(r["source"] == "default" for r in rules) or any(r["source"] == "national" for r in rules)
    assert len({r["id"] for r in rules}) == len(rules)


DAY = 'query($d: Date!) { jiedong: jurisdiction(code: "jiedong") { dayStatus(date: $d) { workday kind estimated reason } addWorkingDays(start: "2027-03-05", days: 1) } nanbu: jurisdiction(code: "nanbu") { dayStatus(date: $d) { workday kind } } }'
SET = """mutation($i: CalendarOverrideInput!) { setCalendarOverride(input: $i) { __typename
  ... on CalendarOverrideSuccess { override { date kind scope } } ... on PermissionDenied { side } } }"""


async def test_2027_dates_are_estimates_until_an_override_is_entered(gql, db, runtime):
    admin = await make_user(db, runtime, roles=(("platform_admin", "platform"),))
    county = await make_user(db, runtime, roles=(("jurisdiction_admin", "jurisdiction:jiedong"),))
    before = await gql.data(DAY, {"d": "2027-03-08"})
    assert before["jiedong"]["dayStatus"]["estimated"] is True
    # A county admin may not enter the national calendar.
    denied = await gql.data(SET, {"i": {"date": "2027-03-08", "kind": "STATUTORY_HOLIDAY", "reason": "国务院通知（测试）"}}, headers=county["headers"])
    assert denied["setCalendarOverride"] == {"__typename": "PermissionDenied", "side": "PLATFORM"}
    ok = await gql.data(SET, {"i": {"date": "2027-03-08", "kind": "STATUTORY_HOLIDAY", "reason": "国务院通知（测试）"}}, headers=admin["headers"])
    assert ok["setCalendarOverride"]["override"] == {"date": "2027-03-08", "kind": "STATUTORY_HOLIDAY", "scope": "national"}
    after = await gql.data(DAY, {"d": "2027-03-08"})
    assert after["jiedong"]["dayStatus"] == {"workday": False, "kind": "STATUTORY_HOLIDAY", "estimated": False, "reason": "国务院通知（测试）"}
    assert after["jiedong"]["addWorkingDays"] == "2027-03-09"  # Friday 5th + 1: Monday 8th is now a holiday
    assert before["jiedong"]["addWorkingDays"] == "2027-03-08"
    # A local closure is the county's own and changes nothing elsewhere.
    local = await gql.data(SET, {"i": {"date": "2027-03-09", "kind": "LOCAL_CLOSURE", "reason": "台风停工", "jurisdiction": "jiedong"}},
                           headers=county["headers"])
    assert local["setCalendarOverride"]["override"]["scope"] == "jiedong"
    closed = await gql.data(DAY, {"d": "2027-03-09"})
    assert closed["jiedong"]["dayStatus"]["kind"] == "LOCAL_CLOSURE" and closed["jiedong"]["dayStatus"]["workday"] is False
    assert closed["nanbu"]["dayStatus"]["workday"] is True
    listed = await gql.data('{ calendarOverrides(year: 2027, jurisdiction: "jiedong") { date kind scope } }')
    assert [o["scope"] for o in listed["calendarOverrides"]] == ["national", "jiedong"]
    confirmed = await gql.data("mutation { confirmCalendarYear(year: 2027, notice: \"国办发明电\") { ... on ConfirmCalendarYearSuccess { changed } } }",
                               headers=admin["headers"])
    assert confirmed["confirmCalendarYear"]["changed"] is True
    assert (await gql.data(DAY, {"d": "2027-03-10"}))["jiedong"]["dayStatus"]["estimated"] is False


CREATE = """mutation($i: CreateHallInput!) { createHall(input: $i) { __typename
  ... on CreateHallSuccess { hall { name nameEnFull nameEnShort level levelLabel serviceHours(date: "2026-11-19") { public { start end } configured } } }
  ... on Error { code message } ... on ValidationError { field } ... on PermissionDenied { side } } }"""


async def test_create_hall_names_it_by_the_rule_and_rejects_bad_names(gql, db, runtime):
    dongguan = await make_user(db, runtime, roles=(("jurisdiction_admin", "jurisdiction:dongguan"),))
    made = await gql.data(CREATE, {"i": {"jurisdiction": "dongguan", "level": "TOWN", "place": "厚街"}}, headers=dongguan["headers"])
    hall = made["createHall"]["hall"]
    assert (hall["name"], hall["nameEnFull"], hall["nameEnShort"]) == (
        "东莞市厚街镇政务服务中心", "Houjie Township Government Service Center of Dongguan Municipality",
        "Dongguan Houjie Township Government Service Center")
    taken = await gql.data(CREATE, {"i": {"jurisdiction": "dongguan", "level": "TOWN", "place": "厚街"}}, headers=dongguan["headers"])
    assert taken["createHall"]["code"] == "HALL_NAME_TAKEN"
    bad = await gql.data(CREATE, {"i": {"jurisdiction": "dongguan", "level": "TOWN", "place": "虎门", "name": "虎门便民大厅"}},
                         headers=dongguan["headers"])
    assert bad["createHall"]["code"] == "HALL_NAME_INVALID" and bad["createHall"]["field"] == "name"
    assert "dongguan." in bad["createHall"]["message"]  # the rejection names the rule
    other = await gql.data(CREATE, {"i": {"jurisdiction": "panyu", "level": "TOWN", "place": "石楼"}}, headers=dongguan["headers"])
    assert other["createHall"]["__typename"] == "PermissionDenied"
    count = await gql.data('{ halls(jurisdiction: "dongguan") { totalCount } }')
    assert count["halls"]["totalCount"] == 1


async def test_hall_hours_configurable_only_where_the_rule_is_a_default(gql, db, runtime):
    admin = await make_user(db, runtime, roles=(("platform_admin", "platform"),))
    panyu = await gql.data(CREATE, {"i": {"jurisdiction": "panyu", "level": "COUNTY", "place": "番禺区",
                                          "name": "广州市番禺区政务服务中心", "configuredHours": ["14:00-17:30", "08:30-12:00"]}},
                           headers=admin["headers"])
    hours = panyu["createHall"]["hall"]["serviceHours"]
    assert hours["configured"] is True and spans(hours["public"]) == ["08:30–12:00", "14:00–17:30"]
    jiedong = await gql.data(CREATE, {"i": {"jurisdiction": "jiedong", "level": "COUNTY", "place": "揭东区",
                                            "configuredHours": ["08:00-12:00"]}}, headers=admin["headers"])
    assert jiedong["createHall"]["code"] == "HOURS_NOT_CONFIGURABLE"
    malformed = await gql.data(CREATE, {"i": {"jurisdiction": "panyu", "level": "TOWN", "place": "石楼",
                                              "configuredHours": ["8 to 12"]}}, headers=admin["headers"])
    assert malformed["createHall"]["code"] == "VALIDATION_FAILED"


async def test_update_hall_validates_the_new_name(gql, db, runtime):
    graph = await make_hall(db, jurisdiction="dongguan", name="东莞市厚街镇政务服务中心", level="town", place="厚街")
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))
    from core.graphql.relay import to_global_id

    mutation = """mutation($i: UpdateHallInput!) { updateHall(input: $i) { __typename
      ... on UpdateHallSuccess { hall { name phone } } ... on Error { code message } } }"""
    hall_id = to_global_id("Hall", graph.hall.id)
    bad = await gql.data(mutation, {"i": {"hallId": hall_id, "name": "厚街办事处"}}, headers=admin["headers"])
    assert bad["updateHall"]["code"] == "HALL_NAME_INVALID"
    ok = await gql.data(mutation, {"i": {"hallId": hall_id, "phone": "0769-85551234"}}, headers=admin["headers"])
    assert ok["updateHall"]["hall"] == {"name": "东莞市厚街镇政务服务中心", "phone": "0769-85551234"}


async def test_only_enabled_jurisdictions_are_served(db, database_url):
    runtime = Runtime.create(settings_for(database_url, jurisdictions=["jiedong"]))
    try:
        import httpx

        app = create_app(runtime, check_on_startup=False)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as http:
            gql = GraphQLClient(http)
            data = await gql.data('{ jurisdictions { code } panyu: jurisdiction(code: "panyu") { code } jiedong: jurisdiction(code: "jiedong") { code } all: jurisdictions(includeDisabled: true) { code enabled } }')
            assert data["jurisdictions"] == [{"code": "jiedong"}]
            assert data["panyu"] is None and data["jiedong"] == {"code": "jiedong"}
            assert {j["code"]: j["enabled"] for j in data["all"]}["panyu"] is False
    finally:
        await runtime.close()


async def test_hall_changes_are_reported_upward_through_the_outbox(gql, db, runtime):
    import sqlalchemy as sa

    from core.outbox.models import OutboxEvent

    admin = await make_user(db, runtime, roles=(("jurisdiction_admin", "jurisdiction:dongguan"),))
    await gql.data(CREATE, {"i": {"jurisdiction": "dongguan", "level": "TOWN", "place": "虎门"}}, headers=admin["headers"])
    await gql.data(CREATE, {"i": {"jurisdiction": "dongguan", "level": "TOWN", "place": "虎门", "name": "虎门大厅"}},
                   headers=admin["headers"])  # rejected: no event
    async with db.session() as session:
        events = (await session.execute(sa.select(OutboxEvent))).scalars().all()
    assert [(e.entity_type, e.event_type, e.sequence) for e in events] == [("hall", "hall.changed", 1)]
    assert events[0].payload["name"] == "东莞市虎门镇政务服务中心"
