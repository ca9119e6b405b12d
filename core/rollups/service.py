"""Rollups (日汇总) kept exact in the transaction of every write that changes them.

How: a write never computes a delta. Whenever a session flushes a case, rating, queue ticket, complaint or
correction notice, :func:`_track` notes the (source, hall, local day) it touches — the old day as well when
a timestamp moved, the case's acceptance day for a rating, a ticket or a notice of it. Just before the
transaction commits, :func:`_apply` re-counts exactly those hall-days from the raw rows (DELETE, then
INSERT … SELECT … GROUP BY: the same statements :func:`rebuild` runs for any period) under a
per-hall-day advisory lock on PostgreSQL (SQLite has one writer). So a rollup row is always the GROUP BY
of the rows it summarizes, whatever wrote them — services, the jobs, the demo loader, test factories —
and whatever changed: an overturned rating, an appeal, a late correction, a ticket linked to a case.

What depends on time passing (overdue, supplemented "by the period's end") is never stored as a fact:
:class:`RollupCaseClock` keeps running cases by deadline and supplemented cases by the day they were
supplemented, and the reader applies its as-of day.

Services need no call of their own, except where they write with a Core statement the ORM does not see
(the ratings' ``INSERT … ON CONFLICT DO NOTHING``): they call :func:`record` with the rows written, one
call per write.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta, timezone

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from core.bulletin.models import BulletinScope
from core.cases.models import Case, CaseStatus, CorrectionNotice
from core.complaints.models import Complaint, ComplaintTarget
from core.db.sql import local_date
from core.items.models import ServiceItem
from core.queue.models import QueueTicket, TicketStatus
from core.ratings.models import Rating
from core.rollups.models import (NO_SUBJECT, RollupCase, RollupCaseClock, RollupComplaint, RollupRating,
                                 RollupTicket)
from core.staff.models import Staff
from core.timezones import local_period_bounds, to_local
from core.windows.models import Window

SOURCES = ("case", "ticket", "rating", "complaint")
_PENDING = "tingwu_rollups_pending"
_CASES = "tingwu_rollups_cases"
_MOVED_CASES = "tingwu_rollups_moved_cases"  # window, handler or item changed: their tickets and ratings move too
_MOVED_TARGETS = "tingwu_rollups_moved_targets"  # staff or windows that changed department: their complaints
_NEW_RATINGS = "tingwu_rollups_new_ratings"  # ratings just inserted: counted as increments


# --- what each source counts (one INSERT … SELECT per source, every scope at once) ---------------------


def _subject(expr) -> sa.ColumnElement:
    return sa.func.coalesce(expr, sa.literal(NO_SUBJECT, sa.Uuid()))


def _count_if(condition) -> sa.ColumnElement:
    return sa.func.sum(sa.case((condition, 1), else_=0))


def _case_key(scope: BulletinScope):
    return {BulletinScope.HALL: Case.hall_id, BulletinScope.WINDOW: Case.window_id, BulletinScope.STAFF: Case.staff_id,
            BulletinScope.DEPARTMENT: ServiceItem.department_id}[scope]


def _period(column, hall_ids, start, end) -> list:
    """``column`` in [start, end), of the given halls (all when None)."""
    where = [column >= start, column < end]
    if hall_ids is not None:
        where.append(column.table.c.hall_id.in_(list(hall_ids)))
    return where


def _case_selects(hall_ids, start, end) -> tuple[list[sa.Select], list[sa.Select]]:
    day = local_date(Case.accepted_at)
    with_ticket = sa.exists().where(QueueTicket.case_id == Case.id)
    # one applicant: the blind index of the ID number, else of the name (both sealed at rest: core.pii)
    applicant = sa.case((~with_ticket, sa.func.coalesce(Case.applicant_id_number_bidx, Case.applicant_name_bidx)))
    completed = Case.status == CaseStatus.COMPLETED
    late = sa.and_(completed, Case.deadline_on.is_not(None), Case.completed_on > Case.deadline_on)
    corrected = sa.exists().where(CorrectionNotice.case_id == Case.id)
    rated = sa.and_(completed, sa.exists().where(Rating.case_id == Case.id, Rating.defaulted.is_(False)))
    outstanding = sa.exists().where(CorrectionNotice.case_id == Case.id, CorrectionNotice.supplied_on.is_(None))
    supplied_on = sa.select(sa.func.max(CorrectionNotice.supplied_on)).where(
        CorrectionNotice.case_id == Case.id).scalar_subquery()
    where = _period(Case.accepted_at, hall_ids, start, end)
    counts, clocks = [], []
    for scope in BulletinScope:
        key = _subject(_case_key(scope))
        stmt = sa.select(Case.hall_id, day, sa.literal(scope.value), key, sa.func.count(),
                         sa.func.count(sa.distinct(applicant)), _count_if(completed), _count_if(late),
                         _count_if(corrected), _count_if(rated)).where(*where).group_by(Case.hall_id, day, key)
        deadline = sa.select(Case.hall_id, day, sa.literal(scope.value), key, sa.literal("deadline"),
                             Case.deadline_on, sa.func.count()).where(
            *where, Case.status == CaseStatus.ACCEPTED, Case.deadline_on.is_not(None)).group_by(
            Case.hall_id, day, key, Case.deadline_on)
        supplied = sa.select(Case.hall_id, day, sa.literal(scope.value), key, sa.literal("supplied"),
                             supplied_on, sa.func.count()).where(*where, corrected, ~outstanding).group_by(
            Case.hall_id, day, key, supplied_on)
        if scope is BulletinScope.DEPARTMENT:
            stmt, deadline, supplied = (s.outerjoin(ServiceItem, ServiceItem.id == Case.item_id)
                                        for s in (stmt, deadline, supplied))
        counts.append(stmt)
        clocks += [deadline, supplied]
    return counts, clocks


class seconds_between(FunctionElement):
    """Seconds from the first timestamp to the second, computed by the database."""

    type = sa.Float()
    inherit_cache = True
    name = "seconds_between"


@compiles(seconds_between, "postgresql")
def _seconds_between_postgresql(element, compiler, **kw):
    first, second = (compiler.process(c, **kw) for c in element.clauses)
    return f"EXTRACT(EPOCH FROM ({second}) - ({first}))"


@compiles(seconds_between, "sqlite")
def _seconds_between_sqlite(element, compiler, **kw):
    first, second = (compiler.process(c, **kw) for c in element.clauses)
    return f"((julianday({second}) - julianday({first})) * 86400.0)"


def _ticket_selects(hall_ids, start, end) -> list[sa.Select]:
    day = local_date(QueueTicket.finished_at)
    called = QueueTicket.called_at.is_not(None)
    wait = sa.func.coalesce(sa.func.sum(sa.case((called, seconds_between(QueueTicket.issued_at, QueueTicket.called_at)))), 0.0)
    keys = {BulletinScope.HALL: QueueTicket.hall_id, BulletinScope.WINDOW: QueueTicket.window_id,
            BulletinScope.DEPARTMENT: QueueTicket.department_id, BulletinScope.STAFF: Case.staff_id}
    where = [*_period(QueueTicket.finished_at, hall_ids, start, end), QueueTicket.status == TicketStatus.DONE]
    selects = []
    for scope in BulletinScope:
        key = _subject(keys[scope])
        stmt = sa.select(QueueTicket.hall_id, day, sa.literal(scope.value), key, sa.func.count(), _count_if(called),
                         wait).select_from(
            QueueTicket).where(*where).group_by(QueueTicket.hall_id, day, key)
        if scope is BulletinScope.STAFF:
            stmt = stmt.outerjoin(Case, Case.id == QueueTicket.case_id)
        selects.append(stmt)
    return selects


def _rating_selects(hall_ids, start, end) -> list[sa.Select]:
    day = local_date(Rating.rated_at)
    where = [*_period(Rating.rated_at, hall_ids, start, end), Rating.counts_in_assessment.is_(True)]
    selects = []
    for scope in BulletinScope:
        key = _subject({BulletinScope.HALL: Rating.hall_id, BulletinScope.STAFF: Rating.staff_id}.get(scope)
                       if scope in (BulletinScope.HALL, BulletinScope.STAFF) else _case_key(scope))
        stmt = sa.select(Rating.hall_id, day, sa.literal(scope.value), key, Rating.level, sa.func.count(),
                         _count_if(Rating.defaulted.is_(False))).select_from(Rating).where(*where).group_by(
            Rating.hall_id, day, key, Rating.level)
        if scope in (BulletinScope.WINDOW, BulletinScope.DEPARTMENT):
            stmt = stmt.join(Case, Case.id == Rating.case_id)
            if scope is BulletinScope.DEPARTMENT:
                stmt = stmt.outerjoin(ServiceItem, ServiceItem.id == Case.item_id)
        selects.append(stmt)
    return selects


def _complaint_selects(hall_ids, start, end) -> list[sa.Select]:
    target_staff, target_window = sa.orm.aliased(Staff), sa.orm.aliased(Window)
    kind = Complaint.target_kind
    keys = {
        BulletinScope.HALL: Complaint.hall_id,
        BulletinScope.STAFF: sa.case((kind == ComplaintTarget.STAFF, Complaint.target_id)),
        BulletinScope.WINDOW: sa.case((kind == ComplaintTarget.WINDOW, Complaint.target_id)),
        BulletinScope.DEPARTMENT: sa.case(
            (kind == ComplaintTarget.DEPARTMENT, Complaint.target_id),
            (kind == ComplaintTarget.STAFF, target_staff.department_id),
            (kind == ComplaintTarget.WINDOW, target_window.department_id),
        ),
    }
    day = local_date(Complaint.received_at)
    where = [*_period(Complaint.received_at, hall_ids, start, end), Complaint.accepted_at.is_not(None)]
    selects = []
    for scope in BulletinScope:
        # A complaint about no one of this scope (e.g. about a window, for the staff rows) has no row.
        stmt = sa.select(Complaint.hall_id, day, sa.literal(scope.value), keys[scope], sa.func.count()).where(
            *where, keys[scope].is_not(None)).group_by(Complaint.hall_id, day, keys[scope])
        if scope is BulletinScope.DEPARTMENT:
            stmt = stmt.outerjoin(target_staff, sa.and_(kind == ComplaintTarget.STAFF, target_staff.id == Complaint.target_id)) \
                       .outerjoin(target_window, sa.and_(kind == ComplaintTarget.WINDOW, target_window.id == Complaint.target_id))
        selects.append(stmt)
    return selects


_KEY_COLUMNS = ["hall_id", "day", "scope", "subject_id"]


def _statements(source: str, hall_ids, first: date, last: date) -> list[sa.Executable]:
    """DELETE and INSERT … SELECT that make ``source``'s rollup rows of ``first``..``last`` exact."""
    start, end = local_period_bounds(first, last)

    def replace(table, columns: list[str], selects: list[sa.Select]) -> list[sa.Executable]:
        delete = sa.delete(table).where(table.day >= first, table.day <= last)
        if hall_ids is not None:
            delete = delete.where(table.hall_id.in_(list(hall_ids)))
        return [delete, sa.insert(table).from_select(_KEY_COLUMNS + columns, sa.union_all(*selects))]

    if source == "case":
        counts, clocks = _case_selects(hall_ids, start, end)
        return (replace(RollupCase, ["cases", "applicants_without_ticket", "completed", "completed_late",
                                     "corrected", "rated"], counts)
                + replace(RollupCaseClock, ["clock", "on_day", "cases"], clocks))
    if source == "ticket":
        return replace(RollupTicket, ["served", "waited", "wait_seconds"], _ticket_selects(hall_ids, start, end))
    if source == "rating":
        return replace(RollupRating, ["level", "ratings", "by_citizens"], _rating_selects(hall_ids, start, end))
    return replace(RollupComplaint, ["complaints"], _complaint_selects(hall_ids, start, end))


