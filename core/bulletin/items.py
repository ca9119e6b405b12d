"""The items of Dongying's monthly bulletin beyond the service-quality figures (R8: dongying Art 8(三)1(2)
"办件情况、考勤请销假情况、大厅综合巡查情况、领导现场办公情况、信息宣传情况、工作纪律秩序情况、评议投诉情况").

Each item is counted by the database per staff member (one GROUP BY statement per source, whatever the
number of rows), then summed to the row's subject: a window sums the staff assigned to it (and patrol
findings about the window itself), a department its staff and its entries, the hall everything.

* **attendance_and_leave** (考勤请销假): late, early, missing and 脱岗 check-ins; leave days taken (detail);
* **hall_patrols** (大厅综合巡查): patrol findings (not compliant), video patrols included;
* **leaders_on_site** (领导现场办公): the hall's entries of department leaders working on site;
* **publicity** (信息宣传): the hall's entries of information or publicity published;
* **discipline** (工作纪律秩序): discipline findings of patrols plus conduct records (批评, 不服从管理…);
* **evaluations_and_complaints** (评议投诉): 不满意/非常不满意 ratings that count plus accepted complaints.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.attendance.models import AttendanceRecord
from core.bulletin.models import ITEM_METRICS, BulletinEntry, BulletinEntryKind, BulletinScope
from core.complaints.models import Complaint, ComplaintTarget
from core.leave.models import ABSENT_STATUSES, LeaveRequest
from core.patrols.models import PatrolCategory, PatrolRecord
from core.ratings.models import Rating
from core.staff.models import ConductRecord, Staff
from core.windows.models import WindowAssignment

EXCEPTIONS = ("late", "early", "missing", "off_post")
BAD = ("dissatisfied", "very_dissatisfied")


@dataclass
class Tally:
    late: int = 0
    early: int = 0
    missing: int = 0
    off_post: int = 0
    leave_days: float = 0.0
    patrol_findings: int = 0
    discipline_findings: int = 0
    conduct: int = 0
    leaders_on_site: int = 0
    publicity: int = 0
    bad_ratings: int = 0
    complaints: int = 0
    titles: dict = field(default_factory=lambda: defaultdict(list))

    def add(self, other: "Tally") -> None:
        for name in ("late", "early", "missing", "off_post", "leave_days", "patrol_findings", "discipline_findings",
                     "conduct", "leaders_on_site", "publicity", "bad_ratings", "complaints"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def items(self) -> dict[str, tuple[float, str]]:
        """code → (value, detail in Chinese)."""
        exceptions = self.late + self.early + self.missing + self.off_post
        return {
            "attendance_and_leave": (exceptions, f"迟到{self.late} 早退{self.early} 缺卡{self.missing} 脱岗{self.off_post}；"
                                                 f"请假{self.leave_days:g}天"),
            "hall_patrols": (self.patrol_findings, f"巡查发现问题{self.patrol_findings}"),
            "leaders_on_site": (self.leaders_on_site, f"领导现场办公{self.leaders_on_site}次"),
            "publicity": (self.publicity, f"信息宣传{self.publicity}篇"),
            "discipline": (self.discipline_findings + self.conduct,
                           f"纪律巡查问题{self.discipline_findings}，违纪记录{self.conduct}"),
            "evaluations_and_complaints": (self.bad_ratings + self.complaints,
                                           f"差评{self.bad_ratings}，投诉{self.complaints}"),
        }


async def tallies(session: AsyncSession, *, hall_id: uuid.UUID, scope: BulletinScope, first: date, last: date,
                  start: datetime, end: datetime) -> dict[uuid.UUID | None, Tally]:
    """subject id → its tally, for the rows of ``scope`` (seven statements in all)."""
    per_staff: dict[uuid.UUID, Tally] = defaultdict(Tally)
    per_window: dict[uuid.UUID, Tally] = defaultdict(Tally)
    per_department: dict[uuid.UUID, Tally] = defaultdict(Tally)

    for staff_id, verdict, count in await session.execute(
            sa.select(AttendanceRecord.staff_id, AttendanceRecord.verdict, sa.func.count())
            .where(AttendanceRecord.hall_id == hall_id, AttendanceRecord.attendance_on.between(first, last),
                   AttendanceRecord.verdict.in_(EXCEPTIONS))
            .group_by(AttendanceRecord.staff_id, AttendanceRecord.verdict)):
        setattr(per_staff[staff_id], verdict, getattr(per_staff[staff_id], verdict) + count)
    for staff_id, days in await session.execute(
            sa.select(LeaveRequest.staff_id, sa.func.sum(LeaveRequest.days))
            .where(LeaveRequest.hall_id == hall_id, LeaveRequest.status.in_(ABSENT_STATUSES),
                   LeaveRequest.starts_at < end, LeaveRequest.ends_at > start)
            .group_by(LeaveRequest.staff_id)):
        per_staff[staff_id].leave_days += float(days or 0)
    is_discipline = PatrolRecord.category == PatrolCategory.DISCIPLINE
    for staff_id, window_id, discipline, count in await session.execute(
            sa.select(PatrolRecord.staff_id, PatrolRecord.window_id, is_discipline, sa.func.count())
            .where(PatrolRecord.hall_id == hall_id, PatrolRecord.compliant.is_(False),
                   PatrolRecord.patrolled_at >= start, PatrolRecord.patrolled_at < end)
            .group_by(PatrolRecord.staff_id, PatrolRecord.window_id, is_discipline)):
        target = per_staff[staff_id] if staff_id is not None else per_window[window_id] if window_id else Tally()
        target.patrol_findings += count
        if discipline:
            target.discipline_findings += count
    for staff_id, count in await session.execute(
            sa.select(ConductRecord.staff_id, sa.func.count())
            .where(ConductRecord.hall_id == hall_id, ConductRecord.occurred_on.between(first, last))
            .group_by(ConductRecord.staff_id)):
        per_staff[staff_id].conduct += count
    for staff_id, count in await session.execute(
            sa.select(Rating.staff_id, sa.func.count())
            .where(Rating.hall_id == hall_id, Rating.level.in_(BAD), Rating.counts_in_assessment.is_(True),
                   Rating.rated_at >= start, Rating.rated_at < end, Rating.staff_id.is_not(None))
            .group_by(Rating.staff_id)):
        per_staff[staff_id].bad_ratings += count
    for kind, target_id, count in await session.execute(
            sa.select(Complaint.target_kind, Complaint.target_id, sa.func.count())
            .where(Complaint.hall_id == hall_id, Complaint.accepted_at.is_not(None),
                   Complaint.received_at >= start, Complaint.received_at < end)
            .group_by(Complaint.target_kind, Complaint.target_id)):
        bucket = {ComplaintTarget.STAFF.value: per_staff, ComplaintTarget.WINDOW.value: per_window}.get(kind)
        if bucket is None:
            bucket = per_department if kind == ComplaintTarget.DEPARTMENT.value else None
        if bucket is not None and target_id is not None:
            bucket[target_id].complaints += count
    for kind, department_id, staff_id, count in await session.execute(
            sa.select(BulletinEntry.kind, BulletinEntry.department_id, BulletinEntry.staff_id, sa.func.count())
            .where(BulletinEntry.hall_id == hall_id, BulletinEntry.occurred_on.between(first, last))
            .group_by(BulletinEntry.kind, BulletinEntry.department_id, BulletinEntry.staff_id)):
        target = per_staff[staff_id] if staff_id is not None else per_department[department_id]
        if kind == BulletinEntryKind.LEADER_ON_SITE:
            target.leaders_on_site += count
        else:
            target.publicity += count

    staff_rows = (await session.execute(sa.select(Staff.id, Staff.department_id, WindowAssignment.window_id)
                                        .outerjoin(WindowAssignment, WindowAssignment.staff_id == Staff.id)
                                        .where(Staff.hall_id == hall_id))).all()
    result: dict[uuid.UUID | None, Tally] = defaultdict(Tally)
    if scope is BulletinScope.STAFF:
        for staff_id, tally in per_staff.items():
            result[staff_id].add(tally)
        return result
    if scope is BulletinScope.HALL:
        for bucket in (per_staff, per_window, per_department):
            for tally in bucket.values():
                result[hall_id].add(tally)
        return result
    if scope is BulletinScope.WINDOW:
        for staff_id, _, window_id in staff_rows:
            if window_id is not None and staff_id in per_staff:
                result[window_id].add(per_staff[staff_id])
        for window_id, tally in per_window.items():
            result[window_id].add(tally)
        return result
    seen = set()
    for staff_id, department_id, _ in staff_rows:
        if staff_id in per_staff and staff_id not in seen:
            seen.add(staff_id)
            result[department_id].add(per_staff[staff_id])
    for department_id, tally in per_department.items():
        result[department_id].add(tally)
    return result


def wanted(spec_codes) -> bool:
    """Whether the jurisdiction's bulletin names any of these items (only then are they counted)."""
    return any(code in ITEM_METRICS for code in spec_codes)
