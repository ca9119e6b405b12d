"""Attendance services: check-ins judged by the jurisdiction's plan, manual-attendance days, closing a day,
correction slips. Every verdict stores the rules that decided it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.attendance.models import (
    AttendanceCorrection,
    AttendanceDay,
    AttendanceRecord,
    CheckInMethod,
    CorrectionStatus,
    Verdict,
)
from core.attendance import devices as attendance_devices
from core.db.versioning import claim
from core.policy.attendance import HOLIDAY_OVERTIME_RULE, SERVER_CLOCK_RULE
from core.errors import ConflictError, DomainError, NotFoundError, RuleViolation
from core.halls.models import Hall
from core.leave.service import absences_at
from core.policy.service import JurisdictionPolicy
from core.policy.types import CheckInPlan, CheckInSlot, CorrectionDecision, Violation
from core.staff.models import Staff, StaffStatus
from core.staff.service import StaffSides
from core.timezones import SHANGHAI


def _at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=SHANGHAI)


def working_plan(policy: JurisdictionPolicy, day: date) -> CheckInPlan:
    """The day's required check-ins; a day without any is refused."""
    plan = policy.required_check_ins(day)
    if not plan.slots:
        raise DomainError("ATTENDANCE_NOT_A_WORKING_DAY", {"day": day.isoformat()})
    return plan


def slot_of(plan: CheckInPlan, code: str) -> CheckInSlot:
    for slot in plan.slots:
        if slot.code == code:
            return slot
    raise DomainError("VALIDATION_FAILED", {
        "field": "slot", "reason": f"当日考勤时段为 {', '.join(s.code for s in plan.slots)}",
        "reason_en": f"the day's check-ins are {', '.join(s.code for s in plan.slots)}"}, "slot")


async def get_day(session: AsyncSession, *, hall_id: uuid.UUID, day: date) -> AttendanceDay | None:
    return (await session.execute(
        sa.select(AttendanceDay).where(AttendanceDay.hall_id == hall_id, AttendanceDay.attendance_on == day)
    )).scalar_one_or_none()


async def records_of(session: AsyncSession, *, staff_ids: Sequence[uuid.UUID], day: date) -> dict[tuple, AttendanceRecord]:
    rows = (await session.execute(
        sa.select(AttendanceRecord).where(AttendanceRecord.staff_id.in_(list(staff_ids)),
                                          AttendanceRecord.attendance_on == day)
    )).scalars()
    return {(row.staff_id, row.slot): row for row in rows}


async def judge(session: AsyncSession, *, policy: JurisdictionPolicy, staff_id: uuid.UUID, day: date,
                slot: CheckInSlot, at: datetime | None):
    """The plugin's verdict; a check-in covered by an approved or reported absence is excused."""
    excused = staff_id in await absences_at(session, staff_ids=[staff_id], at=_at(day, slot.at))
    local = at.astimezone(SHANGHAI).time() if at is not None else None
    return policy.judge_check_in(day, slot.code, local, excused=excused)


def _nearest_open_slot(plan: CheckInPlan, recorded: set[str], at: datetime) -> CheckInSlot:
    """Without a slot named, a check-in belongs to the nearest slot not yet recorded (by the clock)."""
    minute = at.astimezone(SHANGHAI)
    open_slots = [s for s in plan.slots if s.code not in recorded] or list(plan.slots)
    return min(open_slots, key=lambda s: abs((_at(minute.date(), s.at) - minute).total_seconds()))


def check_in_moment(*, policy: JurisdictionPolicy, hall_id: uuid.UUID, method: CheckInMethod, device,
                    requested: datetime | None, now: datetime) -> datetime:
    """When a check-in happened (R2): a device's is the server's clock now, never a time it names; a manual one
    (the hall's record on a manual-attendance day) may name a moment of today, not the future nor a past day."""
    if method == CheckInMethod.MANUAL:
        at = requested or now
        if at.astimezone(SHANGHAI).date() != now.astimezone(SHANGHAI).date() and at <= now:
            raise RuleViolation("ATTENDANCE_PAST_CHECK_IN", [Violation(
                SERVER_CLOCK_RULE.id, "过去日期的考勤只能通过签字的考勤补签单补记",
                "a past day's check-in exists only through a signed correction slip", "at")])
        return at
    if requested is not None:
        raise RuleViolation("ATTENDANCE_CHECK_IN_TIME_FIXED", [Violation(
            SERVER_CLOCK_RULE.id, "考勤时间以服务器收到打卡的时间为准，不能指定",
            "a check-in is the server's clock when it arrives; it cannot name a time", "at")])
    plan = policy.required_check_ins(now.astimezone(SHANGHAI).date())
    attendance_devices.check_device(device, hall_id=hall_id, method=method, plan=plan)
    return now


