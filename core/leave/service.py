"""Leave services: request → the plugin's chain → each step decided by its side → effective; cancel; 销假.

Every local rule comes from the policy facade: the kinds that are only
reported (报备), the duration bands and their steps, whether a substitute (or
a B-role substitute) must be named, whether the window may be left empty.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.db.versioning import claim
from core.departments.models import HallDepartment
from core.errors import ConflictError, DomainError, NotFoundError, RuleViolation
from core.leave.approvers import deciders_for
from core.leave import attachments
from core.leave.models import (
    ABSENT_STATUSES,
    BLOCKING_STATUSES,
    LeaveRequest,
    LeaveSession,
    LeaveStatus,
    LeaveStep,
    StepStatus,
)
from core.policy.service import JurisdictionPolicy
from core.policy.types import LeaveChain, PolicyError, Violation
from core.staff.models import Staff, StaffStatus
from core.staff.service import StaffSides
from core.timezones import SHANGHAI
from core.windows import service as window_service
from core.windows.models import HandoverReason, PostRole, Window

NOON = time(12, 0)
REJECTABLE_ACTIONS = ("approve", "agree", "sign")


@dataclass(frozen=True)
class LeaveSpan:
    """When an absence runs (``ends_at`` exclusive), its length in working days and, if short, in hours."""

    starts_at: datetime
    ends_at: datetime
    days: float
    hours: float | None


def _local(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=SHANGHAI)


def session_span(policy: JurisdictionPolicy, *, first_day: date, first_session: LeaveSession, last_day: date,
                 last_session: LeaveSession) -> LeaveSpan:
    """Whole sessions: a morning runs to noon, an afternoon from noon; days counted on the working calendar."""
    try:
        days = policy.leave_duration(first_day, last_day, first_session.value, last_session.value)
    except PolicyError as exc:
        raise _invalid("endsOn", "请假结束早于开始", str(exc)) from None
    if days == 0:
        raise DomainError("LEAVE_NO_WORKING_DAY")
    starts = _local(first_day, time(0) if first_session == LeaveSession.MORNING else NOON)
    ends = _local(last_day, NOON) if last_session == LeaveSession.MORNING else _local(last_day + timedelta(days=1), time(0))
    return LeaveSpan(starts, ends, days, None)


def hour_span(policy: JurisdictionPolicy, *, starts_at: datetime, hours: float,
              configured_hours: list | None = None) -> LeaveSpan:
    """An absence shorter than a session, within one working day (counted as 0 working days).

    A session is the day's longest public span (the hall's configured hours where the rule lets a hall set them).
    """
    day = starts_at.astimezone(SHANGHAI).date()
    if hours <= 0:
        raise _invalid("hours", "时长须大于0", "must be more than 0")
    if not policy.is_working_day(day):
        raise DomainError("LEAVE_NO_WORKING_DAY")
    longest = max(((datetime.combine(day, s.end) - datetime.combine(day, s.start)).total_seconds() / 3600
                   for s in policy.service_hours(day, configured_hours=_spans(configured_hours)).public), default=0)
    if hours >= longest:
        raise _invalid("hours", f"不短于半天（{longest:g}小时）的请假请按上午/下午申请",
                       f"an absence of a session ({longest:g} h) or more is requested by sessions")
    return LeaveSpan(starts_at, starts_at + timedelta(hours=hours), 0.0, hours)


def _spans(configured_hours: list | None) -> list[str] | None:
    """A hall's configured hours ([["08:30","12:00"], …]) as the facade takes them ("08:30-12:00")."""
    return [f"{start}-{end}" for start, end in configured_hours] if configured_hours else None


def _invalid(field: str, reason: str, reason_en: str) -> DomainError:
    return DomainError("VALIDATION_FAILED", {"field": field, "reason": reason, "reason_en": reason_en}, field)


# --- reading ----------------------------------------------------------------------------------


