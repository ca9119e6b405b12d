"""Halls through GraphQL: connection, detail, node(), and a constant number of SQL statements."""

from __future__ import annotations

import pytest

from core.graphql.relay import to_global_id
from tests.factories import make_hall

pytestmark = pytest.mark.db

NESTED_QUERY = """
query { halls(first: 50) { totalCount edges { node { name windows { number typeLabel staff { role staff { name staffNumber } } } } } } }
"""


async def test_halls_connection_lists_halls_by_name_and_pages(gql, db):
    for place in ("乙", "甲", "丙"):
        await make_hall(db, name=f"{place}政务服务中心")
    first = await gql.data("{ halls(first: 2) { totalCount edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }")
    names = [e["node"]["name"] for e in first["halls"]["edges"]]
    assert first["halls"]["totalCount"] == 3
    assert names == sorted(names) and len(names) == 2
    assert first["halls"]["pageInfo"]["hasNextPage"] is True
    after = first["halls"]["pageInfo"]["endCursor"]
    second = await gql.data("query($after: String) { halls(first: 2, after: $after) { edges { node { name } } pageInfo { hasNextPage } } }", {"after": after})
    rest = [e["node"]["name"] for e in second["halls"]["edges"]]
    assert len(rest) == 1 and rest[0] not in names
    assert second["halls"]["pageInfo"]["hasNextPage"] is False


async def test_hall_detail_has_departments_windows_roles_and_items(gql, db):
    graph = await make_hall(db, windows=2, staff_per_window=2, items=3)
    data = await gql.data(
        """query($id: ID!) { hall(id: $id) { name level levelLabel jurisdiction { code name }
             departments { department { name } chiefRepresentative { name } }
             windows { number type status statusLabel staff { role roleLabel staff { staffNumber } } }
             serviceItems { code name typeLabel promisedLimitDays materials department { name } } } }""",
        {"id": to_global_id("Hall", graph.hall.id)},
    )
    hall = data["hall"]
    assert hall["name"] == graph.hall.name
    assert hall["levelLabel"] == "区县" and hall["jurisdiction"]["code"] == "jiedong"
    assert [d["department"]["name"] for d in hall["departments"]] == [graph.departments[0].name]
    assert [w["number"] for w in hall["windows"]] == ["A01", "A02"]
    assert [s["role"] for s in hall["windows"][0]["staff"]] == ["A", "B"]
    assert hall["windows"][0]["staff"][0]["roleLabel"] == "主办"
    assert len(hall["serviceItems"]) == 3 and hall["serviceItems"][0]["materials"] == ["申请表", "身份证"]


async def test_hall_accepts_a_raw_uuid_and_node_resolves_every_type(gql, db):
    graph = await make_hall(db)
    by_uuid = await gql.data("query($id: ID!) { hall(id: $id) { id name } }", {"id": str(graph.hall.id)})
    assert by_uuid["hall"]["name"] == graph.hall.name
    for type_name, obj in (("Hall", graph.hall), ("Window", graph.windows[0]), ("Staff", graph.staff[0]),
                           ("Department", graph.departments[0]), ("ServiceItem", graph.items[0])):
        data = await gql.data("query($id: ID!) { node(id: $id) { __typename id } }", {"id": to_global_id(type_name, obj.id)})
        assert data["node"] == {"__typename": type_name, "id": to_global_id(type_name, obj.id)}


async def test_unknown_and_malformed_ids_give_null_or_a_clear_error(gql, db):
    import uuid

    missing = await gql.data("query($id: ID!) { node(id: $id) { id } }", {"id": to_global_id("Hall", uuid.uuid4())})
    assert missing["node"] is None
    body = await gql.execute('{ hall(id: "not-an-id") { id } }')
    assert body["errors"][0]["message"].startswith("ID 格式不正确")
    body = await gql.execute('{ hall(id: "not-an-id") { id } }', headers={"Accept-Language": "en-US,en;q=0.9"})
    assert body["errors"][0]["message"].startswith("Malformed ID")


async def test_nested_hall_query_statement_count_does_not_grow_with_halls(gql, db, count_statements):
    await make_hall(db, windows=2)
    count_statements.reset()
    small = await gql.data(NESTED_QUERY)
    few = count_statements.count
    for _ in range(5):
        await make_hall(db, windows=3, staff_per_window=2)
    count_statements.reset()
    large = await gql.data(NESTED_QUERY)
    many = count_statements.count
    assert large["halls"]["totalCount"] == 6 and small["halls"]["totalCount"] == 1
    assert sum(len(e["node"]["windows"]) for e in large["halls"]["edges"]) == 17
    assert many == few, count_statements.statements
    assert many <= 4  # page + count + windows + staff


async def test_disabled_jurisdiction_halls_are_not_served(gql, db, runtime, monkeypatch):
    jiedong = await make_hall(db, jurisdiction="jiedong")
    panyu = await make_hall(db, jurisdiction="panyu", place="番禺区")
    monkeypatch.setattr(runtime.plugins, "enabled_codes", frozenset({"jiedong"}))
    data = await gql.data("{ halls { edges { node { name } } } jurisdictions { code } }")
    assert [e["node"]["name"] for e in data["halls"]["edges"]] == [jiedong.hall.name]
    assert [j["code"] for j in data["jurisdictions"]] == ["jiedong"]
    hidden = await gql.data("query($id: ID!) { hall(id: $id) { id } node(id: $id) { id } }", {"id": to_global_id("Hall", panyu.hall.id)})
    assert hidden == {"hall": None, "node": None}