def statements_for_migration(source: str) -> list[sa.Executable]:
    """The statements that count ``source``'s rollups of every day (the migration that creates the tables)."""
    return _statements(source, None, date(2000, 1, 1), date(2099, 12, 31))


# --- rebuild -----------------------------------------------------------------------------------


async def rebuild(session: AsyncSession, *, first: date, last: date, hall_ids: Iterable[uuid.UUID] | None = None,
                  progress: Callable[[date], None] | None = None) -> int:
    """Re-count every rollup of the local days ``first``..``last`` (of ``hall_ids``, or every hall) from the raw
    rows, a day at a time; ``progress`` is called after each day. Returns the number of days rebuilt."""
    hall_ids = list(hall_ids) if hall_ids is not None else None
    day, days = first, 0
    while day <= last:
        for source in SOURCES:
            for stmt in _statements(source, hall_ids, day, day):
                await session.execute(stmt)
        days += 1
        if progress is not None:
            progress(day)
        day += timedelta(days=1)
    return days


async def raw_extent(session: AsyncSession) -> tuple[date, date] | None:
    """The first and last local day any case, ticket, rating or complaint falls on (None: no data)."""
    bounds = []
    for column in (Case.accepted_at, QueueTicket.finished_at, Rating.rated_at, Complaint.received_at):
        row = (await session.execute(sa.select(sa.func.min(column), sa.func.max(column)))).one()
        bounds += [value for value in row if value is not None]
    if not bounds:
        return None
    moments = [to_local(value if value.tzinfo else value.replace(tzinfo=timezone.utc)) for value in bounds]
    return min(moments).date(), max(moments).date()


