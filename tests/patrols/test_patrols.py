"""Patrol records (巡查) by supervisors: attendance, dress, discipline, window state, video."""

from __future__ import annotations

import pytest

from tests.factories import make_hall
from tests.staffing import BASE_ERROR_FIELDS, gid, people, pin_clock

pytestmark = pytest.mark.db

RECORD = f"""mutation($input: PatrolInput!) {{ recordPatrol(input: $input) {{ __typename
  ... on PatrolSuccess {{ patrol {{ id category categoryLabel compliant finding recordedByName staff {{ name }} window {{ number }} }} }}
  {BASE_ERROR_FIELDS} }} }}"""
LIST = """query($hall: ID, $dept: ID, $findings: Boolean!, $category: [PatrolCategory!]) {
  patrolRecords(hallId: $hall, departmentId: $dept, findingsOnly: $findings, category: $category) {
    totalCount edges { node { category compliant staff { name } } } } }"""


async def test_supervisors_record_patrols_and_both_sides_read_them(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 11, 23, 11, 0)
    graph = await make_hall(db, jurisdiction="nanbu", place="南部山区")
    team = await people(db, runtime, graph)
    hall = gid("Hall", graph.hall)
    records = [
        {"category": "DRESS", "compliant": False, "finding": "未佩戴工作牌", "staffId": gid("Staff", graph.staff[0])},
        {"category": "VIDEO", "compliant": False, "finding": "工作时间玩手机", "staffId": gid("Staff", graph.staff[1]),
         "patrolledAt": "2026-11-23T10:12:00"},
        {"category": "WINDOW_STATE", "compliant": True, "windowId": gid("Window", graph.windows[0])},
    ]
    for record in records:
        result = (await gql.data(RECORD, {"input": {"hallId": hall, **record}}, headers=team.headers("supervisor")))["recordPatrol"]
        assert result["__typename"] == "PatrolSuccess", result
    assert result["patrol"]["window"] == {"number": "A01"} and result["patrol"]["recordedByName"] == "测试用户"

    unexplained = (await gql.data(RECORD, {"input": {"hallId": hall, "category": "DISCIPLINE", "compliant": False,
                                                     "staffId": gid("Staff", graph.staff[0])}},
                                  headers=team.headers("supervisor")))["recordPatrol"]
    assert unexplained["code"] == "VALIDATION_FAILED" and "finding" in unexplained["message"]
    by_department = (await gql.data(RECORD, {"input": {"hallId": hall, **records[0]}},
                                    headers=team.headers("department_leader")))["recordPatrol"]
    assert (by_department["__typename"], by_department["side"]) == ("PermissionDenied", "HALL")

    findings = await gql.data(LIST, {"hall": hall, "findings": True}, headers=team.headers("hall_office_leader"))
    assert findings["patrolRecords"]["totalCount"] == 2
    video = await gql.data(LIST, {"hall": hall, "findings": False, "category": ["VIDEO"]}, headers=team.headers("supervisor"))
    assert [e["node"]["category"] for e in video["patrolRecords"]["edges"]] == ["VIDEO"]
    department = await gql.data(LIST, {"dept": gid("Department", graph.departments[0]), "findings": False},
                                headers=team.headers("chief_representative"))
    assert department["patrolRecords"]["totalCount"] == 2  # the window-only record names no staff member
    denied = await gql.execute(LIST, {"hall": hall, "findings": False}, headers=team.headers("staff0"))
    assert denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
