"""服务质量通报 (RULEBOOK §14): every figure per hall, window, department and staff, counted in SQL;
the same bulletin as CSV and XLSX over HTTP with the query's authorization."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date, datetime, timedelta, timezone

import pytest
from openpyxl import load_workbook

from core.cases.models import CorrectionNotice
from core.complaints.models import Complaint
from core.departments.models import Department, HallDepartment
from core.graphql.relay import to_global_id
from core.items.models import HallItem, ServiceItem
from core.ratings.models import Rating
from core.staff.models import Staff
from core.timezones import SHANGHAI
from core.windows.models import Window, WindowAssignment
from tests.factories import add_case, make_hall, make_user

pytestmark = pytest.mark.db

BULLETIN = """query($h: ID!, $by: BulletinScope!, $dept: ID) {
  serviceBulletin(hallId: $h, from: "2026-11-01", to: "2026-11-30", groupBy: $by, departmentId: $dept) {
    from to groupBy ratingRateTarget cadence jurisdictionScopes
    metrics { code title counted } rules { id }
    hall { name }
    rows { subjectKind subjectId subjectName peopleServed cases completedCases overdueCases correctedCases
           correctionRate ratings praise complaints ratedCases
           satisfaction { value numerator denominator }
           ratingRate { value target meetsTarget } }
  }
}"""


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI).astimezone(timezone.utc)


def figures(row) -> dict:
    keys = ("cases", "peopleServed", "completedCases", "overdueCases", "correctedCases", "ratings", "praise",
            "complaints", "ratedCases")
    return {key: row[key] for key in keys}


@pytest.fixture
async def hall(db, runtime):
    """Panyu hall: department D (windows A01, A02; staff 0-3) and department E (window B01; staff 4)."""
    graph = await make_hall(db, jurisdiction="panyu", place="番禺区")
    async with db.transaction() as session:
        other = Department(jurisdiction_code="panyu", name=f"番禺区测试局{uuid.uuid4().hex[:4]}", short_name="测试二局")
        session.add(other)
        await session.flush()
        session.add(HallDepartment(hall_id=graph.hall.id, department_id=other.id))
        window = Window(hall_id=graph.hall.id, department_id=other.id, number="B01", name="专业窗口", type="specialized")
        member = Staff(hall_id=graph.hall.id, department_id=other.id, staff_number=f"E{uuid.uuid4().hex[:5]}",
                       name="邓雅婷", rank="科员")
        item = ServiceItem(jurisdiction_code="panyu", department_id=other.id, code=f"E-{uuid.uuid4().hex[:6]}",
                           catalog_code="E-1", name="测试事项E", type="licensing", promised_limit_days=5)
        session.add_all([window, member, item])
        await session.flush()
        session.add_all([WindowAssignment(window_id=window.id, staff_id=member.id, role="A"),
                         HallItem(hall_id=graph.hall.id, item_id=item.id)])
    graph.departments.append(other)
    graph.windows.append(window)
    graph.staff.append(member)
    graph.items.append(item)
    s, w = graph.staff, graph.windows
    d = lambda day: date(2026, 11, day)  # noqa: E731
    c1 = await add_case(db, graph, staff=s[0], window=w[0], applicant="张三", applicant_id_number="440113199001010011",
                        accepted_at=local("2026-11-02T09:00"), completed_at=local("2026-11-02T09:20"), deadline_on=d(2))
    c2 = await add_case(db, graph, staff=s[0], window=w[0], item=graph.items[1], category="promised", applicant="张三",
                        applicant_id_number="440113199001010011", accepted_at=local("2026-11-02T10:00"),
                        completed_at=local("2026-11-10T15:00"), deadline_on=d(6))  # late
    c3 = await add_case(db, graph, staff=s[2], window=w[1], category="supplement", status="awaiting_materials",
                        applicant="孙七", applicant_id_number=None, accepted_at=local("2026-11-03T09:00"))
    await add_case(db, graph, staff=s[2], window=w[1], category="promised", status="accepted", applicant="李四",
                   applicant_id_number="440113199001010022", accepted_at=local("2026-11-03T11:00"),
                   deadline_on=d(5))  # open past its deadline
    c5 = await add_case(db, graph, staff=s[0], online=True, applicant="王五", applicant_id_number="440113199001010033",
                        accepted_at=local("2026-11-04T20:00"), completed_at=local("2026-11-05T09:00"))
    c6 = await add_case(db, graph, staff=s[4], window=w[2], item=graph.items[2], category="promised", applicant="赵六",
                        applicant_id_number="440113199001010044", accepted_at=local("2026-11-05T09:00"),
                        completed_at=local("2026-11-05T16:00"), deadline_on=d(12))
    await add_case(db, graph, staff=s[2], window=w[1], category="returned", status="returned", applicant="钱八",
                   applicant_id_number="440113199001010055", accepted_at=local("2026-11-06T09:00"), deadline_on=d(6))
    await add_case(db, graph, staff=s[0], window=w[0], applicant="周九", accepted_at=local("2026-10-30T09:00"))  # before
    async with db.transaction() as session:
        # The 补办件's notice at acceptance (补办件通知书), its materials still outstanding.
        session.add(CorrectionNotice(case_id=c3.id, purpose="supplement", materials=["身份证"], issued_on=d(3)))
        for case, level, channel, at, defaulted, counts in [
            (c1, "very_satisfied", "device", "2026-11-02T09:21", False, True),
            (c2, "satisfied", "qr_code", "2026-11-10T18:00", False, True),
            (c5, "basically_satisfied", "default", "2026-11-13T00:10", True, True),
            (c6, "dissatisfied", "device", "2026-11-05T16:01", False, False),  # overturned on appeal
        ]:
            session.add(Rating(case_id=case.id, staff_id=case.staff_id, hall_id=graph.hall.id, level=level, score=0,
                               channel=channel, rated_at=local(at), defaulted=defaulted, counts_in_assessment=counts))
        for n, (kind, target, received, accepted) in enumerate([
            ("staff", s[0].id, "2026-11-03T10:00", True),
            ("window", w[1].id, "2026-11-04T10:00", True),
            ("department", graph.departments[1].id, "2026-11-05T10:00", True),
            ("staff", s[4].id, "2026-11-06T10:00", True),
            ("staff", s[0].id, "2026-11-07T10:00", False),  # not accepted: not counted
            ("staff", s[0].id, "2026-10-20T10:00", True),  # before the period
        ]):
            session.add(Complaint(reference=f"B-{uuid.uuid4().hex[:8]}-{n}", hall_id=graph.hall.id, channel="12345",
                                  facts="事实", target_kind=kind, target_id=target, received_at=local(received),
                                  accepted_at=local(received) + timedelta(hours=2) if accepted else None,
                                  status="accepted" if accepted else "rejected"))
    office = await make_user(db, runtime, roles=(("hall_office_leader", f"hall:{graph.hall.id}"),))
    return graph, office


async def bulletin(gql, graph, headers, by="HALL", dept=None):
    result = await gql.execute(BULLETIN, {"h": to_global_id("Hall", graph.hall.id), "by": by,
                                          "dept": to_global_id("Department", dept.id) if dept else None}, headers=headers)
    return result


async def test_the_hall_row(gql, hall):
    graph, office = hall
    data = (await bulletin(gql, graph, office["headers"]))["data"]["serviceBulletin"]
    assert (data["from"], data["to"], data["groupBy"], data["ratingRateTarget"]) == ("2026-11-01", "2026-11-30", "HALL", 0.8)
    assert [r["id"] for r in data["rules"]] == ["panyu.bulletin.service_quality", "guangdong.rating.rate_target"]
    assert all(m["counted"] for m in data["metrics"]) and data["metrics"][0]["title"] == "服务人次"
    [row] = data["rows"]
    assert row["subjectName"] == graph.hall.name and row["subjectId"] == to_global_id("Hall", graph.hall.id)
    # 7 cases in the period; 张三 twice on one day is one person served.
    assert figures(row) == {"cases": 7, "peopleServed": 6, "completedCases": 4, "overdueCases": 2, "correctedCases": 1,
                            "ratings": 3, "praise": 1, "complaints": 4, "ratedCases": 3}
    assert row["correctionRate"] == pytest.approx(1 / 7)
    assert row["satisfaction"] == {"value": 1.0, "numerator": 3, "denominator": 3}  # the overturned one is out
    assert row["ratingRate"] == {"value": 0.75, "target": 0.8, "meetsTarget": False}  # a default is not a rating


async def test_by_window_department_and_staff(gql, hall):
    graph, office = hall
    w, s = graph.windows, graph.staff
    by_window = {r["subjectName"]: r for r in
                 (await bulletin(gql, graph, office["headers"], "WINDOW"))["data"]["serviceBulletin"]["rows"]}
    assert list(by_window) == ["A01 综合窗口1", "A02 综合窗口2", "B01 专业窗口", "网上办件（未经窗口）"]
    assert figures(by_window["A01 综合窗口1"]) == {"cases": 2, "peopleServed": 1, "completedCases": 2, "overdueCases": 1,
                                                   "correctedCases": 0, "ratings": 2, "praise": 1, "complaints": 0,
                                                   "ratedCases": 2}
    assert figures(by_window["A02 综合窗口2"]) == {"cases": 3, "peopleServed": 3, "completedCases": 0, "overdueCases": 1,
                                                   "correctedCases": 1, "ratings": 0, "praise": 0, "complaints": 1,
                                                   "ratedCases": 0}
    assert by_window["A02 综合窗口2"]["ratingRate"]["value"] is None  # nothing completed: no rate
    assert by_window["B01 专业窗口"]["ratings"] == 0 and by_window["B01 专业窗口"]["ratedCases"] == 1
    online = by_window["网上办件（未经窗口）"]
    assert online["subjectId"] is None and (online["cases"], online["ratings"], online["ratedCases"]) == (1, 1, 0)
    assert sum(r["cases"] for r in by_window.values()) == 7

    by_department = {r["subjectId"]: r for r in
                     (await bulletin(gql, graph, office["headers"], "DEPARTMENT"))["data"]["serviceBulletin"]["rows"]}
    first, second = (to_global_id("Department", d.id) for d in graph.departments)
    assert (by_department[first]["cases"], by_department[first]["complaints"]) == (6, 2)  # staff 0 + window A02
    assert (by_department[second]["cases"], by_department[second]["complaints"]) == (1, 2)  # itself + its staff

    by_staff = {r["subjectId"]: r for r in
                (await bulletin(gql, graph, office["headers"], "STAFF"))["data"]["serviceBulletin"]["rows"]}
    assert len(by_staff) == 5
    zero = by_staff[to_global_id("Staff", s[0].id)]
    assert figures(zero) == {"cases": 3, "peopleServed": 2, "completedCases": 3, "overdueCases": 1, "correctedCases": 0,
                             "ratings": 3, "praise": 1, "complaints": 1, "ratedCases": 2}
    assert by_staff[to_global_id("Staff", s[1].id)]["cases"] == 0  # B role: listed, nothing handled


async def test_departments_read_their_own_rows_only(gql, db, runtime, hall):
    graph, _ = hall
    d, e = graph.departments
    chief = await make_user(db, runtime, roles=(("chief_representative", f"dept:{e.id}"),))
    own = (await bulletin(gql, graph, chief["headers"], "STAFF", dept=e))["data"]["serviceBulletin"]["rows"]
    assert [r["subjectId"] for r in own] == [to_global_id("Staff", graph.staff[4].id)]
    assert own[0]["complaints"] == 1
    others = await bulletin(gql, graph, chief["headers"], "STAFF", dept=d)
    assert others["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    whole_hall = await bulletin(gql, graph, chief["headers"], "WINDOW")
    assert whole_hall["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    window_staff = await make_user(db, runtime, roles=(("window_staff", f"hall:{graph.hall.id}"),))
    assert (await bulletin(gql, graph, window_staff["headers"]))["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    assert (await bulletin(gql, graph, {}))["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_statement_count_does_not_grow_with_the_rows(gql, db, hall, count_statements):
    graph, office = hall
    count_statements.reset()
    before = (await bulletin(gql, graph, office["headers"], "STAFF"))["data"]["serviceBulletin"]["rows"]
    few = count_statements.count
    more = await make_hall(db, jurisdiction="panyu", place="番禺区", windows=6, staff_per_window=2)
    async with db.transaction() as session:  # move the new hall's staff into this one, each with a case
        for member in more.staff:
            (await session.get(Staff, member.id)).hall_id = graph.hall.id
    for member in more.staff:
        await add_case(db, graph, staff=member, accepted_at=local("2026-11-09T09:00"))
    count_statements.reset()
    after = (await bulletin(gql, graph, office["headers"], "STAFF"))["data"]["serviceBulletin"]["rows"]
    assert len(after) == len(before) + 12
    assert count_statements.count == few, count_statements.statements


async def test_csv_and_xlsx_exports_with_the_same_authorization(gql, db, runtime, hall):
    graph, office = hall
    http = gql.http
    params = {"hallId": to_global_id("Hall", graph.hall.id), "from": "2026-11-01", "to": "2026-11-30", "groupBy": "window"}
    response = await http.get("/exports/bulletin.csv", params=params, headers=office["headers"])
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:5] == ["对象类型", "对象", "服务人次", "取号服务人次", "办件量"]
    assert rows[1][:5] == ["窗口", "A01 综合窗口1", "1", "0", "2"] and len(rows) == 5
    english = await http.get("/exports/bulletin.csv", params=params, headers={**office["headers"], "Accept-Language": "en"})
    assert english.content.decode("utf-8").lstrip("\ufeff").startswith("Kind,Subject,People served")

    xlsx = await http.get("/exports/bulletin.xlsx", params={**params, "groupBy": "hall"}, headers=office["headers"])
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A1"].value == f"{graph.hall.name}服务质量通报（2026年11月01日至2026年11月30日）"
    header = [cell.value for cell in sheet[3]]
    values = dict(zip(header, [cell.value for cell in sheet[4]]))
    assert (values["办件量"], values["服务人次"], values["评价率"], values["是否达标"]) == (7, 6, 0.75, "否")
    assert sheet.cell(row=4, column=header.index("评价率") + 1).number_format == "0.0%"

    anonymous = await http.get("/exports/bulletin.csv", params=params)
    assert anonymous.status_code == 401 and anonymous.json()["code"] == "UNAUTHENTICATED"
    stranger = await make_user(db, runtime, roles=(("hall_admin", f"hall:{(await make_hall(db)).hall.id}"),))
    denied = await http.get("/exports/bulletin.csv", params=params, headers=stranger["headers"])
    assert denied.status_code == 403 and denied.json()["code"] == "PERMISSION_DENIED"
    bad = await http.get("/exports/bulletin.csv", params={**params, "from": "2026-12-01"}, headers=office["headers"])
    assert bad.status_code == 400 and bad.json()["code"] == "PERIOD_INVALID"
    missing = await http.get("/exports/bulletin.csv", params={**params, "hallId": to_global_id("Hall", uuid.uuid4())},
                             headers=office["headers"])
    assert missing.status_code == 404
    assert (await http.get("/exports/bulletin.pdf", params=params, headers=office["headers"])).status_code == 404