# --- tracking writes ---------------------------------------------------------------------------


def _local_day(moment: datetime | None) -> date | None:
    return to_local(moment).date() if moment is not None else None


def _values(obj, attribute: str) -> list:
    """The attribute's value now and, when changed in this flush, before."""
    history = sa.inspect(obj).attrs[attribute].history
    return [v for v in (*history.added, *history.unchanged, *history.deleted) if v is not None] or (
        [getattr(obj, attribute)] if getattr(obj, attribute, None) is not None else [])


def touch(session: AsyncSession | Session, *, source: str, hall_id: uuid.UUID, day: date) -> None:
    """Note that ``source``'s rollups of ``hall_id`` on ``day`` must be re-counted before commit."""
    sync = session.sync_session if isinstance(session, AsyncSession) else session
    sync.info.setdefault(_PENDING, set()).add((source, hall_id, day))


def touch_cases(session: AsyncSession | Session, case_ids: Iterable[uuid.UUID]) -> None:
    """Note that the cases' acceptance days must be re-counted before commit (for writes the ORM does not
    see, e.g. a bulk UPDATE of their correction notices)."""
    sync = session.sync_session if isinstance(session, AsyncSession) else session
    sync.info.setdefault(_CASES, set()).update(case_ids)


def record(session: AsyncSession | Session, *rows) -> None:
    """Note rows written with a Core statement the ORM does not see (e.g. ``INSERT … ON CONFLICT`` of
    ratings), so that what they change is counted before commit. Rows written through the session need no
    call. New ratings (the hot path: 好差评 at volume) are added to the rollups as increments instead of
    re-counting their hall-days; anything else is re-counted."""
    sync = session.sync_session if isinstance(session, AsyncSession) else session
    ratings = [row for row in rows if isinstance(row, Rating)]
    sync.info.setdefault(_NEW_RATINGS, set()).update(rating.id for rating in ratings)
    _note(sync, [row for row in rows if not isinstance(row, Rating)])


