"""服务质量通报 (RULEBOOK §14; panyu Art 107), counted by the database with GROUP BY.

Four aggregate statements — cases, queue tickets, ratings, complaints — each grouped by the
subject of a row (the hall, a window, a department or a staff member), plus one for the
subjects' names. What each figure means, precisely:

* **people served** (服务人次): queue tickets served in the period (取号后办理完毕: a ticket is one
  person at a window), plus, for the period's cases that came without a ticket (online, or
  accepted without calling a number), distinct applicants per day — one visit handling three
  items is one person served. A ticket counts for the window that served it, the department of
  its item, and the staff member who handled the case it produced (none: no case, no handler);
* **cases** (办件量): cases accepted in the period; **completed**: of those, completed (办结);
* **overdue cases** (超时件): of those, completed after their deadline, or still running past it as
  of the period's end (today, for a period not over yet) — exactly the case engine's ``overdue``
  (``core.cases.service.overdue_condition``): a case paused for corrected materials, a 补办件
  still waiting for its materials, and returned or terminated cases are not overdue;
* **correction rate** (补齐补正率, "非标受理清单、收件差错"): of those, the share that got at least one
  correction notice (补正告知书: a 补办件's, a correction's or a 容缺受理's) over all the period's
  cases; **supplemented** (补齐): of the corrected, those whose every notice was answered with
  the materials (``supplied_on``) by the period's end, and the **supplement rate** over the corrected;
* **satisfaction** (满意度): ratings given in the period at 基本满意 or better ÷ ratings given in
  the period, overturned ones left out (``rating.counts_in_assessment``), defaults included;
* **praise** (表扬): 非常满意 given by citizens in the period (defaults and overturned ones left out);
* **complaints** (投诉): complaints received in the period and accepted; a department's include
  those against its windows and staff;
* **rating rate** (评价率): completed cases of the period a citizen rated ÷ completed cases, against
  the jurisdiction's target (default ratings do not count as rated).

A case belongs to its window, its handling staff member, and the department of its item.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from core.bulletin.models import BulletinScope
from core.cases.models import Case, CaseStatus, CorrectionNotice
from core.cases.service import overdue_condition
from core.complaints.models import Complaint, ComplaintTarget
from core.db.sql import local_date
from core.departments.models import Department, HallDepartment
from core.halls.models import Hall
from core.items.models import ServiceItem
from core.policy.service import JurisdictionPolicy
from core.policy.types import BulletinSpec, RateResult
from core.queue.models import QueueTicket, TicketStatus
from core.ratings.models import Rating, RatingLevel
from core.staff.models import Staff
from core.timezones import local_period_bounds
from core.windows.models import Window

@dataclass
class BulletinRow:
    scope: BulletinScope
    subject_id: uuid.UUID | None  # None: cases with no window (online) or no handler
    subject_name: str
    tickets_served: int = 0
    applicants_without_ticket: int = 0
    cases: int = 0
    completed_cases: int = 0
    overdue_cases: int = 0
    corrected_cases: int = 0
    supplemented_cases: int = 0
    rated_cases: int = 0
    ratings_by_level: dict[str, int] = field(default_factory=lambda: {level.value: 0 for level in RatingLevel})
    praise: int = 0
    complaints: int = 0
    satisfaction: RateResult | None = None
    rating_rate: RateResult | None = None

    @property
    def people_served(self) -> int:
        return self.tickets_served + self.applicants_without_ticket

    @property
    def correction_rate(self) -> float | None:
        return self.corrected_cases / self.cases if self.cases else None

    @property
    def supplement_rate(self) -> float | None:
        return self.supplemented_cases / self.corrected_cases if self.corrected_cases else None

    @property
    def ratings(self) -> int:
        return sum(self.ratings_by_level.values())


@dataclass(frozen=True)
class Bulletin:
    hall: Hall
    first: date
    last: date
    scope: BulletinScope
    department_id: uuid.UUID | None
    spec: BulletinSpec
    rows: list[BulletinRow]


def _case_key(scope: BulletinScope):
    return {BulletinScope.HALL: Case.hall_id, BulletinScope.WINDOW: Case.window_id, BulletinScope.STAFF: Case.staff_id,
            BulletinScope.DEPARTMENT: ServiceItem.department_id}[scope]


def _with_item(stmt: sa.Select, scope: BulletinScope) -> sa.Select:
    return stmt.join(ServiceItem, ServiceItem.id == Case.item_id) if scope is BulletinScope.DEPARTMENT else stmt


async def _case_figures(session, *, hall_id, scope, start, end, as_of: date) -> dict:
    key = _case_key(scope).label("key")
    # one visit: the same applicant (by the blind index of the ID number, else of the name) on the same day
    visit = sa.cast(sa.func.coalesce(Case.applicant_id_number_bidx, Case.applicant_name_bidx), sa.String) + "|" + sa.cast(
        local_date(Case.accepted_at), sa.String)
    # A case that came with a ticket is counted as that ticket (in _ticket_figures), not again here.
    with_ticket = sa.exists().where(QueueTicket.case_id == Case.id)
    visit_without_ticket = sa.case((~with_ticket, visit))
    overdue = overdue_condition(as_of)
    corrected = sa.exists().where(CorrectionNotice.case_id == Case.id)
    outstanding = sa.exists().where(CorrectionNotice.case_id == Case.id, sa.or_(
        CorrectionNotice.supplied_on.is_(None), CorrectionNotice.supplied_on > as_of))
    supplemented = sa.and_(corrected, ~outstanding)
    completed = Case.status == CaseStatus.COMPLETED
    citizen_rated = sa.and_(completed, sa.exists().where(Rating.case_id == Case.id, Rating.defaulted.is_(False)))

    def count_if(condition):
        return sa.func.sum(sa.case((condition, 1), else_=0))

    stmt = sa.select(
        key,
        sa.func.count().label("cases"),
        sa.func.count(sa.distinct(visit_without_ticket)).label("applicants_without_ticket"),
        count_if(completed).label("completed"),
        count_if(overdue).label("overdue"),
        count_if(corrected).label("corrected"),
        count_if(supplemented).label("supplemented"),
        count_if(citizen_rated).label("rated"),
    ).where(Case.hall_id == hall_id, Case.accepted_at >= start, Case.accepted_at < end).group_by(key)
    return {row.key: row for row in (await session.execute(_with_item(stmt, scope))).all()}


async def _ticket_figures(session, *, hall_id, scope, start, end) -> dict:
    """Queue tickets served (办理完毕) in the period, by the window that served them, their item's department,
    or the handler of the case they produced."""
    key = {BulletinScope.HALL: QueueTicket.hall_id, BulletinScope.WINDOW: QueueTicket.window_id,
           BulletinScope.DEPARTMENT: QueueTicket.department_id, BulletinScope.STAFF: Case.staff_id}[scope].label("key")
    stmt = sa.select(key, sa.func.count().label("served")).select_from(QueueTicket).where(
        QueueTicket.hall_id == hall_id, QueueTicket.status == TicketStatus.DONE,
        QueueTicket.finished_at >= start, QueueTicket.finished_at < end)
    if scope is BulletinScope.STAFF:
        stmt = stmt.outerjoin(Case, Case.id == QueueTicket.case_id)
    return {row.key: row.served for row in (await session.execute(stmt.group_by(key))).all()}


async def _rating_figures(session, *, hall_id, scope, start, end) -> dict:
    key = {BulletinScope.HALL: Rating.hall_id, BulletinScope.STAFF: Rating.staff_id}.get(scope, _case_key(scope)).label("key")
    by_citizens = sa.func.sum(sa.case((Rating.defaulted.is_(False), 1), else_=0))
    stmt = sa.select(key, Rating.level, sa.func.count().label("ratings"), by_citizens.label("by_citizens")).where(
        Rating.hall_id == hall_id, Rating.rated_at >= start, Rating.rated_at < end, Rating.counts_in_assessment.is_(True))
    if scope in (BulletinScope.WINDOW, BulletinScope.DEPARTMENT):
        stmt = _with_item(stmt.join(Case, Case.id == Rating.case_id), scope)
    figures: dict = {}
    for row in (await session.execute(stmt.group_by(key, Rating.level))).all():
        figures.setdefault(row.key, []).append(row)
    return figures


async def _complaint_figures(session, *, hall_id, scope, start, end) -> dict:
    target_staff = aliased(Staff)
    target_window = aliased(Window)
    kind = Complaint.target_kind
    key = {
        BulletinScope.HALL: Complaint.hall_id,
        BulletinScope.STAFF: sa.case((kind == ComplaintTarget.STAFF, Complaint.target_id)),
        BulletinScope.WINDOW: sa.case((kind == ComplaintTarget.WINDOW, Complaint.target_id)),
        BulletinScope.DEPARTMENT: sa.case(
            (kind == ComplaintTarget.DEPARTMENT, Complaint.target_id),
            (kind == ComplaintTarget.STAFF, target_staff.department_id),
            (kind == ComplaintTarget.WINDOW, target_window.department_id),
        ),
    }[scope].label("key")
    stmt = sa.select(key, sa.func.count().label("complaints")).where(
        Complaint.hall_id == hall_id, Complaint.received_at >= start, Complaint.received_at < end,
        Complaint.accepted_at.is_not(None))
    if scope is BulletinScope.DEPARTMENT:
        stmt = stmt.outerjoin(target_staff, sa.and_(kind == ComplaintTarget.STAFF, target_staff.id == Complaint.target_id)) \
                   .outerjoin(target_window, sa.and_(kind == ComplaintTarget.WINDOW, target_window.id == Complaint.target_id))
    stmt = stmt.group_by(key)
    # A complaint about no one of this scope (e.g. about a window, in the staff bulletin) has no row.
    return {row.key: row.complaints for row in (await session.execute(stmt)).all() if row.key is not None}


async def _subjects(session, *, hall: Hall, scope: BulletinScope, department_id: uuid.UUID | None,
                    seen: set) -> list[tuple[uuid.UUID | None, str]]:
    """(id, name) of every row: the hall's windows, staff or departments (those of ``department_id`` only),
    and any other subject the figures mention."""
    if scope is BulletinScope.HALL:
        return [(hall.id, hall.name)]
    seen_ids = [key for key in seen if key is not None]
    if scope is BulletinScope.WINDOW:
        stmt = sa.select(Window.id, (Window.number + " " + Window.name).label("name"), Window.department_id).where(
            Window.hall_id == hall.id).order_by(Window.number)
    elif scope is BulletinScope.STAFF:
        stmt = sa.select(Staff.id, (Staff.name + "（" + Staff.staff_number + "）").label("name"),
                         Staff.department_id).where(Staff.hall_id == hall.id).order_by(Staff.staff_number)
    else:
        stationed = sa.select(HallDepartment.department_id).where(HallDepartment.hall_id == hall.id)
        stmt = sa.select(Department.id, Department.name, Department.id.label("department_id")).where(
            sa.or_(Department.id.in_(stationed), Department.id.in_(seen_ids))).order_by(Department.name)
    subjects = [(row.id, row.name) for row in (await session.execute(stmt)).all()
                if department_id is None or row.department_id == department_id]
    if department_id is None and None in seen:
        subjects.append((None, {BulletinScope.WINDOW: "网上办件（未经窗口）", BulletinScope.STAFF: "未指定经办人",
                                BulletinScope.DEPARTMENT: "未知部门"}[scope]))
    return subjects


async def compute(session: AsyncSession, *, policy: JurisdictionPolicy, hall: Hall, scope: BulletinScope,
                  first: date, last: date, today: date, department_id: uuid.UUID | None = None) -> Bulletin:
    """The bulletin of ``hall`` for the local days ``first``..``last``, one row per subject of ``scope``."""
    start, end = local_period_bounds(first, last)
    as_of = min(last, today)
    cases = await _case_figures(session, hall_id=hall.id, scope=scope, start=start, end=end, as_of=as_of)
    tickets = await _ticket_figures(session, hall_id=hall.id, scope=scope, start=start, end=end)
    ratings = await _rating_figures(session, hall_id=hall.id, scope=scope, start=start, end=end)
    complaints = await _complaint_figures(session, hall_id=hall.id, scope=scope, start=start, end=end)
    subjects = await _subjects(session, hall=hall, scope=scope, department_id=department_id,
                               seen=set(cases) | set(tickets) | set(ratings) | set(complaints))
    rows = []
    for subject_id, name in subjects:
        row = BulletinRow(scope, subject_id, name)
        figures = cases.get(subject_id)
        if figures is not None:
            row.cases, row.applicants_without_ticket = figures.cases, figures.applicants_without_ticket
            row.completed_cases, row.overdue_cases = int(figures.completed), int(figures.overdue)
            row.corrected_cases, row.supplemented_cases = int(figures.corrected), int(figures.supplemented)
            row.rated_cases = int(figures.rated)
        row.tickets_served = tickets.get(subject_id, 0)
        for rating in ratings.get(subject_id, ()):
            row.ratings_by_level[rating.level] += rating.ratings
            if rating.level == RatingLevel.VERY_SATISFIED:
                row.praise += int(rating.by_citizens)
        row.complaints = complaints.get(subject_id, 0)
        row.satisfaction = policy.satisfaction_rate(row.ratings_by_level)
        row.rating_rate = policy.rating_rate(row.rated_cases, row.completed_cases)
        rows.append(row)
    return Bulletin(hall=hall, first=first, last=last, scope=scope, department_id=department_id,
                    spec=policy.bulletin_spec(), rows=rows)
