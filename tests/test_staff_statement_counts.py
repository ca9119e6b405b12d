"""The number of SQL statements per request does not grow with the page size, for every list staff management
adds (nested fields included)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from core.assessment.models import AssessmentPeriod, AssessmentScore
from core.attendance.models import AttendanceRecord
from core.duty.models import DutyAssignment
from core.leave.models import LeaveRequest, LeaveStep
from core.patrols.models import PatrolRecord
from core.staff.models import StaffOnboarding
from core.windows.models import WindowHandover
from tests.factories import make_hall
from tests.staffing import gid, people

pytestmark = pytest.mark.db

UTC = timezone.utc
ROWS = 12


async def seed(db, graph):
    staff, hall_id = graph.staff, graph.hall.id
    base = datetime(2026, 11, 2, 1, tzinfo=UTC)
    async with db.transaction() as session:
        period = AssessmentPeriod(hall_id=hall_id, cadence="quarterly", label="2026Q4", starts_on=date(2026, 10, 1),
                                  ends_on=date(2026, 12, 31))
        session.add(period)
        await session.flush()
        for i in range(ROWS):
            member, other = staff[i % len(staff)], staff[(i + 1) % len(staff)]
            leave = LeaveRequest(staff_id=member.id, hall_id=hall_id, department_id=member.department_id, kind="personal",
                                 handling="approved", starts_at=base + timedelta(days=i), ends_at=base + timedelta(days=i, hours=4),
                                 days=0.5, band="any", substitute_staff_id=other.id, status="pending", current_position=0,
                                 current_role="chief_representative", current_side="department", rule_ids=["default.leave.chain"],
                                 requested_at=base + timedelta(minutes=i))
            session.add(leave)
            await session.flush()
            session.add_all([LeaveStep(leave_request_id=leave.id, position=0, role="chief_representative", side="department",
                                       title="首席代表", action="approve", status="pending"),
                             LeaveStep(leave_request_id=leave.id, position=1, role="hall_office", side="hall",
                                       title="中心管理办公室", action="approve")])
            session.add(AttendanceRecord(staff_id=member.id, hall_id=hall_id, attendance_on=date(2026, 11, 2) + timedelta(days=i // 4),
                                         slot=f"s{i}", slot_title="签到", expected_at=time(8, 30), checked_at=base,
                                         method="device", verdict="late", rule_ids=["default.attendance.judging"]))
            session.add(PatrolRecord(hall_id=hall_id, category="dress", patrolled_at=base + timedelta(hours=i), staff_id=member.id,
                                     window_id=graph.windows[i % len(graph.windows)].id, compliant=False, finding="未佩戴工作牌"))
            session.add(WindowHandover(window_id=graph.windows[i % len(graph.windows)].id, hall_id=hall_id, from_staff_id=member.id,
                                       to_staff_id=other.id, reason="reassigned", starts_at=base + timedelta(hours=i)))
            session.add(DutyAssignment(hall_id=hall_id, duty_on=date(2026, 11, 2) + timedelta(days=i), slot_code="lunch_duty",
                                       title="午间值班", start_time=time(12), end_time=time(13, 20), assignee_staff_id=member.id,
                                       assignee_name=member.name))
            session.add(StaffOnboarding(staff_id=member.id, hall_id=hall_id, department_id=member.department_id,
                                        window_id=graph.windows[0].id, post_role="B", proposed_at=base + timedelta(minutes=i)))
        for rank, member in enumerate(staff, start=1):
            session.add(AssessmentScore(period_id=period.id, staff_id=member.id, hall_id=hall_id, score=100 - rank, rank=rank,
                                        inputs={"metrics": {"late": rank}}, rule_ids=["default.assessment.formula"],
                                        breakdown=[{"metric": "late", "title": "迟到", "count": rank, "points_each": -1,
                                                    "points": -rank, "rule_ids": ["default.assessment.formula"]}]))
    return period


LISTS = {
    "leave requests": ("leaveRequests(hallId: $hall, first: $first)",
                       "kind status staff { name rank } substitute { name } steps { role deciderRoles } currentStep { title }"),
    "attendance records": ("attendanceRecords(hallId: $hall, first: $first)", "slot verdict ruleIds staff { name windows { role } }"),
    "patrols": ("patrolRecords(hallId: $hall, first: $first)", "category finding staff { name } window { number }"),
    "assessment scores": ("assessmentScores(periodId: $period, first: $first)",
                          "score rank breakdown { metric points ruleIds } staff { name department { name } } period { label }"),
    "window handovers": ("windowHandovers(hallId: $hall, first: $first)", "reason fromStaff { name } toStaff { name } window { number }"),
    "duty roster": ("dutyRoster(hallId: $hall, first: $first)", "dutyOn title staff { name }"),
    "onboardings": ("staffOnboardings(hallId: $hall, first: $first)", "status staff { name } window { number }"),
}


@pytest.mark.parametrize("name", LISTS)
async def test_statements_do_not_grow_with_the_page_size(gql, db, runtime, count_statements, name):
    graph = await make_hall(db, jurisdiction="nanbu", place="南部山区", windows=4, staff_per_window=2)
    team = await people(db, runtime, graph, staff_users=0)
    period = await seed(db, graph)
    field, selection = LISTS[name]
    declared = "$period: ID!" if "$period" in field else "$hall: ID!"
    query = (f"query({declared}, $first: Int!) {{ list: {field} {{ totalCount "
             f"edges {{ node {{ {selection} }} }} }} }}")
    variables = {"period": gid("AssessmentPeriod", period)} if "$period" in field else {"hall": gid("Hall", graph.hall)}
    counts = []
    for first in (1, 8):
        count_statements.reset()
        data = await gql.data(query, {**variables, "first": first}, headers=team.headers("hall_admin"))
        assert len(data["list"]["edges"]) == min(first, data["list"]["totalCount"])
        counts.append(count_statements.count)
    assert data["list"]["totalCount"] >= 8
    assert counts[0] == counts[1], count_statements.statements


async def test_who_holds_each_window_costs_the_same_for_one_window_or_many(gql, db, runtime, count_statements):
    graph = await make_hall(db, jurisdiction="jiedong", windows=6, staff_per_window=2)
    await seed(db, graph)
    query = """query($hall: ID!) { hall(id: $hall) { windows { number responsible(at: "2026-11-05T09:00:00") {
      basis staff { name } } } } }"""
    small = await make_hall(db, jurisdiction="jiedong", windows=1, staff_per_window=2)
    count_statements.reset()
    one = await gql.data(query, {"hall": gid("Hall", small.hall)})
    few = count_statements.count
    count_statements.reset()
    six = await gql.data(query, {"hall": gid("Hall", graph.hall)})
    assert len(one["hall"]["windows"]) == 1 and len(six["hall"]["windows"]) == 6
    assert count_statements.count == few, count_statements.statements


@pytest.mark.parametrize("name", LISTS)
async def test_every_list_pages_through_all_its_rows_once(gql, db, runtime, name):
    graph = await make_hall(db, jurisdiction="nanbu", place="南部山区", windows=4, staff_per_window=2)
    team = await people(db, runtime, graph, staff_users=0)
    period = await seed(db, graph)
    field, _ = LISTS[name]
    field = field.replace("first: $first", "first: 5, after: $after")
    declared = "$period: ID!" if "$period" in field else "$hall: ID!"
    query = f"query({declared}, $after: String) {{ list: {field} {{ totalCount pageInfo {{ hasNextPage endCursor }} edges {{ node {{ id }} }} }} }}"
    variables = {"period": gid("AssessmentPeriod", period)} if "$period" in field else {"hall": gid("Hall", graph.hall)}
    seen, after = [], None
    while True:
        page = (await gql.data(query, {**variables, "after": after}, headers=team.headers("hall_admin")))["list"]
        seen += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == page["totalCount"]