@event.listens_for(Session, "before_flush")
def _track(session: Session, flush_context, instances) -> None:
    _note(session, (*session.new, *session.dirty, *session.deleted))


def _changed(obj, *attributes: str) -> bool:
    state = sa.inspect(obj)
    return state.persistent and any(state.attrs[a].history.deleted for a in attributes)


def _note(session: Session, rows) -> None:
    for obj in rows:
        if isinstance(obj, Case):
            for hall_id in _values(obj, "hall_id"):
                for moment in _values(obj, "accepted_at"):
                    touch(session, source="case", hall_id=hall_id, day=_local_day(moment))
            if _changed(obj, "window_id", "staff_id", "item_id", "hall_id"):
                session.info.setdefault(_MOVED_CASES, set()).add(obj.id)
        elif isinstance(obj, (Staff, Window)):
            if _changed(obj, "department_id"):
                session.info.setdefault(_MOVED_TARGETS, set()).add(obj.id)
        elif isinstance(obj, Rating):
            for moment in _values(obj, "rated_at"):
                touch(session, source="rating", hall_id=obj.hall_id, day=_local_day(moment))
            touch_cases(session, _values(obj, "case_id"))
        elif isinstance(obj, QueueTicket):
            for moment in _values(obj, "finished_at"):
                touch(session, source="ticket", hall_id=obj.hall_id, day=_local_day(moment))
            touch_cases(session, _values(obj, "case_id"))
        elif isinstance(obj, Complaint):
            for moment in _values(obj, "received_at"):
                touch(session, source="complaint", hall_id=obj.hall_id, day=_local_day(moment))
        elif isinstance(obj, CorrectionNotice):
            touch_cases(session, _values(obj, "case_id"))


