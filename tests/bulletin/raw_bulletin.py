"""The oracle: the service-quality bulletin counted by GROUP BY over the raw rows.

This is the bulletin's counting as it was before rollups (core/bulletin/service.py at the first wave),
kept verbatim so that the property test can show rollups give the same figures.
"""

from __future__ import annotations

import uuid
from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from core.bulletin import service as bulletin_service
from core.bulletin.models import BulletinScope
from core.bulletin.service import Bulletin, BulletinRow
from core.cases.models import Case, CaseStatus, CorrectionNotice
from core.cases.service import overdue_condition
from core.complaints.models import Complaint, ComplaintTarget
from core.db.sql import local_date
from core.halls.models import Hall
from core.items.models import ServiceItem
from core.policy.service import JurisdictionPolicy
from core.queue.models import QueueTicket, TicketStatus
from core.ratings.models import Rating, RatingLevel
from core.staff.models import Staff
from core.timezones import local_period_bounds
from core.windows.models import Window


def _case_key(scope: BulletinScope):
    return {BulletinScope.HALL: Case.hall_id, BulletinScope.WINDOW: Case.window_id, BulletinScope.STAFF: Case.staff_id,
            BulletinScope.DEPARTMENT: ServiceItem.department_id}[scope]


def _with_item(stmt: sa.Select, scope: BulletinScope) -> sa.Select:
    return stmt.join(ServiceItem, ServiceItem.id == Case.item_id) if scope is BulletinScope.DEPARTMENT else stmt


async def _case_figures(session, *, hall_id, scope, start, end, as_of: date) -> dict:
    key = _case_key(scope).label("key")
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


async def raw_compute(session: AsyncSession, *, policy: JurisdictionPolicy, hall: Hall, scope: BulletinScope,
                  first: date, last: date, today: date, department_id: uuid.UUID | None = None) -> Bulletin:
    """The bulletin counted from the raw rows, as Tingwu did before rollups."""
    start, end = local_period_bounds(first, last)
    as_of = min(last, today)
    cases = await _case_figures(session, hall_id=hall.id, scope=scope, start=start, end=end, as_of=as_of)
    tickets = await _ticket_figures(session, hall_id=hall.id, scope=scope, start=start, end=end)
    ratings = await _rating_figures(session, hall_id=hall.id, scope=scope, start=start, end=end)
    complaints = await _complaint_figures(session, hall_id=hall.id, scope=scope, start=start, end=end)
    subjects = await bulletin_service._subjects(session, hall=hall, scope=scope, department_id=department_id,
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
