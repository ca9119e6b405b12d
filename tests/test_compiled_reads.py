"""Compiled reads (core/graphql/compiler) against the resolvers: the same JSON, one statement per root field.

Property-based: hypothesis draws selections over the compilable types (Hall, Window, WindowStaff,
Staff, ServiceItem, the halls connection), arguments (page sizes, filters, cursors), aliases,
fragments, variables and @include/@skip; each document is answered by the compiled path and by the
resolvers for an anonymous caller, a hall admin, a department user and a provincial integrator, on
both backends, and the answers must be equal. The number of examples is bounded (the suite's time).
"""

from __future__ import annotations

import logging

import httpx
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from core.auth.roles import department_domain, hall_domain, province_domain
from core.graphql.compiler.compile import plan
from core.graphql.compiler.extension import STATEMENTS
from core.graphql.relay import to_global_id
from tests.factories import make_hall, make_user

pytestmark = pytest.mark.db

HALL_SCALARS = ["id", "name", "nameEnFull", "nameEnShort", "level", "levelLabel", "kind", "place", "address",
                "jurisdictionCode", "__typename"]
WINDOW_SCALARS = ["id", "number", "name", "type", "typeLabel", "status", "statusLabel", "__typename"]
STAFF_SCALARS = ["id", "staffNumber", "name", "position", "status", "statusLabel", "onDutySince", "__typename"]
ITEM_SCALARS = ["id", "code", "catalogCode", "name", "type", "typeLabel", "legalLimitDays", "promisedLimitDays",
                "feeBasis", "legalBasis", "jurisdictionCode", "toleranceAcceptanceAllowed", "__typename"]


@pytest.fixture
async def world(db, runtime):
    """Three jiedong halls and one panyu hall of different sizes, and the four callers."""
    halls = [await make_hall(db, windows=3, staff_per_window=2, items=3, name="甲_中心%"),
             await make_hall(db, windows=1, staff_per_window=1, items=0, level="town", place="锡场镇"),
             await make_hall(db, windows=0, items=1, name="乙'中心/"),
             await make_hall(db, jurisdiction="panyu", windows=2, staff_per_window=2, items=1, place="番禺区")]
    first = halls[0]
    callers = {
        "anonymous": {},
        "hall admin": (await make_user(db, runtime, roles=(("hall_admin", hall_domain(first.hall.id)),)))["headers"],
        "department user": (await make_user(db, runtime, roles=(
            ("chief_representative", department_domain(first.departments[0].id)),)))["headers"],
        "provincial integrator": (await make_user(db, runtime, roles=(
            ("provincial_integrator", province_domain("广东省")),)))["headers"],
    }
    return {"halls": halls, "callers": callers}


@pytest.fixture
async def two_paths(runtime, db):
    """Two clients on one database: compiled reads on, and the resolvers only."""
    from core.app import create_app

    clients = []
    for compiled in (True, False):
        transport = httpx.ASGITransport(app=create_app(runtime, check_on_startup=False, compiled_reads=compiled))
        clients.append(httpx.AsyncClient(transport=transport, base_url="http://tingwu.test"))
    yield clients
    for client in clients:
        await client.aclose()


async def both(two_paths, query, variables=None, headers=None, *, expect_compiled=False):
    answers = []
    failures = []
    handler = logging.Handler()
    handler.emit = failures.append
    logging.getLogger("core.graphql.compiler.extension").addHandler(handler)
    for client in two_paths:
        response = await client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers or {})
        assert response.status_code == 200, response.text
        answers.append(response.json())
    logging.getLogger("core.graphql.compiler.extension").removeHandler(handler)
    assert not failures, [f.getMessage() for f in failures]
    if expect_compiled:
        planned = [statements for key, statements in STATEMENTS.entries.items() if key[0] == query]
        assert planned and any(sql is not None for sql in planned[-1].values()), f"not compiled: {query}"
    return answers


def _alias(draw, name):
    return f"{draw(st.sampled_from(['a', 'b', 'x']))}_{name.lstrip('_')}: {name}" if draw(st.booleans()) else name


def _scalars(draw, names):
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=5))
    return " ".join(_alias(draw, n) if draw(st.booleans()) else n for n in chosen)


