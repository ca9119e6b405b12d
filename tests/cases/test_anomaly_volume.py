"""R10 (RULEBOOK §16; panyu Art 21 "同一事项申请人数较多"): many applicants on the same item is measured against the
item's own normal volume — *default* 3× its trailing 30-day daily mean and at least 10, configurable by the
jurisdiction admin — so a busy item is not an anomaly by being busy."""

from __future__ import annotations

import pytest

from tests.cases.helpers import accept, make_desk
from tests.cases.test_case_rules import ANOMALIES
from tests.factories import make_user

pytestmark = pytest.mark.db

SETTINGS = """query { jurisdiction(code: "panyu") { ruleSettings { key value default isDefault ruleId } } }"""
SET = """mutation($input: RuleSettingInput!) { setJurisdictionRuleSetting(input: $input) { __typename
  ... on RuleSettingSuccess { setting { key value isDefault } } ... on Error { code message } } }"""


async def test_three_people_renewing_id_cards_are_not_an_anomaly_and_the_admin_can_tune_the_watch(gql, db, runtime, clock):
    desk = await make_desk(db, runtime, jurisdiction="panyu")
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{desk.graph.hall.id}"),))
    clock.set("2026-11-02 10:00")
    for number in range(3):
        await accept(gql, desk, applicantIdNumber=f"44011319900101{number:04d}", applicantName=f"申请人{number}")
    found = (await gql.data(ANOMALIES, {"hall": desk.hall_id}, headers=admin["headers"]))["caseAnomalies"]
    assert found["totalCount"] == 0  # v1: "many applicants on the same item" at 3

    # The policy API states the default as a default, with its rule.
    settings = {s["key"]: s for s in (await gql.data(SETTINGS))["jurisdiction"]["ruleSettings"]}
    assert settings["case.anomaly.volume_multiple"] == {"key": "case.anomaly.volume_multiple", "value": 3.0,
                                                        "default": 3.0, "isDefault": True,
                                                        "ruleId": "panyu.case.anomaly_volume"}
    assert settings["case.anomaly.volume_floor"]["value"] == 10.0
    rules = (await gql.data('query { jurisdiction(code: "panyu") { rules { id source article } } }'))
    assert {"id": "panyu.case.anomaly_volume", "source": "default", "article": "Art 21"} in rules["jurisdiction"]["rules"]

    # Only the jurisdiction admin tunes it; a bad value is refused and changes nothing.
    floor = {"input": {"jurisdiction": "panyu", "key": "case.anomaly.volume_floor", "value": 4}}
    assert (await gql.data(SET, floor, headers=admin["headers"]))["setJurisdictionRuleSetting"]["__typename"] == "PermissionDenied"
    jurisdiction_admin = await make_user(db, runtime, roles=(("jurisdiction_admin", "jurisdiction:panyu"),))
    bad = {"input": {"jurisdiction": "panyu", "key": "case.anomaly.volume_floor", "value": 2.5}}
    assert (await gql.data(SET, bad, headers=jurisdiction_admin["headers"]))["setJurisdictionRuleSetting"]["code"] == "VALIDATION_FAILED"
    unknown = {"input": {"jurisdiction": "panyu", "key": "leave.phone_paperwork_working_days", "value": 2}}
    assert (await gql.data(SET, unknown, headers=jurisdiction_admin["headers"]))["setJurisdictionRuleSetting"]["code"] == "RULE_SETTING_UNKNOWN"
    tuned = (await gql.data(SET, floor, headers=jurisdiction_admin["headers"]))["setJurisdictionRuleSetting"]
    assert tuned["setting"] == {"key": "case.anomaly.volume_floor", "value": 4.0, "isDefault": False}

    # With a floor of 4 (and no history: the normal volume is 0), the fourth applicant of the day opens one.
    await accept(gql, desk, applicantIdNumber="440113199001019999", applicantName="申请人9")
    found = (await gql.data(ANOMALIES, {"hall": desk.hall_id}, headers=admin["headers"]))["caseAnomalies"]
    assert [(e["node"]["pattern"], e["node"]["caseCount"], e["node"]["threshold"]) for e in found["edges"]] == [
        ("MANY_APPLICANTS_SAME_ITEM", 4, 4)]
    assert "panyu.case.anomaly_volume" in found["edges"][0]["node"]["ruleIds"]
    reset = {"input": {"jurisdiction": "panyu", "key": "case.anomaly.volume_floor", "value": None}}
    assert (await gql.data(SET, reset, headers=jurisdiction_admin["headers"]))["setJurisdictionRuleSetting"]["setting"][
        "isDefault"] is True