@event.listens_for(Session, "before_commit")
def _apply(session: Session) -> None:

    """Re-count the hall-days this transaction touched, just before it commits (runs inside the async
    session's greenlet, so the synchronous calls below are the async session's own)."""
    if not any(session.info.get(key) for key in (_PENDING, _CASES, _MOVED_CASES, _MOVED_TARGETS, _NEW_RATINGS)):
        if not (session.new or session.dirty or session.deleted):
            return
    session.flush()
    new_ratings = session.info.pop(_NEW_RATINGS, set())
    if new_ratings:
        _add_new_ratings(session, sorted(new_ratings))
    pending: set = session.info.pop(_PENDING, set())
    case_ids = session.info.pop(_CASES, set())
    moved = sorted(session.info.pop(_MOVED_CASES, set()))
    if moved:  # a ticket counts for its case's handler, a rating for its case's window and department
        tickets = sa.select(sa.literal("ticket"), QueueTicket.hall_id, QueueTicket.finished_at).where(
            QueueTicket.case_id.in_(moved), QueueTicket.finished_at.is_not(None))
        ratings = sa.select(sa.literal("rating"), Rating.hall_id, Rating.rated_at).where(Rating.case_id.in_(moved))
        pending |= {(row[0], row[1], _local_day(row[2])) for row in session.execute(sa.union_all(tickets, ratings)).all()}
    targets = sorted(session.info.pop(_MOVED_TARGETS, set()))
    if targets:  # a complaint about a staff member or window counts for their department
        rows = session.execute(sa.select(Complaint.hall_id, Complaint.received_at).where(
            Complaint.target_id.in_(targets))).all()
        pending |= {("complaint", row.hall_id, _local_day(row.received_at)) for row in rows}
    if case_ids:
        rows = session.execute(sa.select(Case.hall_id, Case.accepted_at).where(Case.id.in_(sorted(case_ids)))).all()
        pending |= {("case", row.hall_id, _local_day(row.accepted_at)) for row in rows}
    if not pending:
        return
    postgres = session.get_bind().dialect.name == "postgresql"
    for source, hall_id, day in sorted(pending, key=lambda key: (key[0], str(key[1]), key[2])):
        if postgres:
            session.execute(sa.select(sa.func.pg_advisory_xact_lock(
                sa.func.hashtextextended(f"rollup:{source}:{hall_id}:{day.isoformat()}", 0))))
        for stmt in _statements(source, [hall_id], day, day):
            session.execute(stmt)


