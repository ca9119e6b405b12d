"""`tingwu demo load` on a real database: idempotent, every jurisdiction served, names by the rules."""

from __future__ import annotations

import pytest

from core.demo.load import load_demo
from core.halls.models import HallLevel
from core.policy.calendar import WorkingCalendar
from core.policy.service import JurisdictionPolicy

pytestmark = pytest.mark.db

CODES = {"panyu", "dongguan", "jiedong", "dongying", "nanbu"}


async def test_demo_load_twice_changes_nothing_and_serves_every_jurisdiction(gql, db, runtime):
    first = await load_demo(db, jurisdiction_infos=runtime.plugins.enabled)
    second = await load_demo(db, jurisdiction_infos=runtime.plugins.enabled)
    assert first.total > 500
    assert second.total == 0
    data = await gql.data("{ jurisdictions { code } halls(first: 50) { edges { node { name kind level jurisdictionCode "
                          "nameEnFull windows { staff { role } } serviceItems { code } } } } }")
    assert {j["code"] for j in data["jurisdictions"]} == CODES
    halls = [e["node"] for e in data["halls"]["edges"]]
    assert {h["jurisdictionCode"] for h in halls} == CODES
    assert "东莞市厚街镇政务服务中心" in {h["name"] for h in halls}
    assert "揭阳市揭东区政务服务中心" in {h["name"] for h in halls}
    assert sum(len(h["serviceItems"]) for h in halls) >= 100
    for hall in (h for h in halls if h["kind"] != "SPECIALIZED"):  # §3 names centres and stations
        policy = JurisdictionPolicy(runtime.plugins.hook, hall["jurisdictionCode"], WorkingCalendar())
        verdict = policy.validate_hall_name(hall["name"], HallLevel[hall["level"]].label, hall["nameEnFull"])
        assert verdict.valid, (hall["name"], verdict.violations)


async def test_demo_load_only_the_enabled_jurisdictions(gql, db, runtime):
    summary = await load_demo(db, jurisdiction_infos={"jiedong": runtime.plugins.info("jiedong")})
    assert set(summary.inserted) == {"jiedong"}
    data = await gql.data("{ halls { edges { node { jurisdictionCode } } } }")
    assert {e["node"]["jurisdictionCode"] for e in data["halls"]["edges"]} == {"jiedong"}


async def test_every_demo_hall_answers_its_public_service_hours(gql, db, runtime):
    """The demo stores configured hours in the shape the halls service writes ("08:30-12:00"): every hall answers."""
    await load_demo(db, jurisdiction_infos=runtime.plugins.enabled)
    data = await gql.execute('{ halls(first: 50) { edges { node { name serviceHours(date: "2026-11-20") { public { start end } } } } } }')
    assert not data.get("errors"), data["errors"][:3]
    halls = [e["node"] for e in data["data"]["halls"]["edges"]]
    assert len(halls) >= 11 and all(h["serviceHours"]["public"] for h in halls)
    houjie = next(h for h in halls if h["name"] == "东莞市厚街镇政务服务中心")
    assert houjie["serviceHours"]["public"][-1]["end"].startswith("17:30")