async def record_check_in(session: AsyncSession, *, policy: JurisdictionPolicy, sides: StaffSides, at: datetime,
                          slot_code: str | None, method: CheckInMethod, recorded_by: uuid.UUID | None,
                          now: datetime, device_id: uuid.UUID | None = None) -> AttendanceRecord:
    """Record (or improve) a check-in: the earliest counts for an "in" slot, the latest for an "out" slot."""
    staff = sides.staff
    if staff.status != StaffStatus.ON_DUTY:
        raise DomainError("STAFF_NOT_ON_DUTY", {"status": StaffStatus(staff.status).label})
    if at > now:
        raise DomainError("VALIDATION_FAILED", {"field": "at", "reason": "不能晚于当前时间",
                                                "reason_en": "cannot be in the future"}, "at")
    day = at.astimezone(SHANGHAI).date()
    plan = policy.required_check_ins(day)
    if not plan.slots:  # R3: a day off is not a dead day: attendance is recorded as worked (加班)
        return await _record_overtime(session, staff=staff, day=day, at=at, method=method, recorded_by=recorded_by,
                                      now=now, device_id=device_id)
    attendance_day = await get_day(session, hall_id=staff.hall_id, day=day)
    if attendance_day is not None and attendance_day.closed_at is not None:
        raise ConflictError("ATTENDANCE_DAY_CLOSED", {"day": day.isoformat()})
    if method == CheckInMethod.MANUAL and not (attendance_day and attendance_day.manual):
        failure = policy.attendance_system_failure(day)
        raise RuleViolation("ATTENDANCE_NOT_MANUAL_DAY", [Violation(
            failure.rules[0].id, "仅在考勤系统故障、已登记为手工考勤日时可手工考勤",
            "manual attendance only on a day declared a manual-attendance day (the system failed)", "method")])
    if method in (CheckInMethod.CORRECTION, CheckInMethod.CLOSING):
        raise DomainError("VALIDATION_FAILED", {"field": "method", "reason": "补签须走考勤补签单",
                                                "reason_en": "corrections go through a correction slip"}, "method")
    existing = await records_of(session, staff_ids=[staff.id], day=day)
    slot = slot_of(plan, slot_code) if slot_code else _nearest_open_slot(plan, {s for _, s in existing}, at)
    record = existing.get((staff.id, slot.code))
    if record is not None:
        if record.checked_at is not None:
            keep_new = at < record.checked_at if slot.direction == "in" else at > record.checked_at
            if not keep_new:
                return record
        await claim(session, record)
    verdict = await judge(session, policy=policy, staff_id=staff.id, day=day, slot=slot, at=at)
    if record is None:
        record = AttendanceRecord(staff_id=staff.id, hall_id=staff.hall_id, attendance_on=day, slot=slot.code,
                                  slot_title=slot.title, expected_at=verdict.expected, checked_at=at, method=method,
                                  verdict=verdict.verdict, rule_ids=[r.id for r in verdict.rules],
                                  recorded_by=recorded_by, device_id=device_id)
        session.add(record)
    else:
        record.checked_at, record.method, record.verdict = at, method, verdict.verdict
        record.device_id = device_id
        record.rule_ids, record.recorded_by, record.updated_at = [r.id for r in verdict.rules], recorded_by, now
    await session.flush()
    return record


OVERTIME_SLOTS = (("overtime_in", "加班到岗"), ("overtime_out", "加班离岗"))


