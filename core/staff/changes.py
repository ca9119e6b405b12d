"""Staff changes (RULEBOOK §2, §7): putting a member on duty, training, replacing, returning, conduct facts.

The department proposes, the hall approves before duty (jiedong Art 6); a
replacement is the department's with the hall's agreement, checked against
the jurisdiction's replacement rule (dongguan 先进后出, panyu advance
filing); returning a member is the hall's. Window posts follow every change:
when an A member leaves, a B member holds the window (a logged handover).

Every change of who serves in the hall is reported upward (上报, ``core.outbox``)
in the same transaction: proposed, onboarded or rejected, a replacement's new
member on duty and old member gone, returned to the department (the windows
report their posts themselves). Training and conduct records stay in the county.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.db.versioning import claim
from core.departments.models import Department, HallDepartment
from core.errors import ConflictError, DomainError, NotFoundError, RuleViolation
from core.halls.models import Hall
from core.leave.models import LeaveRequest, LeaveStatus
from core.leave import service as leave_service
from core.outbox import service as outbox_service
from core.outbox.events import EventType
from core.policy.service import JurisdictionPolicy
from core.policy.types import ReplacementFacts, Violation
from core.staff.models import (
    ConductRecord,
    OnboardingStatus,
    ReplacementStatus,
    Staff,
    StaffOnboarding,
    StaffReplacement,
    StaffReturn,
    StaffStatus,
    StaffTraining,
    TrainingKind,
)
from core.timezones import local_date
from core.windows import service as window_service
from core.windows.models import HandoverReason, PostRole, Window



# --- onboarding (上岗) ----------------------------------------------------------------------------


async def propose(session: AsyncSession, *, policy: JurisdictionPolicy, hall: Hall, department: Department,
                  staff_number: str, name: str, rank: str | None, position: str | None, phone: str | None,
                  window: Window | None, post_role: PostRole | None, as_substitute: bool, duties: str | None,
                  proposed_by: uuid.UUID | None, now: datetime) -> StaffOnboarding:
    """The department proposes a new member for the hall (or for its substitute list); they are not on duty yet."""
    stationed = (await session.execute(sa.select(HallDepartment.id).where(
        HallDepartment.hall_id == hall.id, HallDepartment.department_id == department.id))).first()
    if stationed is None:
        raise DomainError("DEPARTMENT_NOT_IN_HALL")
    if not staff_number.strip() or not name.strip():
        raise DomainError("VALIDATION_FAILED", {"field": "staffNumber", "reason": "工号和姓名必填",
                                                "reason_en": "staff number and name are required"}, "staffNumber")
    taken = (await session.execute(sa.select(Staff.id).where(
        Staff.hall_id == hall.id, Staff.staff_number == staff_number.strip()))).first()
    if taken is not None:
        raise DomainError("STAFF_NUMBER_TAKEN", {"number": staff_number.strip()}, "staffNumber")
    if window is not None:
        if window.hall_id != hall.id or (window.department_id not in (None, department.id)):
            raise DomainError("VALIDATION_FAILED", {"field": "windowId", "reason": "窗口须属本厅、本部门",
                                                    "reason_en": "the window must be this department's, in this hall"},
                              "windowId")
        if as_substitute:
            raise DomainError("VALIDATION_FAILED", {"field": "windowId", "reason": "预选替岗人员不定岗",
                                                    "reason_en": "a pre-selected substitute has no post"}, "windowId")
    rule = policy.onboarding_rule()
    staff = Staff(hall_id=hall.id, department_id=department.id, staff_number=staff_number.strip(), name=name.strip(),
                  rank=rank, position=position, phone=phone, status=StaffStatus.PROPOSED)
    session.add(staff)
    await session.flush()
    onboarding = StaffOnboarding(
        staff_id=staff.id, hall_id=hall.id, department_id=department.id, window_id=window.id if window else None,
        post_role=(post_role or PostRole.B).value if window else None, as_substitute=as_substitute, duties=duties,
        proposed_by=proposed_by, proposed_at=now, rule_ids=[r.id for r in rule.rules])
    session.add(onboarding)
    await session.flush()
    await outbox_service.record_staff(session, staff=staff, event_type=EventType.STAFF_PROPOSED)
    return onboarding


async def record_training(session: AsyncSession, *, staff: Staff, kind: TrainingKind, title: str, hours: float | None,
                          completed_on: date, recorded_by: uuid.UUID | None, today: date) -> StaffTraining:
    if completed_on > today:
        raise DomainError("VALIDATION_FAILED", {"field": "completedOn", "reason": "不能晚于今天",
                                                "reason_en": "cannot be after today"}, "completedOn")
    if hours is not None and hours <= 0:
        raise DomainError("VALIDATION_FAILED", {"field": "hours", "reason": "须大于0", "reason_en": "must be more than 0"},
                          "hours")
    training = StaffTraining(staff_id=staff.id, kind=kind, title=title.strip(), hours=hours, completed_on=completed_on,
                             recorded_by=recorded_by)
    session.add(training)
    await session.flush()
    return training


async def decide_onboarding(session: AsyncSession, *, policy: JurisdictionPolicy, onboarding: StaffOnboarding,
                            approve: bool, note: str | None, decided_by: uuid.UUID | None, now: datetime) -> Staff:
    """The hall approves (after pre-duty training, where the rule asks for it) or rejects the proposal."""
    if onboarding.status != OnboardingStatus.PROPOSED:
        raise ConflictError("ONBOARDING_DECIDED")
    staff = await session.get(Staff, onboarding.staff_id)
    if approve:
        rule = policy.onboarding_rule()
        trained = (await session.execute(sa.select(StaffTraining.id).where(
            StaffTraining.staff_id == staff.id, StaffTraining.kind == TrainingKind.PRE_DUTY))).first()
        if rule.training_required and trained is None:
            raise RuleViolation("STAFF_TRAINING_REQUIRED", [Violation(
                rule.rules[0].id, "须先完成岗前培训方可上岗", "pre-duty training must be recorded before duty", "onboardingId")])
    await claim(session, onboarding, code="ONBOARDING_DECIDED")
    onboarding.status = OnboardingStatus.APPROVED if approve else OnboardingStatus.REJECTED
    onboarding.decided_by, onboarding.decided_at, onboarding.decision_note = decided_by, now, note
    if not approve:
        staff.status = StaffStatus.RETURNED
    elif onboarding.as_substitute:
        staff.status = StaffStatus.RESERVE
    else:
        staff.status, staff.on_duty_since = StaffStatus.ON_DUTY, local_date(now)
        if onboarding.window_id is not None:
            window = await session.get(Window, onboarding.window_id)
            await window_service.assign(session, window=window, staff=staff, role=PostRole(onboarding.post_role), at=now)
    await session.flush()
    await outbox_service.record_staff(session, staff=staff, event_type=EventType.STAFF_ONBOARDED if approve
                                      else EventType.STAFF_ONBOARDING_REJECTED)
    return staff


# --- replacement (调换) --------------------------------------------------------------------------------


def _facts(replacement: StaffReplacement, *, hall_agreed: bool, old_leaves_on: date | None) -> ReplacementFacts:
    return ReplacementFacts(
        hall_agreed=hall_agreed, written_report=bool(replacement.written_report),
        substitute_preselected=replacement.substitute_preselected, filed_in_advance=replacement.filed_in_advance,
        new_on_duty_on=local_date(replacement.new_on_duty_at) if replacement.new_on_duty_at else None,
        old_leaves_on=old_leaves_on)


def _refuse(violations) -> None:
    if violations:
        raise RuleViolation("REPLACEMENT_REFUSED", violations)


async def propose_replacement(session: AsyncSession, *, policy: JurisdictionPolicy, old: Staff, new: Staff,
                              reason: str, written_report: str | None, planned_on: date,
                              proposed_by: uuid.UUID | None, now: datetime) -> StaffReplacement:
    """The department proposes; what the rule asks of a proposal (in writing, from the substitutes, filed in
    advance) is checked now, the hall's agreement and 先进后出 when it is carried out."""
    if old.status != StaffStatus.ON_DUTY:
        raise DomainError("STAFF_NOT_ON_DUTY", {"status": StaffStatus(old.status).label}, "oldStaffId")
    if new.hall_id != old.hall_id or new.department_id != old.department_id or new.id == old.id:
        raise DomainError("VALIDATION_FAILED", {"field": "newStaffId", "reason": "须为同一部门派驻本厅的其他人员",
                                                "reason_en": "must be another member of the same department in this hall"},
                          "newStaffId")
    if new.status not in (StaffStatus.RESERVE, StaffStatus.PROPOSED):
        raise DomainError("REPLACEMENT_NEW_MEMBER_UNAVAILABLE", {"status": StaffStatus(new.status).label}, "newStaffId")
    if planned_on < local_date(now):
        raise DomainError("VALIDATION_FAILED", {"field": "plannedOn", "reason": "不能早于今天",
                                                "reason_en": "cannot be before today"}, "plannedOn")
    open_one = (await session.execute(sa.select(StaffReplacement.id).where(
        StaffReplacement.old_staff_id == old.id,
        StaffReplacement.status.in_((ReplacementStatus.PROPOSED, ReplacementStatus.AGREED, ReplacementStatus.NEW_ON_DUTY,
                                     ReplacementStatus.OLD_LEFT)),
    ))).first()
    if open_one is not None:
        raise ConflictError("REPLACEMENT_ALREADY_OPEN")
    rule = policy.replacement_rule()
    replacement = StaffReplacement(
        hall_id=old.hall_id, department_id=old.department_id, old_staff_id=old.id, new_staff_id=new.id,
        reason=reason.strip(), written_report=(written_report or "").strip() or None, planned_on=planned_on,
        filed_in_advance=local_date(now) < planned_on, substitute_preselected=new.status == StaffStatus.RESERVE,
        proposed_by=proposed_by, proposed_at=now, rule_ids=[r.id for r in rule.rules])
    # At proposal time the hall has not been asked yet and nobody has moved: only the proposal's own requirements.
    _refuse([v for v in policy.check_replacement(_facts(replacement, hall_agreed=True, old_leaves_on=None))
             if v.field != "new_on_duty_on"])
    session.add(replacement)
    await session.flush()
    return replacement


