"""Provincial views: the area bulletin by hall, department type and county; rankings with ties; trends;
exports; who reads what (integrators their province only, a hall admin their hall's rows in the ranking)."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from openpyxl import load_workbook

from core.graphql.relay import to_global_id
from core.ratings.models import Rating
from core.timezones import SHANGHAI
from tests.factories import add_case, make_hall, make_user

pytestmark = pytest.mark.db

RANKING = """query($p: String, $j: String, $m: RankingMetric!, $by: AreaGroup!) {
  serviceRanking(province: $p, jurisdiction: $j, from: "2026-11-01", to: "2026-11-30", metric: $m, groupBy: $by) {
    areaName ownHallsOnly totalRows metric higherIsBetter
    entries { rank tied value row { key subjectId subjectName jurisdictionCode cases ratings complaintsPerThousand
              satisfaction { value } } } } }"""

BULLETIN = """query($p: String, $j: String, $by: AreaGroup!) {
  areaBulletin(province: $p, jurisdiction: $j, from: "2026-11-01", to: "2026-11-30", groupBy: $by) {
    areaName ownHallsOnly totalRows rows { key subjectName cases completedCases ratings praise peopleServed
    satisfaction { value numerator denominator } ratingRate { value target } } } }"""

TREND = """query($j: String, $m: RankingMetric!) {
  serviceTrend(jurisdiction: $j, month: "2026-11-15", months: 3, metric: $m) {
    months series { subjectName points { month value change } } } }"""


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI).astimezone(timezone.utc)


@pytest.fixture
async def province(db, runtime):
    """Panyu: halls A, B, C; Dongguan: hall D. November's ratings make A and B tie on satisfaction."""
    halls = {name: await make_hall(db, jurisdiction=jurisdiction, name=f"{name}厅{uuid.uuid4().hex[:4]}")
             for name, jurisdiction in (("A", "panyu"), ("B", "panyu"), ("C", "panyu"), ("D", "dongguan"))}
    plan = {"A": ["very_satisfied", "very_satisfied"], "B": ["very_satisfied", "satisfied"],
            "C": ["dissatisfied", "satisfied"], "D": ["basically_satisfied"]}
    for name, levels in plan.items():
        graph = halls[name]
        for n, level in enumerate(levels):
            case = await add_case(db, graph, accepted_at=local(f"2026-11-0{n + 2}T10:00"))
            async with db.transaction() as session:
                session.add(Rating(case_id=case.id, staff_id=case.staff_id, hall_id=graph.hall.id, level=level, score=0,
                                   channel="device", rated_at=local(f"2026-11-0{n + 2}T12:00")))
    # October: one case in A, rated dissatisfied (the trend's previous month)
    case = await add_case(db, halls["A"], accepted_at=local("2026-10-20T10:00"))
    async with db.transaction() as session:
        session.add(Rating(case_id=case.id, staff_id=case.staff_id, hall_id=halls["A"].hall.id, level="dissatisfied",
                           score=0, channel="device", rated_at=local("2026-10-20T12:00")))
    users = {
        "integrator": await make_user(db, runtime, roles=(("provincial_integrator", "province:44"),)),
        "other_integrator": await make_user(db, runtime, roles=(("provincial_integrator", "province:37"),)),
        "panyu_admin": await make_user(db, runtime, roles=(("jurisdiction_admin", "jurisdiction:panyu"),)),
        "hall_admin": await make_user(db, runtime, roles=(("hall_admin", f"hall:{halls['A'].hall.id}"),)),
    }
    return halls, users


async def test_a_jurisdictions_ranking_shows_ties(gql, province):
    halls, users = province
    data = await gql.data(RANKING, {"j": "panyu", "m": "SATISFACTION", "by": "HALL"}, headers=users["panyu_admin"]["headers"])
    ranking = data["serviceRanking"]
    assert (ranking["totalRows"], ranking["ownHallsOnly"], ranking["higherIsBetter"]) == (3, False, True)
    got = [(e["rank"], e["tied"], e["value"], e["row"]["subjectName"][0]) for e in ranking["entries"]]
    assert got == [(1, True, 1.0, "A"), (1, True, 1.0, "B"), (3, False, 0.5, "C")]