async def _record_overtime(session: AsyncSession, *, staff: Staff, day: date, at: datetime, method: CheckInMethod,
                           recorded_by: uuid.UUID | None, now: datetime, device_id: uuid.UUID | None) -> AttendanceRecord:
    """On a day the hall is closed, check-ins are recorded as actually worked (R3: panyu Art 62 "遇节假日按实际情况
    考勤"): the first is the arrival, the latest the departure; the verdict is overtime, nothing is late or missing."""
    existing = await records_of(session, staff_ids=[staff.id], day=day)
    arrival = existing.get((staff.id, "overtime_in"))
    code, title = OVERTIME_SLOTS[0] if arrival is None else OVERTIME_SLOTS[1]
    if arrival is not None and at < arrival.checked_at:  # an earlier arrival replaces the recorded one
        code, title = OVERTIME_SLOTS[0]
    record = existing.get((staff.id, code))
    local = at.astimezone(SHANGHAI).time().replace(second=0, microsecond=0)
    rules = [HOLIDAY_OVERTIME_RULE.id]
    if record is None:
        record = AttendanceRecord(staff_id=staff.id, hall_id=staff.hall_id, attendance_on=day, slot=code,
                                  slot_title=title, expected_at=local, checked_at=at, method=method,
                                  verdict=Verdict.OVERTIME, rule_ids=rules, recorded_by=recorded_by, device_id=device_id)
        session.add(record)
    else:
        keep_new = at < record.checked_at if code == "overtime_in" else at > record.checked_at
        if not keep_new:
            return record
        await claim(session, record)
        record.checked_at, record.expected_at, record.method, record.device_id = at, local, method, device_id
        record.recorded_by, record.updated_at = recorded_by, now
    await session.flush()
    return record


async def declare_manual_day(session: AsyncSession, *, policy: JurisdictionPolicy, hall: Hall, day: date,
                             reason: str, declared_by: uuid.UUID | None, now: datetime) -> AttendanceDay:
    """The attendance system failed: the rule says what follows (manual attendance that day, panyu Art 65)."""
    working_plan(policy, day)
    handling = policy.attendance_system_failure(day)
    if not handling.manual_attendance:
        raise RuleViolation("ATTENDANCE_MANUAL_NOT_ALLOWED", [Violation(
            handling.rules[0].id, "本辖区规定考勤系统故障时不改为手工考勤", "this jurisdiction does not take manual attendance",
            "day")])
    attendance_day = await get_day(session, hall_id=hall.id, day=day)
    if attendance_day is None:
        attendance_day = AttendanceDay(hall_id=hall.id, attendance_on=day)
        session.add(attendance_day)
    elif attendance_day.closed_at is not None:
        raise ConflictError("ATTENDANCE_DAY_CLOSED", {"day": day.isoformat()})
    attendance_day.manual, attendance_day.manual_reason, attendance_day.report_to = True, reason, handling.report_to
    attendance_day.rule_ids = [r.id for r in handling.rules]
    attendance_day.declared_by, attendance_day.declared_at = declared_by, now
    await session.flush()
    return attendance_day


async def close_day(session: AsyncSession, *, policy: JurisdictionPolicy, hall: Hall, day: date,
                    closed_by: uuid.UUID | None, now: datetime) -> tuple[AttendanceDay, int]:
    """日终核定: every required check-in without a record gets the plugin's verdict for none (missing, or
    excused under leave). A constant number of statements, whatever the number of staff."""
    plan = working_plan(policy, day)
    if now < _at(day, max(slot.at for slot in plan.slots)):
        raise DomainError("ATTENDANCE_DAY_NOT_OVER", {"day": day.isoformat()})
    attendance_day = await get_day(session, hall_id=hall.id, day=day)
    if attendance_day is None:
        attendance_day = AttendanceDay(hall_id=hall.id, attendance_on=day)
        session.add(attendance_day)
        await session.flush()
    elif attendance_day.closed_at is not None:
        raise ConflictError("ATTENDANCE_DAY_CLOSED", {"day": day.isoformat()})
    await claim(session, attendance_day)
    staff_ids = list((await session.execute(
        sa.select(Staff.id).where(Staff.hall_id == hall.id, Staff.status == StaffStatus.ON_DUTY)
    )).scalars())
    existing = await records_of(session, staff_ids=staff_ids, day=day)
    away = {slot.code: await absences_at(session, staff_ids=staff_ids, at=_at(day, slot.at)) for slot in plan.slots}
    added = []
    for staff_id in staff_ids:
        for slot in plan.slots:
            if (staff_id, slot.code) in existing:
                continue
            verdict = policy.judge_check_in(day, slot.code, None, excused=staff_id in away[slot.code])
            added.append(AttendanceRecord(
                staff_id=staff_id, hall_id=hall.id, attendance_on=day, slot=slot.code, slot_title=slot.title,
                expected_at=slot.at, checked_at=None, method=CheckInMethod.CLOSING, verdict=verdict.verdict,
                rule_ids=[r.id for r in verdict.rules], recorded_by=closed_by))
    session.add_all(added)
    attendance_day.closed_by, attendance_day.closed_at = closed_by, now
    await session.flush()
    return attendance_day, len(added)