def absent_at(at: datetime) -> sa.ColumnElement[bool]:
    """Leave rows that keep their staff member off the post at ``at``."""
    return sa.and_(
        # R6: a leave asked by phone is effective at once; its paperwork (the chain) follows.
        sa.or_(LeaveRequest.status.in_(ABSENT_STATUSES),
               sa.and_(LeaveRequest.status == LeaveStatus.PENDING, LeaveRequest.by_phone.is_(True))),
        LeaveRequest.starts_at <= at,
        LeaveRequest.ends_at > at,
        sa.or_(LeaveRequest.returned_at.is_(None), LeaveRequest.returned_at > at),
    )


async def absences_at(session: AsyncSession, *, staff_ids: Iterable[uuid.UUID], at: datetime) -> dict[uuid.UUID, LeaveRequest]:
    """staff id → the leave keeping them off the post at ``at`` (one statement)."""
    ids = list(set(staff_ids))
    if not ids:
        return {}
    rows = (await session.execute(
        sa.select(LeaveRequest).where(LeaveRequest.staff_id.in_(ids), absent_at(at)).order_by(LeaveRequest.starts_at)
    )).scalars()
    return {row.staff_id: row for row in rows}


async def busy_between(session: AsyncSession, *, staff_ids: Iterable[uuid.UUID], starts_at: datetime,
                       ends_at: datetime, exclude: uuid.UUID | None = None) -> set[uuid.UUID]:
    """Staff with a pending or effective absence overlapping ``[starts_at, ends_at)``."""
    ids = list(set(staff_ids))
    if not ids:
        return set()
    stmt = sa.select(LeaveRequest.staff_id).where(
        LeaveRequest.staff_id.in_(ids),
        LeaveRequest.status.in_(BLOCKING_STATUSES),
        LeaveRequest.starts_at < ends_at,
        LeaveRequest.ends_at > starts_at,
        sa.or_(LeaveRequest.returned_at.is_(None), LeaveRequest.returned_at > starts_at),
    )
    if exclude is not None:
        stmt = stmt.where(LeaveRequest.id != exclude)
    return set((await session.execute(stmt)).scalars())


async def get(session: AsyncSession, *, leave_id: uuid.UUID) -> LeaveRequest:
    request = await session.get(LeaveRequest, leave_id)
    if request is None:
        raise NotFoundError("请假单", "Leave request")
    return request


async def steps_of(session: AsyncSession, *, leave_id: uuid.UUID) -> list[LeaveStep]:
    return list((await session.execute(
        sa.select(LeaveStep).where(LeaveStep.leave_request_id == leave_id).order_by(LeaveStep.position)
    )).scalars())


# --- the rules a request must meet ---------------------------------------------------------------


def _rule_ids(policy: JurisdictionPolicy, chain: LeaveChain, topics: Sequence[str]) -> str:
    """The chain's rule about ``topics`` (e.g. the substitute rule), else the rule of its duration band."""
    by_id = {rule.id: rule for rule in policy.rules()}
    for topic in topics:
        for ref in chain.rules:
            if ref.id in by_id and by_id[ref.id].topic == topic:
                return ref.id
    return chain.rules[0].id


async def _posts(session: AsyncSession, staff_id: uuid.UUID) -> list[tuple[Window, list]]:
    """The windows a staff member works on, each with all its posts (staff rows with ``post_role``)."""
    mine = await window_service.assignments_of(session, staff_id=staff_id)
    if not mine:
        return []
    windows = {w.id: w for w in (await session.execute(
        sa.select(Window).where(Window.id.in_([a.window_id for a in mine])).order_by(Window.number)
    )).scalars()}
    posts = await window_service.posts_of_windows(session, window_ids=list(windows))
    return [(windows[window_id], posts[window_id]) for window_id in windows]


