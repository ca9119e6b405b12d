"""Tingwu as a federation v2 subgraph: `_service`, `_entities` with the visibility of `node(id:)`, batching."""

from __future__ import annotations

import httpx
import pytest

from core.app import create_app
from core.auth.roles import Role
from core.federation.credentials import GATEWAY_KEY_HEADER
from core.graphql.relay import to_global_id
from core.runtime import Runtime
from tests.conftest import GraphQLClient, settings_for
from tests.factories import make_case, make_hall, make_user

pytestmark = pytest.mark.db

ENTITIES = """
query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Hall { id name }
    ... on Window { id number }
    ... on Staff { id staffNumber name rank }
    ... on Department { id name }
    ... on ServiceItem { code name }
    ... on Case { serialNumber applicantName hall { name } }
  }
}
"""


def hall_ref(hall) -> dict:
    return {"__typename": "Hall", "id": to_global_id("Hall", hall.id)}


async def test_service_sdl_declares_every_entity_key(gql, db):
    sdl = (await gql.data("{ _service { sdl } }"))["_service"]["sdl"]
    assert '@link(url: "https://specs.apollo.dev/federation/v2.5"' in sdl
    for type_name, key in (("Hall", "id"), ("Window", "id"), ("Staff", "id"), ("Department", "id"),
                           ("ServiceItem", "code"), ("Case", "serialNumber")):
        assert f'type {type_name} implements Node @key(fields: "{key}")' in sdl, type_name


async def test_entities_resolve_every_type_by_its_key(gql, db, runtime):
    graph = await make_hall(db)
    case = await make_case(db, graph)
    admin = await make_user(db, runtime, roles=((Role.HALL_ADMIN.value, f"hall:{graph.hall.id}"),))
    representations = [
        hall_ref(graph.hall),
        {"__typename": "Hall", "id": str(graph.hall.id)},  # a raw UUID is accepted too
        {"__typename": "Window", "id": to_global_id("Window", graph.windows[0].id)},
        {"__typename": "Staff", "id": to_global_id("Staff", graph.staff[0].id)},
        {"__typename": "Department", "id": to_global_id("Department", graph.departments[0].id)},
        {"__typename": "ServiceItem", "code": graph.items[0].code},
        {"__typename": "Case", "serialNumber": case.serial_number},
    ]
    entities = (await gql.data(ENTITIES, {"representations": representations}, headers=admin["headers"]))["_entities"]
    assert [e["__typename"] for e in entities] == ["Hall", "Hall", "Window", "Staff", "Department", "ServiceItem", "Case"]
    assert entities[0] == entities[1] == {"__typename": "Hall", "id": to_global_id("Hall", graph.hall.id), "name": graph.hall.name}
    assert entities[2]["number"] == "A01"
    assert entities[3]["staffNumber"] == graph.staff[0].staff_number and entities[3]["rank"] == "科员"
    assert entities[4]["name"] == graph.departments[0].name
    assert entities[5] == {"__typename": "ServiceItem", "code": graph.items[0].code, "name": graph.items[0].name}
    assert entities[6] == {"__typename": "Case", "serialNumber": case.serial_number, "applicantName": "张三",
                           "hall": {"name": graph.hall.name}}


async def test_entities_keep_the_visibility_of_node(gql, db, runtime):
    graph = await make_hall(db)
    other = await make_hall(db)
    case = await make_case(db, graph)
    outsider = await make_user(db, runtime, roles=((Role.HALL_ADMIN.value, f"hall:{other.hall.id}"),))
    integrator = await make_user(db, runtime, roles=((Role.PROVINCIAL_INTEGRATOR.value, "province:44"),))
    foreign_integrator = await make_user(db, runtime, roles=((Role.PROVINCIAL_INTEGRATOR.value, "province:37"),))
    case_ref = {"__typename": "Case", "serialNumber": case.serial_number}
    staff_ref = {"__typename": "Staff", "id": to_global_id("Staff", graph.staff[0].id)}
    refs = {"representations": [case_ref, staff_ref, {"__typename": "Case", "serialNumber": "SN-NO-SUCH-CASE"},
                                {"__typename": "Hall", "id": to_global_id("Window", graph.windows[0].id)},
                                {"__typename": "Hall", "id": "not an id"}]}
    for caller in (None, outsider["headers"], foreign_integrator["headers"]):
        entities = (await gql.data(ENTITIES, refs, headers=caller))["_entities"]
        assert entities[0] is None, "a case the caller may not read resolves to null"
        assert entities[1]["name"] == graph.staff[0].name and entities[1]["rank"] is None, "public name, guarded rank"
        assert entities[2:] == [None, None, None]
    seen = (await gql.data(ENTITIES, refs, headers=integrator["headers"]))["_entities"]
    assert seen[0]["serialNumber"] == case.serial_number
    assert seen[0]["hall"]["name"] == graph.hall.name