def _upsert(session: Session, table, rows: list[dict], counters: tuple[str, ...]) -> None:
    """INSERT … ON CONFLICT DO UPDATE SET counter = counter + excluded.counter (both backends speak it)."""
    from sqlalchemy.dialects import postgresql, sqlite

    insert = (postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert)(table)
    keys = [c.name for c in table.__table__.primary_key.columns]
    stmt = insert.values(rows)
    stmt = stmt.on_conflict_do_update(index_elements=keys, set_={
        name: getattr(table.__table__.c, name) + getattr(stmt.excluded, name) for name in counters})
    session.execute(stmt)


def _add_new_ratings(session: Session, rating_ids: list[uuid.UUID]) -> None:
    """Count ratings just inserted (by ``ratings.submit`` or the default-rating job) as increments: their level
    on their day for the hall, the case's window and department and the rated staff member, and — for the
    first citizen rating of a completed case — ``rated`` on the case's acceptance day. Two statements, three
    with a citizen rating; no hall-day lock (row locks of the upsert suffice)."""
    other_citizen = sa.select(sa.func.count()).where(
        Rating.case_id == Case.id, Rating.defaulted.is_(False)).correlate(Case).scalar_subquery()
    rows = session.execute(
        sa.select(Rating.id, Rating.hall_id, Rating.staff_id, Rating.level, Rating.defaulted, Rating.rated_at,
                  Rating.counts_in_assessment, Case.window_id, Case.staff_id.label("case_staff_id"),
                  Case.accepted_at, Case.status, ServiceItem.department_id, other_citizen.label("citizen_ratings"))
        .join(Case, Case.id == Rating.case_id).outerjoin(ServiceItem, ServiceItem.id == Case.item_id)
        .where(Rating.id.in_(rating_ids))).all()
    levels: dict[tuple, list[int]] = {}
    rated: dict[tuple, int] = {}
    for row in rows:
        subjects = {BulletinScope.HALL: row.hall_id, BulletinScope.WINDOW: row.window_id,
                    BulletinScope.DEPARTMENT: row.department_id, BulletinScope.STAFF: row.staff_id}
        if row.counts_in_assessment:
            day = _local_day(row.rated_at)
            for scope, subject in subjects.items():
                counts = levels.setdefault((row.hall_id, day, scope.value, subject or NO_SUBJECT, row.level), [0, 0])
                counts[0] += 1
                counts[1] += 0 if row.defaulted else 1
        if not row.defaulted and row.status == CaseStatus.COMPLETED and row.citizen_ratings == 1:
            day = _local_day(row.accepted_at)
            subjects[BulletinScope.STAFF] = row.case_staff_id
            for scope, subject in subjects.items():
                key = (row.hall_id, day, scope.value, subject or NO_SUBJECT)
                rated[key] = rated.get(key, 0) + 1
    if levels:
        _upsert(session, RollupRating, [
            {"hall_id": k[0], "day": k[1], "scope": k[2], "subject_id": k[3], "level": k[4], "ratings": v[0],
             "by_citizens": v[1]} for k, v in sorted(levels.items(), key=lambda item: str(item[0]))],
            ("ratings", "by_citizens"))
    if rated:
        # The case was counted on its day when it was accepted: its rows exist (zeros elsewhere are harmless).
        _upsert(session, RollupCase, [
            {"hall_id": k[0], "day": k[1], "scope": k[2], "subject_id": k[3], "cases": 0, "applicants_without_ticket": 0,
             "completed": 0, "completed_late": 0, "corrected": 0, "rated": v}
            for k, v in sorted(rated.items(), key=lambda item: str(item[0]))], ("rated",))