async def check_substitute(session: AsyncSession, *, policy: JurisdictionPolicy, chain: LeaveChain,
                           sides: StaffSides, substitute: Staff | None, span: LeaveSpan,
                           exclude: uuid.UUID | None = None) -> None:
    """A substitute when the chain needs one (a B-role one: the AB partner on a shared window), available."""
    staff = sides.staff
    rule_id = _rule_ids(policy, chain, ("leave_substitute", "leave_chain"))
    if substitute is None:
        if chain.substitute_required:
            code = "LEAVE_B_ROLE_SUBSTITUTE_REQUIRED" if chain.b_role_substitute_required else "LEAVE_SUBSTITUTE_REQUIRED"
            raise RuleViolation(code, [Violation(rule_id, "须先指定替岗人员" + ("（B角）" if chain.b_role_substitute_required else ""),
                                                 "a substitute" + (" in the B role" if chain.b_role_substitute_required else "")
                                                 + " must be named first", "substituteId")])
        return
    if substitute.id == staff.id or substitute.hall_id != staff.hall_id:
        raise _invalid("substituteId", "替岗人员须为本厅其他工作人员", "the substitute must be another staff member of this hall")
    if substitute.status != StaffStatus.ON_DUTY:
        raise DomainError("LEAVE_SUBSTITUTE_UNAVAILABLE", {"name": substitute.name}, "substituteId")
    if substitute.id in await busy_between(session, staff_ids=[substitute.id], starts_at=span.starts_at,
                                           ends_at=span.ends_at, exclude=exclude):
        raise DomainError("LEAVE_SUBSTITUTE_UNAVAILABLE", {"name": substitute.name}, "substituteId")
    if chain.b_role_substitute_required:
        partners = {p.id for _, posts in await _posts(session, staff.id) for p in posts if p.id != staff.id}
        if substitute.id not in partners:
            raise RuleViolation("LEAVE_B_ROLE_SUBSTITUTE_REQUIRED", [Violation(
                rule_id, f"{substitute.name}不是本人窗口的AB角搭档", f"{substitute.name} is not this member's AB partner on a window",
                "substituteId")])


async def check_window_staffed(session: AsyncSession, *, policy: JurisdictionPolicy, chain: LeaveChain,
                               sides: StaffSides, substitute: Staff | None, span: LeaveSpan,
                               exclude: uuid.UUID | None = None) -> None:
    """Where the chain says so (jiedong Art 27), every window of the requester keeps someone on the post."""
    if not chain.window_must_stay_staffed:
        return
    posts_by_window = await _posts(session, sides.staff.id)
    others = {p.id for _, posts in posts_by_window for p in posts if p.id != sides.staff.id}
    candidates = others | ({substitute.id} if substitute else set())
    busy = await busy_between(session, staff_ids=candidates, starts_at=span.starts_at, ends_at=span.ends_at,
                              exclude=exclude)
    substitute_free = substitute is not None and substitute.status == StaffStatus.ON_DUTY and substitute.id not in busy
    empty = [
        window.number for window, posts in posts_by_window
        if not substitute_free and not any(
            p.id != sides.staff.id and p.status == StaffStatus.ON_DUTY and p.id not in busy for p in posts)
    ]
    if empty:
        rule_id = _rule_ids(policy, chain, ("leave_chain",))
        raise RuleViolation("LEAVE_WINDOW_LEFT_EMPTY", [Violation(
            rule_id, f"窗口{'、'.join(empty)}将无人在岗，须确保窗口不空岗", f"window {', '.join(empty)} would be left empty",
            "substituteId")], {"windows": "、".join(empty)})


# --- writing --------------------------------------------------------------------------------------