# --- correction slips (考勤补签单) -------------------------------------------------------------------


def _refused(decision: CorrectionDecision, why_zh: str, why_en: str) -> RuleViolation:
    return RuleViolation("ATTENDANCE_CORRECTION_NOT_ALLOWED", [
        Violation(ref.id, why_zh, why_en, "reason") for ref in decision.rules[:1]])


async def file_correction(session: AsyncSession, *, policy: JurisdictionPolicy, sides: StaffSides, day: date,
                          slot_code: str, reason: str, corrected_time: time, note: str | None,
                          filed_by: uuid.UUID | None, now: datetime) -> AttendanceCorrection:
    """A slip for a missed check-in: only for the reasons the rule allows, never to cover lateness or leaving early."""
    staff = sides.staff
    decision = policy.attendance_correction(reason)
    if not decision.allowed:
        raise _refused(decision, "补签单只用于忘记打卡或系统故障，不能用于迟到、早退或缺勤",
                       "a correction slip covers forgetting or a system fault only, never lateness, leaving early or absence")
    plan = working_plan(policy, day)
    slot = slot_of(plan, slot_code)
    if _at(day, corrected_time) > now:
        raise DomainError("VALIDATION_FAILED", {"field": "correctedTime", "reason": "不能晚于当前时间",
                                                "reason_en": "cannot be in the future"}, "correctedTime")
    record = (await records_of(session, staff_ids=[staff.id], day=day)).get((staff.id, slot.code))
    if record is not None and record.checked_at is not None:
        if record.verdict in ("late", "early", "off_post"):
            covered = policy.attendance_correction("late" if slot.direction == "in" else "early_leave")
            raise _refused(covered, f"该时段已记为{_label(record.verdict)}，补签单不能用于掩盖迟到或早退",
                           "that check-in is on record as late or early: a slip cannot cover it")
        raise DomainError("ATTENDANCE_NOTHING_TO_CORRECT")
    verdict = policy.judge_check_in(day, slot.code, corrected_time, excused=False)
    if verdict.verdict != "on_time":
        covered = policy.attendance_correction("late" if slot.direction == "in" else "early_leave")
        raise _refused(covered, f"补签时间{corrected_time:%H:%M}本身即为迟到或早退，不能补签",
                       f"a check-in at {corrected_time:%H:%M} would itself be late or early: no slip can record it")
    pending = (await session.execute(sa.select(AttendanceCorrection.id).where(
        AttendanceCorrection.staff_id == staff.id, AttendanceCorrection.attendance_on == day,
        AttendanceCorrection.slot == slot.code, AttendanceCorrection.status == CorrectionStatus.FILED))).first()
    if pending is not None:
        raise ConflictError("ATTENDANCE_CORRECTION_PENDING")
    signer = decision.signers[0]
    correction = AttendanceCorrection(
        staff_id=staff.id, hall_id=staff.hall_id, department_id=staff.department_id, attendance_on=day,
        slot=slot.code, reason=reason, corrected_time=corrected_time, note=note, signer_role=signer.role,
        signer_side=signer.side, signer_title=signer.title, kept_by=decision.kept_by,
        rule_ids=[r.id for r in decision.rules], filed_by=filed_by, filed_at=now)
    session.add(correction)
    await session.flush()
    return correction


def _label(verdict: str) -> str:
    return Verdict(verdict).label