async def agree_replacement(session: AsyncSession, *, replacement: StaffReplacement, agree: bool,
                            decided_by: uuid.UUID | None, now: datetime) -> None:
    if replacement.status != ReplacementStatus.PROPOSED:
        raise ConflictError("REPLACEMENT_DECIDED")
    await claim(session, replacement, code="REPLACEMENT_DECIDED")
    replacement.status = ReplacementStatus.AGREED if agree else ReplacementStatus.REJECTED
    replacement.hall_decided_by, replacement.hall_decided_at = decided_by, now
    await session.flush()


def _hall_agreed(replacement: StaffReplacement) -> bool:
    return replacement.hall_decided_at is not None and replacement.status != ReplacementStatus.REJECTED


async def put_new_on_duty(session: AsyncSession, *, policy: JurisdictionPolicy, replacement: StaffReplacement,
                          now: datetime) -> Staff:
    """The new member goes on duty, as B on each window the old member still holds (the handover period)."""
    rule = policy.replacement_rule()
    ready = [ReplacementStatus.AGREED, ReplacementStatus.OLD_LEFT]
    if not rule.hall_agreement_required:
        ready.append(ReplacementStatus.PROPOSED)
    if replacement.status not in ready:
        if replacement.status == ReplacementStatus.PROPOSED:
            _refuse([v for v in policy.check_replacement(_facts(replacement, hall_agreed=False, old_leaves_on=None))
                     if v.field == "hall_agreed"])
        raise ConflictError("REPLACEMENT_WRONG_STATE", {"status": ReplacementStatus(replacement.status).label})
    new = await session.get(Staff, replacement.new_staff_id)
    if new.status != StaffStatus.RESERVE:
        raise DomainError("REPLACEMENT_NEW_MEMBER_NOT_APPROVED", {"name": new.name})
    await claim(session, replacement)
    new.status, new.on_duty_since = StaffStatus.ON_DUTY, local_date(now)
    for post in await window_service.assignments_of(session, staff_id=replacement.old_staff_id):
        window = await session.get(Window, post.window_id)
        await window_service.assign(session, window=window, staff=new, role=PostRole.B, at=now)
    replacement.new_on_duty_at = now
    replacement.status = ReplacementStatus.COMPLETED if replacement.old_left_at else ReplacementStatus.NEW_ON_DUTY
    await session.flush()
    await outbox_service.record_staff(session, staff=new, event_type=EventType.STAFF_REPLACEMENT_ON_DUTY,
                                      details={"replaces_staff_id": replacement.old_staff_id})
    return new