async def create(session: AsyncSession, *, policy: JurisdictionPolicy, sides: StaffSides, kind: str, span: LeaveSpan,
                 reason: str | None, substitute: Staff | None, requested_by: uuid.UUID | None,
                 now: datetime, by_phone: bool = False,
                 paperwork_working_days: int | None = None) -> tuple[LeaveRequest, list[LeaveStep]]:
    """A leave request on the chain the jurisdiction gives; reported kinds (报备) take effect at once.

    ``by_phone`` (R6, nanbu 考勤制度 二(三)): asked by phone in an emergency where the jurisdiction allows it;
    it keeps the staff member excused at once, and its paperwork (the chain, and any document) is due within
    the jurisdiction's working days."""
    staff = sides.staff
    if staff.status != StaffStatus.ON_DUTY:
        raise DomainError("STAFF_NOT_ON_DUTY", {"status": StaffStatus(staff.status).label})
    handling = {k.code: k for k in policy.leave_kinds()}.get(kind)
    if handling is None:
        raise _invalid("kind", "本辖区无此类请假", "this jurisdiction has no such kind of absence")
    try:
        chain = policy.leave_chain(span.days, hours=span.hours, kind=kind)
    except PolicyError as exc:
        raise _invalid("kind", str(exc), str(exc)) from None
    unmapped = [f"{s.title} ({s.role}, {s.side})" for s in chain.steps if deciders_for(s.role, s.side) is None]
    if unmapped:
        raise DomainError("LEAVE_CHAIN_UNMAPPED", {"steps": ", ".join(unmapped)})
    if staff.id in await busy_between(session, staff_ids=[staff.id], starts_at=span.starts_at, ends_at=span.ends_at):
        raise DomainError("LEAVE_OVERLAPS")
    await check_substitute(session, policy=policy, chain=chain, sides=sides, substitute=substitute, span=span)
    await check_window_staffed(session, policy=policy, chain=chain, sides=sides, substitute=substitute, span=span)

    paperwork_due_on = None
    if by_phone:
        needs = policy.leave_requirements(kind, paperwork_working_days)
        if not needs.phone_leave_allowed:
            raise RuleViolation("LEAVE_PHONE_NOT_ALLOWED", [Violation(
                needs.rules[0].id, "本辖区请假须先办理手续，不接受电话请假",
                "here leave is asked through its procedure first, not by phone", "byPhone")])
        today = now.astimezone(SHANGHAI).date()
        paperwork_due_on = policy.add_working_days(today, needs.paperwork_working_days or 0)
    reported = not chain.approval_required
    request = LeaveRequest(
        staff_id=staff.id, hall_id=staff.hall_id, department_id=staff.department_id, kind=kind,
        handling="reported" if reported else "approved", starts_at=span.starts_at, ends_at=span.ends_at,
        days=span.days, hours=span.hours, band=chain.band, reason=reason,
        substitute_staff_id=substitute.id if substitute else None,
        status=LeaveStatus.REPORTED if reported else LeaveStatus.PENDING,
        substitute_required=chain.substitute_required, b_role_substitute_required=chain.b_role_substitute_required,
        window_must_stay_staffed=chain.window_must_stay_staffed, return_report_required=chain.return_report_required,
        form=chain.form, rule_ids=[ref.id for ref in chain.rules], requested_by=requested_by, requested_at=now,
        decided_at=now if reported else None, by_phone=by_phone and not reported, paperwork_due_on=paperwork_due_on,
    )
    session.add(request)
    await session.flush()
    steps = []
    for position, step in enumerate(chain.steps):
        if reported:
            status, decided_at, comment = StepStatus.DONE, now, "报备"
        else:
            status, decided_at, comment = (StepStatus.PENDING if position == 0 else StepStatus.WAITING), None, None
        steps.append(LeaveStep(leave_request_id=request.id, position=position, role=step.role, side=step.side,
                               title=step.title, action=step.action, status=status, decided_at=decided_at,
                               comment=comment))
    session.add_all(steps)
    if reported:
        await take_effect(session, request=request, sides=sides)
    else:
        _point_at(request, steps[0] if steps else None)
        if not steps:  # a chain without steps approves itself
            request.status, request.decided_at = LeaveStatus.APPROVED, now
            await take_effect(session, request=request, sides=sides)
    await session.flush()
    return request, steps