async def test_a_hall_admin_sees_their_halls_row_ranked_in_the_jurisdiction(gql, province):
    halls, users = province
    headers = users["hall_admin"]["headers"]
    ranking = (await gql.data(RANKING, {"j": "panyu", "m": "SATISFACTION", "by": "HALL"}, headers=headers))["serviceRanking"]
    assert ranking["ownHallsOnly"] is True and ranking["totalRows"] == 3
    [entry] = ranking["entries"]
    assert (entry["rank"], entry["tied"], entry["row"]["subjectId"]) == (1, True, to_global_id("Hall", halls["A"].hall.id))
    # by county or department type would reveal other halls' figures; the province is not theirs
    for variables in ({"j": "panyu", "by": "COUNTY"}, {"j": "panyu", "by": "DEPARTMENT_TYPE"}, {"p": "44", "by": "HALL"}):
        body = await gql.execute(RANKING, {**variables, "m": "SATISFACTION"}, headers=headers)
        assert body["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED", variables


async def test_integrators_read_their_province_only(gql, province):
    halls, users = province
    by_county = (await gql.data(RANKING, {"p": "44", "m": "SATISFACTION", "by": "COUNTY"},
                                headers=users["integrator"]["headers"]))["serviceRanking"]
    assert by_county["areaName"] == "广东"
    rows = {e["row"]["key"]: (e["rank"], e["row"]["cases"], e["row"]["ratings"]) for e in by_county["entries"]}
    assert rows["dongguan"] == (1, 1, 1) and rows["panyu"] == (2, 6, 6)
    assert all(e["rank"] is None for e in by_county["entries"] if e["row"]["key"] not in ("dongguan", "panyu"))
    denied = await gql.execute(RANKING, {"p": "44", "m": "SATISFACTION", "by": "HALL"},
                               headers=users["other_integrator"]["headers"])
    assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    anonymous = await gql.execute(RANKING, {"p": "44", "m": "SATISFACTION", "by": "HALL"})
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    unknown = await gql.execute(RANKING, {"p": "99", "m": "SATISFACTION", "by": "HALL"}, headers=users["integrator"]["headers"])
    assert unknown["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    both = await gql.execute(RANKING, {"p": "44", "j": "panyu", "m": "SATISFACTION", "by": "HALL"},
                             headers=users["integrator"]["headers"])
    assert both["errors"][0]["extensions"]["code"] == "VALIDATION_FAILED"


async def test_area_bulletin_by_hall_equals_each_halls_bulletin(gql, province):
    halls, users = province
    headers = users["integrator"]["headers"]
    area = (await gql.data(BULLETIN, {"p": "44", "by": "HALL"}, headers=headers))["areaBulletin"]
    rows = {r["key"]: r for r in area["rows"]}
    for graph in halls.values():
        hall_bulletin = await gql.data("""query($h: ID!) { serviceBulletin(hallId: $h, from: "2026-11-01", to: "2026-11-30") {
            rows { cases completedCases ratings praise peopleServed satisfaction { value numerator denominator }
                   ratingRate { value target } } } }""", {"h": to_global_id("Hall", graph.hall.id)}, headers=headers)
        [expected] = hall_bulletin["serviceBulletin"]["rows"]
        got = rows[to_global_id("Hall", graph.hall.id)]
        assert {k: got[k] for k in expected} == expected
    by_type = (await gql.data(BULLETIN, {"p": "44", "by": "DEPARTMENT_TYPE"}, headers=headers))["areaBulletin"]
    [department_type] = by_type["rows"]  # every test hall's department is a 测试局
    assert (department_type["subjectName"], department_type["cases"], department_type["ratings"]) == ("测试局", 7, 7)


async def test_month_over_month_trend(gql, province):
    halls, users = province
    trend = (await gql.data(TREND, {"j": "panyu", "m": "SATISFACTION"}, headers=users["panyu_admin"]["headers"]))["serviceTrend"]
    assert trend["months"] == ["2026-09", "2026-10", "2026-11"]
    a = next(s for s in trend["series"] if s["subjectName"].startswith("A"))
    assert a["points"] == [{"month": "2026-09", "value": None, "change": None},
                           {"month": "2026-10", "value": 0.0, "change": None},
                           {"month": "2026-11", "value": 1.0, "change": 1.0}]


async def test_exports_with_the_same_authorization(gql, province):
    halls, users = province
    http = gql.http
    params = {"jurisdiction": "panyu", "from": "2026-11-01", "to": "2026-11-30", "metric": "satisfaction"}
    response = await http.get("/exports/ranking.csv", params=params, headers=users["panyu_admin"]["headers"])
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["名次", "并列", "指标值", "对象"]
    assert [(r[0], r[1], r[3][0]) for r in rows[1:]] == [("1", "并列", "A"), ("1", "并列", "B"), ("3", "", "C")]
    own = await http.get("/exports/ranking.csv", params=params, headers=users["hall_admin"]["headers"])
    assert [r[3][0] for r in list(csv.reader(io.StringIO(own.content.decode("utf-8-sig"))))[1:]] == ["A"]
    xlsx = await http.get("/exports/area-bulletin.xlsx", params={**params, "groupBy": "county", "province": "44",
                                                                  "jurisdiction": "panyu"},
                          headers={**users["integrator"]["headers"], "Accept-Language": "en"})
    assert xlsx.status_code == 400  # both a province and a jurisdiction
    xlsx = await http.get("/exports/area-bulletin.xlsx", params={"province": "44", "from": "2026-11-01",
                                                                  "to": "2026-11-30", "groupBy": "county"},
                          headers={**users["integrator"]["headers"], "Accept-Language": "en"})
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert "by county" in sheet["A1"].value and sheet["A3"].value == "Subject"
    counties = {sheet.cell(row=r, column=2).value: sheet.cell(row=r, column=4).value for r in range(4, sheet.max_row + 1)}
    assert counties["panyu"] == 6 and counties["dongguan"] == 1
    denied = await http.get("/exports/ranking.csv", params={**params, "jurisdiction": None, "province": "44"},
                            headers=users["hall_admin"]["headers"])
    assert denied.status_code == 403