async def release_old(session: AsyncSession, *, policy: JurisdictionPolicy, replacement: StaffReplacement,
                      now: datetime) -> Staff:
    """The old member leaves; the rule is checked with what has happened (先进后出: the new one must be on duty)."""
    if replacement.old_left_at is not None or replacement.status == ReplacementStatus.REJECTED:
        raise ConflictError("REPLACEMENT_WRONG_STATE", {"status": ReplacementStatus(replacement.status).label})
    _refuse(policy.check_replacement(_facts(replacement, hall_agreed=_hall_agreed(replacement),
                                            old_leaves_on=local_date(now))))
    await claim(session, replacement)
    old = await session.get(Staff, replacement.old_staff_id)
    successor = replacement.new_staff_id if replacement.new_on_duty_at else None
    await window_service.vacate(session, staff=old, reason=HandoverReason.REPLACED, at=now, successor_id=successor)
    await _withdraw_open_leave(session, staff_id=old.id, now=now)
    old.status = StaffStatus.LEFT
    replacement.old_left_at = now
    replacement.status = ReplacementStatus.COMPLETED if replacement.new_on_duty_at else ReplacementStatus.OLD_LEFT
    await session.flush()
    await outbox_service.record_staff(session, staff=old, event_type=EventType.STAFF_REPLACED,
                                      details={"replaced_by_staff_id": replacement.new_staff_id})
    return old