def _point_at(request: LeaveRequest, step: LeaveStep | None) -> None:
    request.current_position = step.position if step else None
    request.current_role = step.role if step else None
    request.current_side = step.side if step else None


async def decide(session: AsyncSession, *, policy: JurisdictionPolicy, sides: StaffSides, request: LeaveRequest,
                 step: LeaveStep, approve: bool, comment: str | None, decided_by: uuid.UUID, decided_by_name: str,
                 acted_for: str, now: datetime) -> list[LeaveStep]:
    """Decide the pending step; the last approval makes the leave effective. Exactly one of two racing deciders wins."""
    if step.status != StepStatus.PENDING or request.status != LeaveStatus.PENDING:
        raise ConflictError("LEAVE_STEP_ALREADY_DECIDED")
    if not approve and step.action not in REJECTABLE_ACTIONS:
        raise DomainError("LEAVE_STEP_CANNOT_REJECT", {"title": step.title})
    if approve:
        await require_documents(session, policy=policy, request=request)
    await claim(session, request, code="LEAVE_STEP_ALREADY_DECIDED")
    steps = await steps_of(session, leave_id=request.id)
    step = next(s for s in steps if s.id == step.id)
    step.status = StepStatus.DONE if approve else StepStatus.REJECTED
    step.decided_by, step.decided_by_name, step.acted_for = decided_by, decided_by_name, acted_for
    step.decided_at, step.comment = now, comment
    later = [s for s in steps if s.position > step.position]
    if not approve:
        for s in later:
            s.status = StepStatus.SKIPPED
        request.status, request.decided_at = LeaveStatus.REJECTED, now
        _point_at(request, None)
    elif later:
        later[0].status = StepStatus.PENDING
        _point_at(request, later[0])
    else:
        chain = _stored_chain(policy, request)
        substitute = await session.get(Staff, request.substitute_staff_id) if request.substitute_staff_id else None
        span = LeaveSpan(request.starts_at, request.ends_at, request.days, request.hours)
        # The hall may have changed since the request: the window rule is checked again before it takes effect.
        await check_window_staffed(session, policy=policy, chain=chain, sides=sides, substitute=substitute, span=span,
                                   exclude=request.id)
        request.status, request.decided_at = LeaveStatus.APPROVED, now
        _point_at(request, None)
        await take_effect(session, request=request, sides=sides)
    await session.flush()
    return steps


async def require_documents(session: AsyncSession, *, policy: JurisdictionPolicy, request: LeaveRequest) -> None:
    """R6: the document the kind needs (nanbu sick leave: 医院证明) is attached before any approval."""
    needs = policy.leave_requirements(request.kind)
    if needs.attachment and needs.attachment not in await attachments.kinds_attached(session, leave_id=request.id):
        raise RuleViolation("LEAVE_ATTACHMENT_REQUIRED", [Violation(
            needs.rules[0].id, f"须先上传{needs.attachment_title}", f"attach the {needs.attachment} first",
            "attachment")])


def _stored_chain(policy: JurisdictionPolicy, request: LeaveRequest) -> LeaveChain:
    """The chain as it was when the request was made (the flags are stored on it)."""
    chain = policy.leave_chain(request.days, hours=request.hours, kind=request.kind)
    return replace(chain, substitute_required=request.substitute_required,
                   b_role_substitute_required=request.b_role_substitute_required,
                   window_must_stay_staffed=request.window_must_stay_staffed)


