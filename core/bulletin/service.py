"""服务质量通报 (RULEBOOK §14; panyu Art 107), summed from the daily rollups (core/rollups).

Four aggregate statements over the rollups — cases, queue tickets, ratings, complaints — each
summing one scope's daily rows of the hall (the hall, a window, a department or a staff member)
over the period, plus one for the subjects' names. The rollups are the raw rows' GROUP BY kept
exact in every write's transaction, so the figures are those of counting the raw rows; what
each figure means, precisely:

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

from core.bulletin import items as bulletin_items
from core.bulletin.models import BulletinScope
from core.departments.models import Department, HallDepartment
from core.halls.models import Hall
from core.policy.service import JurisdictionPolicy
from core.policy.types import BulletinSpec, RateResult
from core.ratings.models import RatingLevel
from core.rollups.models import NO_SUBJECT, RollupCase, RollupCaseClock, RollupComplaint, RollupRating, RollupTicket
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
    items: dict[str, tuple[float, str]] = field(default_factory=dict)  # R8: code → (value, detail)

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


def _rollup_where(table, *, hall_id, scope, first, last) -> list:
    return [table.hall_id == hall_id, table.scope == scope.value, table.day >= first, table.day <= last]


def _subject_key(table):
    """The row's subject (None for :data:`NO_SUBJECT`: cases without a window or handler)."""
    return sa.func.nullif(table.subject_id, sa.literal(NO_SUBJECT, sa.Uuid()), type_=sa.Uuid()).label("key")


async def _case_figures(session, *, hall_id, scope, first, last, as_of: date) -> dict:
    """Cases accepted in the period (rollup_case), plus the as-of figures (rollup_case_clock): running past
    the deadline at ``as_of``, supplemented by ``as_of``."""
    where = _rollup_where(RollupCase, hall_id=hall_id, scope=scope, first=first, last=last)
    clock_where = _rollup_where(RollupCaseClock, hall_id=hall_id, scope=scope, first=first, last=last)
    running_overdue = sa.select(RollupCaseClock.subject_id, sa.func.sum(RollupCaseClock.cases).label("n")).where(
        *clock_where, RollupCaseClock.clock == "deadline", RollupCaseClock.on_day < as_of).group_by(
        RollupCaseClock.subject_id).subquery()
    supplemented = sa.select(RollupCaseClock.subject_id, sa.func.sum(RollupCaseClock.cases).label("n")).where(
        *clock_where, RollupCaseClock.clock == "supplied", RollupCaseClock.on_day <= as_of).group_by(
        RollupCaseClock.subject_id).subquery()
    counts = sa.select(
        RollupCase.subject_id,
        sa.func.sum(RollupCase.cases).label("cases"),
        sa.func.sum(RollupCase.applicants_without_ticket).label("applicants_without_ticket"),
        sa.func.sum(RollupCase.completed).label("completed"),
        sa.func.sum(RollupCase.completed_late).label("completed_late"),
        sa.func.sum(RollupCase.corrected).label("corrected"),
        sa.func.sum(RollupCase.rated).label("rated"),
    ).where(*where).group_by(RollupCase.subject_id).subquery()
    stmt = sa.select(
        _subject_key(counts.c), counts.c.cases, counts.c.applicants_without_ticket, counts.c.completed,
        (counts.c.completed_late + sa.func.coalesce(running_overdue.c.n, 0)).label("overdue"),
        counts.c.corrected, sa.func.coalesce(supplemented.c.n, 0).label("supplemented"), counts.c.rated,
    ).outerjoin(running_overdue, running_overdue.c.subject_id == counts.c.subject_id).outerjoin(
        supplemented, supplemented.c.subject_id == counts.c.subject_id)
    return {row.key: row for row in (await session.execute(stmt)).all()}


async def _ticket_figures(session, *, hall_id, scope, first, last) -> dict:
    """Queue tickets served (办理完毕) in the period, by the window that served them, their item's department,
    or the handler of the case they produced."""
    stmt = sa.select(_subject_key(RollupTicket), sa.func.sum(RollupTicket.served).label("served")).where(
        *_rollup_where(RollupTicket, hall_id=hall_id, scope=scope, first=first, last=last)).group_by(RollupTicket.subject_id)
    return {row.key: int(row.served) for row in (await session.execute(stmt)).all()}


async def _rating_figures(session, *, hall_id, scope, first, last) -> dict:
    stmt = sa.select(_subject_key(RollupRating), RollupRating.level, sa.func.sum(RollupRating.ratings).label("ratings"),
                     sa.func.sum(RollupRating.by_citizens).label("by_citizens")).where(
        *_rollup_where(RollupRating, hall_id=hall_id, scope=scope, first=first, last=last)).group_by(
        RollupRating.subject_id, RollupRating.level)
    figures: dict = {}
    for row in (await session.execute(stmt)).all():
        figures.setdefault(row.key, []).append(row)
    return figures


async def _complaint_figures(session, *, hall_id, scope, first, last) -> dict:
    stmt = sa.select(_subject_key(RollupComplaint), sa.func.sum(RollupComplaint.complaints).label("complaints")).where(
        *_rollup_where(RollupComplaint, hall_id=hall_id, scope=scope, first=first, last=last)).group_by(
        RollupComplaint.subject_id)
    return {row.key: int(row.complaints) for row in (await session.execute(stmt)).all()}


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
    as_of = min(last, today)
    period = {"hall_id": hall.id, "scope": scope, "first": first, "last": last}
    cases = await _case_figures(session, **period, as_of=as_of)
    tickets = await _ticket_figures(session, **period)
    ratings = await _rating_figures(session, **period)
    complaints = await _complaint_figures(session, **period)
    spec = policy.bulletin_spec()
    tallies = {}
    if bulletin_items.wanted(m.code for m in spec.metrics):  # R8: dongying's monthly items
        start, end = local_period_bounds(first, last)
        tallies = await bulletin_items.tallies(session, hall_id=hall.id, scope=scope, first=first, last=last,
                                               start=start, end=end)
    subjects = await _subjects(session, hall=hall, scope=scope, department_id=department_id,
                               seen=set(cases) | set(tickets) | set(ratings) | set(complaints))
    rows = []
    for subject_id, name in subjects:
        row = BulletinRow(scope, subject_id, name)
        figures = cases.get(subject_id)
        if figures is not None:
            row.cases, row.applicants_without_ticket = int(figures.cases), int(figures.applicants_without_ticket)
            row.completed_cases, row.overdue_cases = int(figures.completed), int(figures.overdue)
            row.corrected_cases, row.supplemented_cases = int(figures.corrected), int(figures.supplemented)
            row.rated_cases = int(figures.rated)
        row.tickets_served = tickets.get(subject_id, 0)
        for rating in ratings.get(subject_id, ()):
            row.ratings_by_level[rating.level] += int(rating.ratings)
            if rating.level == RatingLevel.VERY_SATISFIED:
                row.praise += int(rating.by_citizens)
        row.complaints = complaints.get(subject_id, 0)
        row.satisfaction = policy.satisfaction_rate(row.ratings_by_level)
        row.rating_rate = policy.rating_rate(row.rated_cases, row.completed_cases)
        if tallies or bulletin_items.wanted(m.code for m in spec.metrics):
            row.items = {"cases": (row.cases, f"受理{row.cases}，办结{row.completed_cases}，超时{row.overdue_cases}"),
                         **tallies.get(subject_id, bulletin_items.Tally()).items()}
        rows.append(row)
    return Bulletin(hall=hall, first=first, last=last, scope=scope, department_id=department_id,
                    spec=spec, rows=rows)
