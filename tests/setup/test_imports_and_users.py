"""Bad import files change nothing and name every bad row; retiring what is in use is refused; a disabled user's
old token is refused at the next request."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa

from core.staff.models import Staff
from core.items.models import ServiceItem
from tests.factories import make_hall, make_user
from tests.setup.helpers import xlsx

pytestmark = pytest.mark.db

IMPORT = """mutation($i: ImportFileInput!) { importFile(input: $i) { __typename
  ... on ImportFileSuccess { rows created updated unchanged summary }
  ... on ImportRejected { code message problems { line column message } } ... on Error { code message } } }"""


async def upload(gql, headers, *, kind: str, hall_id: str, name: str, data: bytes, lang: str = "zh") -> dict:
    import json

    operations = {"query": IMPORT, "variables": {"i": {"kind": kind, "hallId": hall_id, "file": None}}}
    response = await gql.http.post("/graphql", headers={**headers, "Accept-Language": lang}, data={
        "operations": json.dumps(operations), "map": json.dumps({"0": ["variables.i.file"]})},
        files={"0": (name, data, "application/octet-stream")})
    assert response.status_code == 200, response.text
    body = response.json()
    assert not body.get("errors"), body
    return body["data"]["importFile"]


async def count(db, model, **where) -> int:
    async with db.session() as session:
        stmt = sa.select(sa.func.count()).select_from(model)
        for key, value in where.items():
            stmt = stmt.where(getattr(model, key) == value)
        return (await session.execute(stmt)).scalar_one()


async def test_a_bad_staff_file_changes_nothing_and_names_each_bad_row(gql, db, runtime, tmp_path):
    graph = await make_hall(db, windows=1, staff_per_window=0, items=0)
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))
    department = graph.departments[0].name
    path = xlsx(tmp_path / "bad.xlsx", ["工号", "姓名", "部门", "电话", "窗口", "岗位"], [
        ["S001", "张三", department, "13800000001", "A01", "A"],  # line 2: good
        ["S001", "李四", department, "13800000002", "", ""],  # line 3: duplicate 工号
        ["S003", "王五", "不存在的局", "", "", ""],  # line 4: unknown department
        ["S004", "赵六" * 1_000_000, department, "", "", ""],  # line 5: a 2 MB cell
        ["S005", "=HYPERLINK(\"http://x\",\"钱七\")", department, "", "", ""],  # line 6: a formula
        ["S006", "孙八", department, "", "A01", "C"],  # line 7: no such post
    ])
    hall_id = str(graph.hall.id)
    answer = await upload(gql, admin["headers"], kind="STAFF", hall_id=hall_id, name="bad.xlsx", data=path.read_bytes())
    assert answer["__typename"] == "ImportRejected", answer
    by_line = {p["line"]: p for p in answer["problems"]}
    assert sorted(by_line) == [3, 4, 5, 6, 7]
    assert "重复" in by_line[3]["message"] and by_line[3]["column"] == "工号"
    assert by_line[4]["column"] == "部门" and "不存在的局" in by_line[4]["message"]
    assert by_line[5]["column"] == "姓名" and "过长" in by_line[5]["message"]
    assert by_line[6]["column"] == "姓名" and "公式" in by_line[6]["message"]
    assert await count(db, Staff, hall_id=graph.hall.id) == 0  # line 2 was good, and is not imported either
    english = await upload(gql, admin["headers"], kind="STAFF", hall_id=hall_id, name="bad.xlsx", data=path.read_bytes(), lang="en")
    assert english["problems"][0]["message"].startswith("line 3, column 工号: repeats line 2")

    good = xlsx(tmp_path / "good.xlsx", ["工号", "姓名", "部门", "电话", "窗口", "岗位"],
                [["S001", "张三", department, "13800000001", "A01", "A"], ["S002", "李四", department, "", "A01", "B"]])
    first = await upload(gql, admin["headers"], kind="STAFF", hall_id=hall_id, name="good.xlsx", data=good.read_bytes())
    assert (first["__typename"], first["created"]) == ("ImportFileSuccess", 2), first
    again = await upload(gql, admin["headers"], kind="STAFF", hall_id=hall_id, name="good.xlsx", data=good.read_bytes())
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)

    stranger = await make_user(db, runtime, roles=(("window_staff", f"hall:{graph.hall.id}"),))
    denied = await upload(gql, stranger["headers"], kind="STAFF", hall_id=hall_id, name="good.xlsx", data=good.read_bytes())
    assert denied["__typename"] == "PermissionDenied"


async def test_a_bad_catalogue_row_names_the_negative_time_limit(gql, db, runtime):
    graph = await make_hall(db, windows=0, items=0)
    admin = await make_user(db, runtime, roles=(("jurisdiction_admin", "jurisdiction:jiedong"),
                                                ("hall_admin", f"hall:{graph.hall.id}")))
    department = graph.departments[0].name
    csv = ("事项编码,实施编码,事项名称,事项类型,实施部门,法定办结时限,承诺办结时限\n"
           f"C1,X-1,好事项,行政许可,{department},20,5\n"
           f"C2,X-2,坏时限,行政许可,{department},-1,0\n"
           f"C3,X-3,坏类型,行政征用,{department},20,5\n").encode("utf-8")
    answer = await upload(gql, admin["headers"], kind="CATALOGUE", hall_id=str(graph.hall.id), name="c.csv", data=csv)
    assert answer["__typename"] == "ImportRejected", answer
    assert [(p["line"], p["column"]) for p in answer["problems"]] == [(3, "法定办结时限"), (4, "事项类型")]
    assert "负数" in answer["problems"][0]["message"]
    assert await count(db, ServiceItem) == 0


async def test_retiring_a_window_in_use_names_who_uses_it_and_changes_nothing(gql, db, runtime):
    graph = await make_hall(db, windows=1, staff_per_window=2, items=1)
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))
    retire = """mutation($i: RetireWindowInput!) { retireWindow(input: $i) { __typename
      ... on InUseError { code usedBy message } ... on WindowSetupSuccess { window { status } } } }"""
    answer = (await gql.data(retire, {"i": {"windowId": str(graph.windows[0].id)}}, headers=admin["headers"]))["retireWindow"]
    assert answer["__typename"] == "InUseError" and len(answer["usedBy"]) == 2, answer
    assert "A岗" in answer["usedBy"][0]
    unstation = """mutation($i: UnstationDepartmentInput!) { unstationDepartment(input: $i) { __typename
      ... on InUseError { usedBy } } }"""
    refused = (await gql.data(unstation, {"i": {"hallId": str(graph.hall.id), "departmentId": str(graph.departments[0].id)}},
                              headers=admin["headers"]))["unstationDepartment"]
    assert refused["__typename"] == "InUseError" and any("窗口" in u for u in refused["usedBy"]), refused


async def test_disabling_a_user_refuses_their_next_request_with_a_token_issued_before(gql, db, runtime):
    import asyncio

    from core.auth import service as auth_service
    from core.auth.authorizer import RELOAD_INTERVAL

    graph = await make_hall(db, windows=0, items=0)
    alice = await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))
    me = "{ me { username } }"
    assert (await gql.data(me, headers=alice["headers"]))["me"]["username"] == alice["user"].username
    async with db.transaction() as session:  # what `tingwu users disable` and disableUser do
        user = await auth_service.get_user(session, username=alice["user"].username)
        assert await auth_service.set_active(session, user=user, active=False) == 1
    # Another process disabled her (the CLI): a worker sees the policy version move within RELOAD_INTERVAL.
    await asyncio.sleep(RELOAD_INTERVAL + 0.05)
    body = await gql.execute(me, headers=alice["headers"])
    assert body["data"]["me"] is None  # the old token names nobody any more
    update = """mutation($i: UpdateHallInput!) { updateHall(input: $i) { __typename } }"""
    denied = await gql.data(update, {"i": {"hallId": str(graph.hall.id), "phone": "0663-1234567"}}, headers=alice["headers"])
    assert denied["updateHall"]["__typename"] == "AuthenticationRequired"


async def test_hall_admins_disable_their_hall_users_through_graphql_and_no_one_else(gql, db, runtime):
    graph = await make_hall(db, windows=0, items=0)
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))
    clerk = await make_user(db, runtime, roles=(("window_staff", f"hall:{graph.hall.id}"),))
    boss = await make_user(db, runtime, roles=(("platform_admin", "platform"),))
    listed = await gql.data("{ users { username active } }", headers=admin["headers"])
    assert {u["username"] for u in listed["users"]} == {admin["user"].username, clerk["user"].username}
    disable = """mutation($i: SetUserActiveInput!) { disableUser(input: $i) { __typename
      ... on SetUserActiveSuccess { tokensRevoked user { active } } ... on Error { code } } }"""
    refused = (await gql.data(disable, {"i": {"userId": str(boss["user"].id)}}, headers=admin["headers"]))["disableUser"]
    assert refused["__typename"] == "PermissionDenied"
    done = (await gql.data(disable, {"i": {"userId": str(clerk["user"].id)}}, headers=admin["headers"]))["disableUser"]
    assert done == {"__typename": "SetUserActiveSuccess", "tokensRevoked": 1, "user": {"active": False}}
    assert (await gql.data("{ me { username } }", headers=clerk["headers"]))["me"] is None  # at once, in this worker
    everyone = await gql.data("{ users { username active } }", headers=boss["headers"])
    assert {u["username"]: u["active"] for u in everyone["users"]}[clerk["user"].username] is False


async def test_windows_import_creates_updates_and_then_changes_nothing(gql, db, runtime):
    graph = await make_hall(db, windows=0, staff_per_window=0, items=2)
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))
    department = graph.departments[0].short_name
    codes = "；".join(item.code for item in graph.items)
    good = ("窗口号,窗口名称,窗口类型,部门,办理事项\n"
            f"1,综合受理,综合办事窗口,,\n2,专窗,专业窗口,{department},{codes}\n3,咨询,consultation,,\n").encode()
    first = await upload(gql, admin["headers"], kind="WINDOWS", hall_id=str(graph.hall.id), name="w.csv", data=good)
    assert (first["__typename"], first["created"]) == ("ImportFileSuccess", 3), first
    again = await upload(gql, admin["headers"], kind="WINDOWS", hall_id=str(graph.hall.id), name="w.csv", data=good)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 3)
    renamed = await upload(gql, admin["headers"], kind="WINDOWS", hall_id=str(graph.hall.id), name="w.csv",
                           data=good.replace("综合受理".encode(), "综合受理一".encode()))
    assert (renamed["updated"], renamed["unchanged"]) == (1, 2)
    bad = ("窗口号,窗口名称,窗口类型,部门,办理事项\n"
           "4,专窗二,专业窗口,,\n5,x,柜台,,\n6,y,综合办事窗口,,NOPE-1\n").encode()
    refused = await upload(gql, admin["headers"], kind="WINDOWS", hall_id=str(graph.hall.id), name="w.csv", data=bad)
    assert [(p["line"], p["column"]) for p in refused["problems"]] == [(2, "部门"), (3, "窗口类型"), (4, "办理事项")]
    windows = await gql.data("query($h: ID!) { hall(id: $h) { windows { number name } } }", {"h": str(graph.hall.id)})
    assert sorted(w["number"] for w in windows["hall"]["windows"]) == ["1", "2", "3"]


async def test_a_free_window_retires_leaves_the_hall_list_and_cannot_serve_again(gql, db, runtime):
    graph = await make_hall(db, windows=2, staff_per_window=0, items=0)
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))
    retire = """mutation($i: RetireWindowInput!) { retireWindow(input: $i) { __typename
      ... on WindowSetupSuccess { window { number status } } } }"""
    done = (await gql.data(retire, {"i": {"windowId": str(graph.windows[0].id)}}, headers=admin["headers"]))["retireWindow"]
    assert done == {"__typename": "WindowSetupSuccess", "window": {"number": "A01", "status": "SUSPENDED"}}
    listed = await gql.data("query($h: ID!) { hall(id: $h) { windows { number } } }", {"h": str(graph.hall.id)})
    assert [w["number"] for w in listed["hall"]["windows"]] == ["A02"]
    reopen = """mutation($i: WindowStatusInput!) { setWindowStatus(input: $i) { __typename ... on Error { code } } }"""
    refused = (await gql.data(reopen, {"i": {"windowId": str(graph.windows[0].id), "status": "SERVING"}},
                              headers=admin["headers"]))["setWindowStatus"]
    assert refused["code"] == "WINDOW_RETIRED"
    renumber = """mutation($i: UpdateWindowInput!) { updateWindow(input: $i) { __typename ... on Error { code }
      ... on WindowSetupSuccess { window { number } } } }"""
    taken = (await gql.data(renumber, {"i": {"windowId": str(graph.windows[1].id), "number": "A01"}},
                            headers=admin["headers"]))["updateWindow"]
    assert taken["code"] == "WINDOW_NUMBER_TAKEN"  # a retired window keeps its number (its history names it)
    moved = (await gql.data(renumber, {"i": {"windowId": str(graph.windows[1].id), "number": "B01"}},
                            headers=admin["headers"]))["updateWindow"]
    assert moved == {"__typename": "WindowSetupSuccess", "window": {"number": "B01"}}


async def test_uploads_need_a_bearer_token_so_no_cookie_or_form_can_forge_one(gql, db):
    import json

    operations = {"query": IMPORT, "variables": {"i": {"kind": "STAFF", "hallId": "x", "file": None}}}
    form = {"operations": json.dumps(operations), "map": json.dumps({"0": ["variables.i.file"]})}
    anonymous = await gql.http.post("/graphql", data=form, files={"0": ("s.csv", b"a,b\n", "text/csv")})
    assert anonymous.status_code == 401
    cookie = await gql.http.post("/graphql", data=form, files={"0": ("s.csv", b"a,b\n", "text/csv")},
                                 headers={"Cookie": "session=1"})
    assert cookie.status_code == 401