async def test_entities_of_a_disabled_jurisdiction_resolve_to_null(db, runtime, database_url):
    panyu = await make_hall(db, jurisdiction="panyu", place="番禺区")
    jiedong = await make_hall(db, jurisdiction="jiedong")
    shandong_runtime = Runtime.create(settings_for(database_url, jurisdictions=["jiedong"]))
    try:
        app = create_app(shandong_runtime, check_on_startup=False)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://tingwu.test") as http:
            client = GraphQLClient(http)
            refs = [hall_ref(panyu.hall), hall_ref(jiedong.hall),
                    {"__typename": "Staff", "id": to_global_id("Staff", panyu.staff[0].id)},
                    {"__typename": "Window", "id": to_global_id("Window", panyu.windows[0].id)},
                    {"__typename": "Department", "id": to_global_id("Department", panyu.departments[0].id)},
                    {"__typename": "ServiceItem", "code": panyu.items[0].code}]
            entities = (await client.data(ENTITIES, {"representations": refs}))["_entities"]
    finally:
        await shandong_runtime.close()
    assert entities[0] is None and entities[1]["name"] == jiedong.hall.name
    assert entities[2:] == [None, None, None, None]


@pytest.mark.parametrize("type_name", ["Hall", "Staff", "Case"])
async def test_entities_cost_the_same_statements_for_1_or_20(gql, db, runtime, count_statements, type_name):
    graphs = [await make_hall(db, windows=1, staff_per_window=1, items=1) for _ in range(20)]
    cases = [await make_case(db, graph) for graph in graphs]
    integrator = await make_user(db, runtime, roles=((Role.PROVINCIAL_INTEGRATOR.value, "province:44"),))

    def representation(index: int) -> dict:
        if type_name == "Case":
            return {"__typename": "Case", "serialNumber": cases[index].serial_number}
        row = graphs[index].hall if type_name == "Hall" else graphs[index].staff[0]
        return {"__typename": type_name, "id": to_global_id(type_name, row.id)}

    async def statements_for(count: int) -> int:
        count_statements.reset()
        entities = (await gql.data(ENTITIES, {"representations": [representation(i) for i in range(count)]},
                                   headers=integrator["headers"]))["_entities"]
        assert len(entities) == count and all(entities), entities
        return count_statements.count

    one, twenty = await statements_for(1), await statements_for(20)
    assert one == twenty, count_statements.statements


async def _production_client(database_url, **changes):
    runtime = Runtime.create(settings_for(database_url, env="production", **changes))
    app = create_app(runtime, check_on_startup=False)
    return runtime, httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://tingwu.test")


async def test_production_refuses_introspection_and_keeps_sdl_for_the_gateway(db, database_url):
    runtime, http = await _production_client(database_url, gateway_key="gateway-key-for-tests")
    try:
        async with http:
            client = GraphQLClient(http)
            introspection = await client.execute("{ __schema { queryType { name } } }")
            assert introspection["errors"] and "introspection" in introspection["errors"][0]["message"].lower()
            anonymous = await client.execute("{ _service { sdl } }")
            assert anonymous["data"] is None or anonymous["data"].get("_service") is None
            assert anonymous["errors"][0]["extensions"]["code"] == "GATEWAY_CREDENTIAL_REQUIRED"
            wrong = await client.execute("{ _service { sdl } }", headers={GATEWAY_KEY_HEADER: "guess"})
            assert wrong["errors"][0]["extensions"]["code"] == "GATEWAY_CREDENTIAL_REQUIRED"
            gateway = await client.data("{ _service { sdl } }", headers={GATEWAY_KEY_HEADER: "gateway-key-for-tests"})
            assert '@key(fields: "id")' in gateway["_service"]["sdl"]
            public = await client.data("{ halls(first: 1) { totalCount } }")
            assert public["halls"]["totalCount"] == 0
    finally:
        await runtime.close()


async def test_production_without_a_gateway_key_gives_the_sdl_to_nobody(db, database_url):
    runtime, http = await _production_client(database_url)
    try:
        async with http:
            refused = await GraphQLClient(http).execute("{ _service { sdl } }", headers={GATEWAY_KEY_HEADER: ""})
            assert refused["errors"][0]["extensions"]["code"] == "GATEWAY_CREDENTIAL_REQUIRED"
    finally:
        await runtime.close()
