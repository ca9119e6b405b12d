"""Duty services: roster the slots the jurisdiction's plan has (panyu leader duty, nanbu lunch duty), notified as far
ahead as the plan says; swaps between leaders or a substitute found by the person on duty, as the plan says."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.auth.models import User
from core.db.versioning import claim
from core.duty.models import DutyAssignment
from core.errors import ConflictError, DomainError, NotFoundError, RuleViolation
from core.halls.models import Hall
from core.jurisdictions import settings as jurisdiction_settings
from core.leave.service import absences_at
from core.policy.duty import holiday_span
from core.policy.service import JurisdictionPolicy
from core.policy.types import DutyPlan, DutySlot, Violation
from core.staff.models import Staff, StaffStatus
from core.timezones import SHANGHAI

BETWEEN_LEADERS = "between_duty_leaders"
PERSON_FINDS_SUBSTITUTE = "person_on_duty_finds_substitute"


async def plan_for(session: AsyncSession, *, policy: JurisdictionPolicy, day: date) -> DutyPlan:
    """The day's duty plan, with the jurisdiction admin's holiday duty hours where set (R3 default)."""
    configured = await jurisdiction_settings.load(session, jurisdiction=policy.jurisdiction)
    return policy.duty_plan(day, holiday_span(configured))


def _slot(plan: DutyPlan, code: str, start: time | None) -> DutySlot:
    matches = [s for s in plan.slots if s.code == code and (start is None or s.span.start == start)]
    if len(matches) != 1:
        offered = "、".join(f"{s.title}{s.span}" for s in plan.slots) or "无"
        offered_en = ", ".join(f"{s.code} {s.span}" for s in plan.slots) or "none"
        rule = plan.rules[0].id if plan.rules else "duty"
        raise RuleViolation("DUTY_SLOT_NOT_IN_PLAN", [Violation(
            rule, f"{plan.date} 的值班时段为：{offered}" + ("（同名时段须给出开始时间）" if len(matches) > 1 else ""),
            f"the duty slots of {plan.date} are: {offered_en}" + (" (give the start time)" if len(matches) > 1 else ""),
            "slotCode")])
    return matches[0]


class Assignee:
    """Who is on duty: a leader (a user) or a staff member."""

    def __init__(self, *, user: User | None = None, staff: Staff | None = None):
        self.user, self.staff = user, staff

    @property
    def name(self) -> str:
        return self.user.display_name if self.user else self.staff.name


async def check_assignee(session: AsyncSession, *, authorizer, hall: Hall, slot: DutySlot, day: date,
                         assignee: Assignee, rule_id: str) -> None:
    """A leader slot takes a duty leader of the hall; a staff member must be on duty and not away then."""
    if slot.swaps == BETWEEN_LEADERS:
        roles = set(authorizer.roles_in(assignee.user.id, f"hall:{hall.id}")) if assignee.user else set()
        if not roles & {"duty_leader", "hall_office_leader"}:
            raise RuleViolation("DUTY_ASSIGNEE_NOT_A_LEADER", [Violation(
                rule_id, "领导值班须安排本厅值班领导", "a leader duty slot takes one of the hall's duty leaders", "userId")])
    if assignee.staff is not None:
        staff = assignee.staff
        if staff.hall_id != hall.id or staff.status != StaffStatus.ON_DUTY:
            raise DomainError("STAFF_NOT_ON_DUTY", {"status": StaffStatus(staff.status).label}, "staffId")
        start = datetime.combine(day, slot.span.start, tzinfo=SHANGHAI)
        if staff.id in await absences_at(session, staff_ids=[staff.id], at=start):
            raise DomainError("DUTY_ASSIGNEE_AWAY", {"name": staff.name}, "staffId")


async def schedule(session: AsyncSession, *, policy: JurisdictionPolicy, authorizer, hall: Hall, day: date,
                   slot_code: str, start: time | None, assignee: Assignee, assigned_by: uuid.UUID | None,
                   now: datetime) -> DutyAssignment:
    """Put someone on a slot of the plan; the roster is notified now, at least as far ahead as the plan says."""
    plan = await plan_for(session, policy=policy, day=day)
    slot = _slot(plan, slot_code, start)
    rule_id = plan.rules[0].id
    today = now.astimezone(SHANGHAI).date()
    if slot.notified_days_ahead is not None and day - today < timedelta(days=slot.notified_days_ahead):
        raise RuleViolation("DUTY_NOTICE_TOO_LATE", [Violation(
            rule_id, f"值班安排须提前{slot.notified_days_ahead}天通知", f"the roster is notified {slot.notified_days_ahead} "
            "day(s) ahead", "day")])
    if day < today:
        raise DomainError("VALIDATION_FAILED", {"field": "day", "reason": "不能早于今天",
                                                "reason_en": "cannot be before today"}, "day")
    await check_assignee(session, authorizer=authorizer, hall=hall, slot=slot, day=day, assignee=assignee, rule_id=rule_id)
    taken = (await session.execute(sa.select(DutyAssignment.id).where(
        DutyAssignment.hall_id == hall.id, DutyAssignment.duty_on == day, DutyAssignment.slot_code == slot.code,
        DutyAssignment.start_time == slot.span.start))).first()
    if taken is not None:
        raise ConflictError("DUTY_SLOT_TAKEN")
    assignment = DutyAssignment(
        hall_id=hall.id, duty_on=day, slot_code=slot.code, title=slot.title, start_time=slot.span.start,
        end_time=slot.span.end, location=slot.location, assignee_user_id=assignee.user.id if assignee.user else None,
        assignee_staff_id=assignee.staff.id if assignee.staff else None, assignee_name=assignee.name,
        notice_channel=slot.notified_by, notified_at=now, rule_ids=[r.id for r in plan.rules], assigned_by=assigned_by)
    session.add(assignment)
    await session.flush()
    return assignment


async def _plan_slot(session: AsyncSession, policy: JurisdictionPolicy,
                     assignment: DutyAssignment) -> tuple[DutyPlan, DutySlot]:
    plan = await plan_for(session, policy=policy, day=assignment.duty_on)
    return plan, _slot(plan, assignment.slot_code, assignment.start_time)


async def swap(session: AsyncSession, *, policy: JurisdictionPolicy, mine: DutyAssignment, theirs: DutyAssignment,
               now: datetime) -> None:
    """Two leaders exchange their duties (panyu Art 67: swaps are arranged between duty leaders)."""
    for assignment in (mine, theirs):
        plan, slot = await _plan_slot(session, policy, assignment)
        if slot.swaps != BETWEEN_LEADERS:
            raise RuleViolation("DUTY_SWAP_NOT_ALLOWED", [Violation(
                plan.rules[0].id, f"{slot.title}不在领导之间调换", f"{slot.code} is not swapped between leaders", "withId")])
    if mine.id == theirs.id or mine.hall_id != theirs.hall_id:
        raise DomainError("VALIDATION_FAILED", {"field": "withId", "reason": "须为本厅另一值班安排",
                                                "reason_en": "must be another duty of the same hall"}, "withId")
    await claim(session, mine)
    await claim(session, theirs)
    mine.assignee_user_id, theirs.assignee_user_id = theirs.assignee_user_id, mine.assignee_user_id
    mine.assignee_staff_id, theirs.assignee_staff_id = theirs.assignee_staff_id, mine.assignee_staff_id
    mine.assignee_name, theirs.assignee_name = theirs.assignee_name, mine.assignee_name
    mine.notified_at = theirs.notified_at = now
    await session.flush()


async def hand_over(session: AsyncSession, *, policy: JurisdictionPolicy, authorizer, hall: Hall,
                    assignment: DutyAssignment, substitute: Assignee, now: datetime) -> None:
    """The person on duty finds a substitute (nanbu 午间值班制度 七)."""
    plan, slot = await _plan_slot(session, policy, assignment)
    if slot.swaps != PERSON_FINDS_SUBSTITUTE:
        raise RuleViolation("DUTY_HANDOVER_NOT_ALLOWED", [Violation(
            plan.rules[0].id, f"{slot.title}由领导之间调换，不由本人找人替班", f"{slot.code} is not handed over by the person on duty",
            "substituteStaffId")])
    await check_assignee(session, authorizer=authorizer, hall=hall, slot=slot, day=assignment.duty_on,
                         assignee=substitute, rule_id=plan.rules[0].id)
    await claim(session, assignment)
    assignment.assignee_user_id = substitute.user.id if substitute.user else None
    assignment.assignee_staff_id = substitute.staff.id if substitute.staff else None
    assignment.assignee_name, assignment.notified_at = substitute.name, now
    await session.flush()


async def get(session: AsyncSession, *, assignment_id: uuid.UUID) -> DutyAssignment:
    assignment = await session.get(DutyAssignment, assignment_id)
    if assignment is None:
        raise NotFoundError("值班安排", "Duty assignment")
    return assignment


def on_duty_statement(*, hall_id: uuid.UUID, at: datetime) -> sa.Select:
    """Who is on duty in a hall at a moment (local date and wall-clock time)."""
    local = at.astimezone(SHANGHAI)
    moment = local.time().replace(tzinfo=None)
    return (sa.select(DutyAssignment.__table__)
            .where(DutyAssignment.hall_id == hall_id, DutyAssignment.duty_on == local.date(),
                   DutyAssignment.start_time <= moment, DutyAssignment.end_time > moment)
            .order_by(DutyAssignment.start_time))