# --- return (退回) and conduct ---------------------------------------------------------------------------


async def _withdraw_open_leave(session: AsyncSession, *, staff_id: uuid.UUID, now: datetime) -> None:
    """A member who leaves the hall has no leave left open in it: pending or not yet over, it is withdrawn."""
    open_leave = (await session.execute(sa.select(LeaveRequest).where(
        LeaveRequest.staff_id == staff_id,
        sa.or_(LeaveRequest.status == LeaveStatus.PENDING,
               sa.and_(LeaveRequest.status.in_((LeaveStatus.APPROVED, LeaveStatus.REPORTED)), LeaveRequest.ends_at > now)),
    ))).scalars().all()
    for request in open_leave:
        await leave_service.cancel(session, request=request, now=now)


async def return_to_department(session: AsyncSession, *, staff: Staff, reason: str, trigger_codes: list[str],
                               rule_ids: list[str], decided_by: uuid.UUID | None, now: datetime) -> StaffReturn:
    """退回原派出单位: the hall's decision, with its reason; the member's windows pass to their B members."""
    if staff.status not in (StaffStatus.ON_DUTY, StaffStatus.RESERVE, StaffStatus.ON_LEAVE):
        raise ConflictError("STAFF_NOT_IN_HALL_SERVICE", {"status": StaffStatus(staff.status).label})
    if not reason.strip():
        raise DomainError("VALIDATION_FAILED", {"field": "reason", "reason": "须写明退回理由",
                                                "reason_en": "the reason is required"}, "reason")
    await window_service.vacate(session, staff=staff, reason=HandoverReason.RETURNED, at=now)
    await _withdraw_open_leave(session, staff_id=staff.id, now=now)
    staff.status = StaffStatus.RETURNED
    record = StaffReturn(staff_id=staff.id, hall_id=staff.hall_id, department_id=staff.department_id,
                         reason=reason.strip(), trigger_codes=trigger_codes, rule_ids=rule_ids,
                         returned_on=local_date(now), decided_by=decided_by)
    session.add(record)
    await session.flush()
    # The grounds go up as the rule's trigger codes; the hall's written reason stays in the county.
    await outbox_service.record_staff(session, staff=staff, event_type=EventType.STAFF_RETURNED, details={
        "returned_on": record.returned_on, "trigger_codes": list(trigger_codes), "rule_ids": list(rule_ids)})
    return record


async def record_conduct(session: AsyncSession, *, staff: Staff, kind: str, occurred_on: date, description: str,
                         recorded_by: uuid.UUID | None, today: date) -> ConductRecord:
    if occurred_on > today:
        raise DomainError("VALIDATION_FAILED", {"field": "occurredOn", "reason": "不能晚于今天",
                                                "reason_en": "cannot be after today"}, "occurredOn")
    record = ConductRecord(staff_id=staff.id, hall_id=staff.hall_id, kind=kind, occurred_on=occurred_on,
                           description=description.strip(), recorded_by=recorded_by)
    session.add(record)
    await session.flush()
    return record


async def get_row(session: AsyncSession, model, row_id: uuid.UUID, what: str, what_en: str):
    row = await session.get(model, row_id)
    if row is None:
        raise NotFoundError(what, what_en)
    return row