@st.composite
def hall_selection(draw):
    parts = [_scalars(draw, HALL_SCALARS)]
    if draw(st.booleans()):
        staff = ""
        if draw(st.booleans()):
            staff = f" staff {{ role roleLabel staff {{ {_scalars(draw, STAFF_SCALARS)} }} }}"
        parts.append(f"{_alias(draw, 'windows')} {{ {_scalars(draw, WINDOW_SCALARS)}{staff} }}")
    if draw(st.booleans()):
        parts.append(f"serviceItems {{ {_scalars(draw, ITEM_SCALARS)} }}")
    if draw(st.booleans()):
        parts.append("... on Node { id }")
    if draw(st.booleans()):
        parts.append("windows @include(if: $flag) { number }")
    if draw(st.booleans()):
        parts.append("levelLabel @skip(if: $flag)")
    return " ".join(draw(st.permutations(parts)))


@st.composite
def documents(draw):
    """(document, variables): the halls connection, or one hall by id, through a fragment or not."""
    selection = draw(hall_selection())
    use_fragment = draw(st.booleans())
    body = "...H" if use_fragment else selection
    fragment = f"\nfragment H on Hall {{ {selection} }}" if use_fragment else ""
    variables = {"flag": draw(st.booleans())}
    declared = ["$flag: Boolean!"] if "$flag" in selection else []
    if draw(st.booleans()):
        args = [f"first: {draw(st.integers(0, 4))}"] if draw(st.booleans()) else []
        if draw(st.booleans()):
            args.append(f"level: {draw(st.sampled_from(['COUNTY', 'TOWN']))}")
        if draw(st.booleans()):
            variables["search"] = draw(st.sampled_from(["中心", "%", "_", "'", "/", "测试", "无"]))
            declared.append("$search: String")
            args.append("search: $search")
        if draw(st.booleans()):
            args.append(f'jurisdiction: "{draw(st.sampled_from(["jiedong", "panyu", "nowhere"]))}"')
        page = draw(st.sampled_from(["totalCount", "pageInfo { hasNextPage hasPreviousPage startCursor endCursor }",
                                     "edges { cursor }", "__typename"]))
        field = _alias(draw, "halls") + (f"({', '.join(args)})" if args else "")
        signature = f"({', '.join(declared)})" if declared else ""
        query = (f"query Q{signature} {{ {field} {{ {page} "
                 f"edges {{ node {{ {body} }} }} }} }}{fragment}")
        return query, variables, None
    query = f"query Q({', '.join(declared + ['$id: ID!'])}) {{ hall(id: $id) {{ {body} }} }}{fragment}"
    return query, variables, draw(st.integers(0, 3))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=documents(), caller=st.sampled_from(["anonymous", "hall admin", "department user", "provincial integrator"]))
async def test_compiled_and_resolver_answers_are_equal(world, two_paths, drawn, caller):
    query, variables, hall_index = drawn
    if hall_index is not None:
        variables = {**variables, "id": to_global_id("Hall", world["halls"][hall_index].hall.id)}
    compiled, resolved = await both(two_paths, query, variables, world["callers"][caller], expect_compiled=True)
    assert compiled == resolved, query


@pytest.mark.parametrize("caller", ["anonymous", "hall admin", "department user", "provincial integrator"])
async def test_pages_through_every_hall_alike(world, two_paths, caller):
    """Keyset pagination: every page, cursors included, equal on both paths."""
    query = ("query($after: String) { halls(first: 1, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage "
             "startCursor endCursor } edges { cursor node { id name windows { number staff { role staff { name } } } } } } }")
    after, pages = None, 0
    while True:
        compiled, resolved = await both(two_paths, query, {"after": after}, world["callers"][caller], expect_compiled=True)
        assert compiled == resolved
        info = compiled["data"]["halls"]["pageInfo"]
        pages += 1
        if not info["hasNextPage"]:
            break
        after = info["endCursor"]
    assert pages == 4  # both enabled jurisdictions' halls
    # Statements are cached by shape, not by values: the first page and the pages after a cursor.
    statements = [st for key, st in STATEMENTS.entries.items() if key[0] == query][-1]
    assert len(statements) == 2


async def test_an_empty_after_cursor_is_a_previous_page_as_on_the_resolvers(world, two_paths):
    query = 'query($after: String) { halls(first: 2, after: $after) { pageInfo { hasPreviousPage } edges { node { name } } } }'
    for after in ("", None):
        compiled, resolved = await both(two_paths, query, {"after": after})
        assert compiled == resolved


async def test_mixed_document_compiles_what_it_can(world, two_paths, count_statements):
    """A compilable root field beside a resolver-only one (and a non-compilable hall field) in one document."""
    hall_id = to_global_id("Hall", world["halls"][0].hall.id)
    query = """query($id: ID!) { first: halls(first: 2) { edges { node { name } } }
      hall(id: $id) { name serviceHours(date: "2026-12-07") { open } } jurisdictions { code }
      again: hall(id: $id) { levelLabel windows { number } } }"""
    compiled, resolved = await both(two_paths, query, {"id": hall_id})
    assert compiled == resolved and not compiled.get("errors")
    assert list(compiled["data"]) == ["first", "hall", "jurisdictions", "again"]


