"""Must show: from an empty migrated database, only through GraphQL and the CLI imports, a Jiedong hall with
4 departments, 8 windows of 3 types, 40 items and 16 staff (XLSX); then a ticket is taken and called at a new window."""

from __future__ import annotations

import pytest

from core.db import migrations
from tests.setup.helpers import SAMPLES, gql, graphql_on, run_cli, xlsx

pytestmark = pytest.mark.db

DEPARTMENTS = [
    ("揭阳市揭东区市场监督管理局", "市场监管局", "11445203MB2D4567X0"),
    ("揭阳市揭东区公安局", "公安局", None),
    ("揭阳市揭东区人力资源和社会保障局", "人社局", None),
    ("揭阳市揭东区自然资源局", "自然资源局", None),
]
CREATE_HALL = """mutation($i: CreateHallInput!) { createHall(input: $i) { __typename
  ... on CreateHallSuccess { hall { id name } } ... on Error { code message } } }"""
CREATE_DEPARTMENT = """mutation($i: CreateDepartmentInput!) { createDepartment(input: $i) { __typename
  ... on CreateDepartmentSuccess { department { id name shortName creditCode parentBody } } ... on Error { code message } } }"""
STATION = """mutation($i: StationDepartmentInput!) { stationDepartment(input: $i) { __typename
  ... on StationDepartmentSuccess { stationed { stationedOn department { name } } } ... on Error { code message } } }"""
CREATE_WINDOW = """mutation($i: CreateWindowInput!) { createWindow(input: $i) { __typename
  ... on WindowSetupSuccess { window { id number type } } ... on Error { code message } } }"""
TAKE = """mutation($i: TakeTicketInput!) { takeTicket(input: $i) { __typename
  ... on TakeTicketSuccess { ticket { id number } } ... on Error { code message } } }"""
CALL = """mutation($i: CallNextTicketInput!) { callNextTicket(input: $i) { __typename
  ... on CallNextTicketSuccess { ticket { number status } } ... on Error { code message } } }"""


def credit_code(body: str) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    total = sum(alphabet.index(c) * w for c, w in zip(body, weights))
    return body + alphabet[(31 - total % 31) % 31]


async def test_a_county_sets_up_its_own_hall_and_serves_the_first_applicant(backend, fresh_database_url, tmp_path,
                                                                           hall_hours_clock):
    url = fresh_database_url(backend)
    migrations.upgrade(url)
    assert (await run_cli(["users", "add", "setup", "--name", "揭东区政数局", "--role", "platform_admin@platform"], url)).exit_code == 0
    issued = await run_cli(["token", "issue", "--user", "setup", "--ttl", "1h"], url)
    assert issued.exit_code == 0, issued.output
    token = issued.output.strip()

    async with graphql_on(url) as http:
        made = await gql(http, CREATE_HALL, {"i": {"jurisdiction": "jiedong", "level": "COUNTY", "place": "揭东"}}, token)
        assert made["createHall"]["__typename"] == "CreateHallSuccess", made
        hall_id = made["createHall"]["hall"]["id"]
        granted = await run_cli(["users", "grant", "setup", f"hall_admin@{hall_id}"], url)  # a global ID is accepted
        assert granted.exit_code == 0 and "已授予" in granted.output, granted.output
        departments = {}
        for name, short, _ in DEPARTMENTS:
            code = credit_code("11445203" + "MB2D4567X"[:1] + f"{len(departments):08d}")
            result = (await gql(http, CREATE_DEPARTMENT, {"i": {"jurisdiction": "jiedong", "name": name, "shortName": short,
                                                                "creditCode": code, "parentBody": "揭阳市揭东区人民政府"}},
                                token))["createDepartment"]
            assert result["__typename"] == "CreateDepartmentSuccess", result
            departments[short] = result["department"]["id"]
            stationed = (await gql(http, STATION, {"i": {"hallId": hall_id, "departmentId": departments[short]}}, token))["stationDepartment"]
            assert stationed["__typename"] == "StationDepartmentSuccess", stationed

        catalogue = await run_cli(["import", "catalogue", str(SAMPLES / "catalogue_sample.csv"), "--hall", hall_id], url)
        assert catalogue.exit_code == 0, catalogue.output
        assert "新增 40" in catalogue.output
        again = await run_cli(["import", "catalogue", str(SAMPLES / "catalogue_sample.csv"), "--hall", hall_id], url)
        assert "新增 0，更新 0，无变化 40" in again.output, again.output  # importing the same file changes nothing

        plan = [("1", "综合受理一", "COMPREHENSIVE", None), ("2", "综合受理二", "COMPREHENSIVE", None),
                ("3", "综合受理三", "COMPREHENSIVE", None), ("4", "市场监管专窗", "SPECIALIZED", "市场监管局"),
                ("5", "公安专窗", "SPECIALIZED", "公安局"), ("6", "人社专窗", "SPECIALIZED", "人社局"),
                ("7", "不动产专窗", "SPECIALIZED", "自然资源局"), ("8", "综合出证", "CERTIFICATE", None)]
        windows = {}
        for number, name, kind, department in plan:
            made = (await gql(http, CREATE_WINDOW, {"i": {"hallId": hall_id, "number": number, "name": name, "type": kind,
                                                          "departmentId": departments.get(department)}}, token))["createWindow"]
            assert made["__typename"] == "WindowSetupSuccess", made
            windows[number] = made["window"]["id"]
        assert len({kind for _, _, kind, _ in plan}) == 3

        shorts = list(departments)
        rows = [[f"JD{i + 1:03d}", f"工作人员{i + 1}", shorts[i % 4], "科员", f"1380000{i + 1:04d}",
                 str(4 + i % 4) if i < 8 else str(1 + i % 3), "A" if i < 4 or 8 <= i < 11 else "B"] for i in range(16)]
        staff_file = xlsx(tmp_path / "staff.xlsx", ["工号", "姓名", "部门", "职级", "电话", "窗口", "岗位"], rows)
        staff = await run_cli(["import", "staff", str(staff_file), "--hall", hall_id], url)
        assert staff.exit_code == 0, staff.output
        assert "新增 16" in staff.output
        again = await run_cli(["import", "staff", str(staff_file), "--hall", hall_id], url)
        assert again.exit_code == 0 and "新增 0" in again.output and "无变化 16" in again.output, again.output

        counts = await gql(http, """query($h: ID!) { hall(id: $h) { windows { number type } } }""", {"h": hall_id}, token)
        assert len(counts["hall"]["windows"]) == 8

        taken = (await gql(http, TAKE, {"i": {"hallId": hall_id, "itemCode": "1144520300730200100000"[:21]}}))["takeTicket"]
        assert taken["__typename"] == "TakeTicketSuccess", taken
        called = (await gql(http, CALL, {"i": {"windowId": windows["5"]}}, token))["callNextTicket"]
        assert called["__typename"] == "CallNextTicketSuccess", called
        assert called["ticket"]["number"] == taken["ticket"]["number"]