async def take_effect(session: AsyncSession, *, request: LeaveRequest, sides: StaffSides) -> None:
    """The leave is effective: on each window where the member is A, log who holds it while they are away."""
    await session.flush()
    for window, posts in await _posts(session, request.staff_id):
        if not any(p.id == request.staff_id and p.post_role == PostRole.A for p in posts):
            continue
        others = [p.id for p in posts if p.id != request.staff_id]
        absences = await absences_at(session, staff_ids=others, at=request.starts_at)
        absences[request.staff_id] = request
        substitutes = {}
        if request.substitute_staff_id:
            substitute = await session.get(Staff, request.substitute_staff_id)
            substitutes[substitute.id] = substitute
        chief = await _chief_representative(session, window)
        holder = window_service.responsible(posts, absences, substitutes, chief)
        window_service.log_handover(
            session, window_id=window.id, hall_id=window.hall_id, from_staff_id=request.staff_id,
            to_staff_id=holder.staff.id if holder.staff is not None else None, reason=HandoverReason.LEAVE,
            starts_at=request.starts_at, ends_at=request.ends_at, leave_request_id=request.id)


async def _chief_representative(session: AsyncSession, window: Window) -> Staff | None:
    if window.department_id is None:
        return None
    chief_id = (await session.execute(
        sa.select(HallDepartment.chief_representative_id).where(
            HallDepartment.hall_id == window.hall_id, HallDepartment.department_id == window.department_id)
    )).scalar()
    return await session.get(Staff, chief_id) if chief_id else None


async def cancel(session: AsyncSession, *, request: LeaveRequest, now: datetime) -> None:
    """Withdraw a request still pending, or an effective leave that has not ended (its handovers end now)."""
    effective = request.status in (LeaveStatus.APPROVED, LeaveStatus.REPORTED) and now < request.ends_at
    if request.status != LeaveStatus.PENDING and not effective:
        raise ConflictError("LEAVE_NOT_CANCELLABLE", {"status": LeaveStatus(request.status).label})
    await claim(session, request)
    for step in await steps_of(session, leave_id=request.id):
        if step.status in (StepStatus.PENDING, StepStatus.WAITING):
            step.status = StepStatus.SKIPPED
    request.status, request.cancelled_at = LeaveStatus.CANCELLED, now
    _point_at(request, None)
    await window_service.end_leave_handovers(session, leave_request_id=request.id, at=now)
    await session.flush()


async def report_return(session: AsyncSession, *, request: LeaveRequest, at: datetime) -> None:
    """销假: back on the post at ``at``; the handovers of this leave end then."""
    if request.status not in (LeaveStatus.APPROVED, LeaveStatus.REPORTED):
        raise ConflictError("LEAVE_NOT_RETURNABLE", {"status": LeaveStatus(request.status).label})
    if at < request.starts_at:
        raise DomainError("LEAVE_RETURN_BEFORE_START")
    await claim(session, request)
    request.status, request.returned_at = LeaveStatus.RETURNED, at
    await window_service.end_leave_handovers(session, leave_request_id=request.id, at=at)
    await session.flush()


def list_statement(*, hall_ids: Sequence[uuid.UUID] | None = None, department_ids: Sequence[uuid.UUID] | None = None,
                   staff_id: uuid.UUID | None = None, statuses: Sequence[str] | None = None,
                   starts_from: datetime | None = None, starts_before: datetime | None = None,
                   awaiting: sa.ColumnElement[bool] | None = None) -> sa.Select:
    """Leave requests, filtered (the caller restricts them to what it may see)."""
    stmt = sa.select(LeaveRequest.__table__)
    if hall_ids is not None:
        stmt = stmt.where(LeaveRequest.hall_id.in_(hall_ids))
    if department_ids is not None:
        stmt = stmt.where(LeaveRequest.department_id.in_(department_ids))
    if staff_id is not None:
        stmt = stmt.where(LeaveRequest.staff_id == staff_id)
    if statuses:
        stmt = stmt.where(LeaveRequest.status.in_(statuses))
    if starts_from is not None:
        stmt = stmt.where(LeaveRequest.ends_at > starts_from)
    if starts_before is not None:
        stmt = stmt.where(LeaveRequest.starts_at < starts_before)
    if awaiting is not None:
        stmt = stmt.where(awaiting)
    return stmt