async def sign_correction(session: AsyncSession, *, policy: JurisdictionPolicy, correction: AttendanceCorrection,
                          approve: bool, signed_by: uuid.UUID | None, now: datetime) -> AttendanceRecord | None:
    """Sign (the check-in is recorded as the slip says) or refuse; exactly one of two racing signers wins."""
    if correction.status != CorrectionStatus.FILED:
        raise ConflictError("ATTENDANCE_CORRECTION_DECIDED")
    await claim(session, correction, code="ATTENDANCE_CORRECTION_DECIDED")
    correction.signed_by, correction.signed_at = signed_by, now
    if not approve:
        correction.status = CorrectionStatus.REJECTED
        await session.flush()
        return None
    correction.status = CorrectionStatus.SIGNED
    day = correction.attendance_on
    plan = working_plan(policy, day)
    slot = slot_of(plan, correction.slot)
    at = _at(day, correction.corrected_time)
    verdict = await judge(session, policy=policy, staff_id=correction.staff_id, day=day, slot=slot, at=at)
    rule_ids = [*correction.rule_ids, *[r.id for r in verdict.rules if r.id not in correction.rule_ids]]
    record = (await records_of(session, staff_ids=[correction.staff_id], day=day)).get((correction.staff_id, slot.code))
    if record is None:
        record = AttendanceRecord(staff_id=correction.staff_id, hall_id=correction.hall_id, attendance_on=day,
                                  slot=slot.code, slot_title=slot.title, expected_at=slot.at)
        session.add(record)
    else:
        await claim(session, record)
        record.updated_at = now
    record.checked_at, record.method, record.verdict = at, CheckInMethod.CORRECTION, verdict.verdict
    record.rule_ids, record.correction_id, record.recorded_by = rule_ids, correction.id, signed_by
    await session.flush()
    return record


async def get_correction(session: AsyncSession, *, correction_id: uuid.UUID) -> AttendanceCorrection:
    correction = await session.get(AttendanceCorrection, correction_id)
    if correction is None:
        raise NotFoundError("考勤补签单", "Correction slip")
    return correction


# --- reading -------------------------------------------------------------------------------------------


def list_statement(*, hall_ids=None, department_ids=None, staff_id=None, from_on=None, to_on=None,
                   verdicts=None) -> sa.Select:
    stmt = sa.select(AttendanceRecord.__table__)
    if hall_ids is not None:
        stmt = stmt.where(AttendanceRecord.hall_id.in_(hall_ids))
    if department_ids is not None:
        stmt = stmt.where(AttendanceRecord.staff_id.in_(
            sa.select(Staff.id).where(Staff.department_id.in_(department_ids))))
    if staff_id is not None:
        stmt = stmt.where(AttendanceRecord.staff_id == staff_id)
    if from_on is not None:
        stmt = stmt.where(AttendanceRecord.attendance_on >= from_on)
    if to_on is not None:
        stmt = stmt.where(AttendanceRecord.attendance_on <= to_on)
    if verdicts:
        stmt = stmt.where(AttendanceRecord.verdict.in_(verdicts))
    return stmt


async def verdict_counts(session: AsyncSession, *, hall_id: uuid.UUID, first_on: date, last_on: date):
    """(staff id, verdict, count) over a period: one GROUP BY."""
    return (await session.execute(
        sa.select(AttendanceRecord.staff_id, AttendanceRecord.verdict, sa.func.count())
        .where(AttendanceRecord.hall_id == hall_id, AttendanceRecord.attendance_on.between(first_on, last_on))
        .group_by(AttendanceRecord.staff_id, AttendanceRecord.verdict)
    )).all()


# --- monthly check-in minimums (R7: jiedong Art 24) ------------------------------------------------------


async def check_in_shortfall(session: AsyncSession, *, policy: JurisdictionPolicy, hall_id: uuid.UUID,
                             first: date, last: date) -> tuple[CheckInPlan, list[tuple[Staff, str, int, int]]]:
    """Staff whose role has a monthly minimum of check-ins at the hall (the plan's ``role_minimums``, e.g. jiedong
    首席代表 and 业务骨干: at least 4 a month), each with (staff, role code, required, counted). A staff member has the
    role when their ``position`` is its title or code. One statement."""
    plan = policy.required_check_ins(first)
    minimums = {m.title: m for m in plan.role_minimums} | {m.role: m for m in plan.role_minimums}
    if not minimums:
        return plan, []
    counted = (sa.select(sa.func.count(AttendanceRecord.id))
               .where(AttendanceRecord.staff_id == Staff.id, AttendanceRecord.checked_at.is_not(None),
                      AttendanceRecord.attendance_on.between(first, last))
               .correlate(Staff).scalar_subquery())
    rows = (await session.execute(
        sa.select(Staff, counted.label("counted"))
        .where(Staff.hall_id == hall_id, Staff.position.in_(list(minimums)),
               Staff.status.in_((StaffStatus.ON_DUTY, StaffStatus.ON_LEAVE)))
        .order_by(Staff.staff_number)
    )).all()
    return plan, [(row.Staff, minimums[row.Staff.position].role, minimums[row.Staff.position].check_ins_per_month,
                   int(row.counted or 0)) for row in rows]