async def test_errors_are_the_resolvers(world, two_paths):
    for query in ('{ halls(first: 101) { totalCount } }', '{ halls(after: "bad") { totalCount } }',
                  '{ hall(id: "not-an-id") { name } }'):
        for lang in ("zh", "en"):
            compiled, resolved = await both(two_paths, query, headers={"Accept-Language": lang})
            assert compiled == resolved and compiled["errors"]


@pytest.mark.parametrize("size", [1, 3])
async def test_one_statement_per_compiled_root_field_whatever_the_page_size(db, gql, count_statements, size):
    for _ in range(size):
        await make_hall(db, windows=size, staff_per_window=2, items=size)
    query = ("{ halls(first: 100) { totalCount edges { cursor node { id name levelLabel windows { number typeLabel "
             "staff { role staff { name staffNumber } } } serviceItems { code name } } } pageInfo { endCursor } } }")
    count_statements.reset()
    data = await gql.data(query)
    assert data["halls"]["totalCount"] == size
    assert count_statements.count == 1, count_statements.statements
    count_statements.reset()
    await gql.data(query + "\n")  # a second document: planned again, still one statement
    assert count_statements.count == 1


def test_fields_outside_the_declarations_are_not_compiled():
    from graphql import parse

    from core.graphql.schema import schema

    class Scope:
        class plugins:
            enabled_codes = frozenset({"jiedong"})

    document = parse('{ a: halls { edges { node { createdAt } } } b: halls { edges { node { phone } } } '
                     'c: halls { edges { node { windows { responsible { basis } } } } } d: halls { totalCount } }')
    plans = plan(schema._schema, document.definitions[0], {}, {}, Scope, "sqlite")
    assert [p.key for p in plans] == ["d"]


async def test_limits_apply_to_compiled_reads(world, two_paths):
    """Depth, alias and token limits reject a compilable document exactly as before (the validation cache included)."""
    deep = "{ halls { edges { node { windows { staff { staff { __typename " + "... on Node { id } " * 1 + "} } } } } } }"
    aliases = "{ " + " ".join(f"h{i}: halls {{ totalCount }}" for i in range(31)) + " }"
    too_deep = "{ halls { edges { node { " + "windows { staff { staff { hall { " * 3 + "name" + " } } } }" * 3 + " } } } }"
    for query in (aliases, too_deep, aliases):
        compiled, resolved = await both(two_paths, query)
        assert compiled == resolved and compiled["errors"] and compiled.get("data") is None
    compiled, resolved = await both(two_paths, deep)
    assert compiled == resolved and not compiled.get("errors")


def _printed_queries() -> list[tuple[str, str]]:
    """Every query operation in a ```graphql block of README.md and docs/ (mutations and subscriptions left out)."""
    import re
    from pathlib import Path

    from graphql import GraphQLSyntaxError, OperationDefinitionNode, OperationType, parse, print_ast
    from graphql.language import DocumentNode

    root = Path(__file__).resolve().parents[1]
    found = []
    for path in [root / "README.md", *sorted((root / "docs").glob("*.md"))]:
        for block in re.findall(r"```graphql\n(.*?)```", path.read_text("utf-8"), re.S):
            try:
                document = parse(block)
            except GraphQLSyntaxError:
                # A block may show several documents one after the other: try them one by one.
                parts = [p for p in re.split(r"\n(?=(?:query|\{))", block) if p.strip() and not p.lstrip().startswith("#")]
                documents = []
                for part in parts:
                    try:
                        documents.append(parse(part))
                    except GraphQLSyntaxError:
                        continue
            else:
                documents = [document]
            for document in documents:
                fragments = [d for d in document.definitions if not isinstance(d, OperationDefinitionNode)]
                for op in document.definitions:
                    if isinstance(op, OperationDefinitionNode) and op.operation == OperationType.QUERY:
                        found.append((path.name, print_ast(DocumentNode(definitions=(op, *fragments)))))
    return found


PRINTED = _printed_queries()


async def test_every_query_printed_in_the_docs_answers_alike(world, two_paths):
    assert PRINTED, "no query found in README.md or docs/"
    hall_id = to_global_id("Hall", world["halls"][0].hall.id)
    for source, query in PRINTED:
        for caller in ("anonymous", "hall admin"):
            compiled, resolved = await both(two_paths, query, {"id": hall_id, "hall": hall_id, "first": 2},
                                            world["callers"][caller])
            assert compiled == resolved, (source, query)
