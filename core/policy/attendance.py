"""Attendance (考勤): the national baseline and helpers plugins share (RULEBOOK §5)."""

from __future__ import annotations

from datetime import date, time

from core.policy.hours import NATIONAL_CALENDAR
from core.policy.rules import default_rule, national_rule
from core.policy.types import (
    CORRECTION_REASONS,
    PUBLICATION_CADENCES,
    ApprovalStep,
    CheckInPlan,
    CheckInSlot,
    CheckInVerdict,
    CorrectionDecision,
    DayStatus,
    PolicyError,
    PublicationCadence,
    RoleCheckInMinimum,
    RuleRef,
    StaffHours,
    SystemFailureHandling,
)

#: R2 (RULEBOOK §16): check-ins at the server's clock, through registered devices; the past only by correction slip.
SERVER_CLOCK_RULE = national_rule(
    "national.attendance.server_clock",
    topic="check_in_integrity",
    title="考勤以服务器时间和登记设备为准",
    summary="A check-in is the server's clock at the moment it arrives, sent by a device or method the hall has "
    "registered (jiedong: face recognition); a past check-in exists only through a signed correction slip; nobody "
    "records their own past check-in.",
    article="panyu Art 64; jiedong Art 24",
)
#: R3: holidays are not dead days.
HOLIDAY_OVERTIME_RULE = national_rule(
    "national.attendance.holiday_overtime",
    topic="holiday_overtime",
    title="节假日按实际情况考勤（加班）",
    summary="On a day the hall is closed, attendance is recorded as actually worked (overtime): the first check-in "
    "is the arrival, the latest the departure; holiday duty is rostered; after-hours entry and overtime are "
    "registered with the hall.",
    article="panyu Art 62, 66(二), 84; nanbu 安全保卫制度 七, 考勤制度 五(二)",
)
DEFAULT_CHECK_INS_RULE = default_rule(
    "default.attendance.check_ins",
    topic="check_ins",
    title="默认每日两次考勤",
    summary="Two check-ins each working day: in by the sign-in time, out from the sign-out time.",
    article="RULEBOOK §5",
)
JUDGING_RULE = default_rule(
    "default.attendance.judging",
    topic="check_in_judging",
    title="考勤判定",
    summary="A check-in in is late after its time, a check-out is early before its time (to the minute); "
    "no record is missing; a check-in covered by leave or a report is excused.",
    article="RULEBOOK §5",
)
DEFAULT_CORRECTION_RULE = default_rule(
    "default.attendance.correction",
    topic="attendance_correction",
    title="默认考勤补签",
    summary="A missed check-in may be corrected for forgetting or a system fault, signed by the "
    "department head; never for lateness, leaving early or absence.",
    article="RULEBOOK §5",
)
DEFAULT_SYSTEM_FAILURE_RULE = default_rule(
    "default.attendance.system_failure",
    topic="attendance_system_failure",
    title="考勤系统故障当日手工考勤",
    summary="When the attendance system fails, attendance is taken by hand that day.",
    article="RULEBOOK §5",
)
DEFAULT_PUBLICATION_RULE = default_rule(
    "default.attendance.publication",
    topic="attendance_publication",
    title="考勤按月公布",
    summary="Attendance is published monthly.",
    article="RULEBOOK §5",
)

#: Reasons a correction slip can cover: the person was at work but the record is missing.
CORRECTABLE_REASONS = ("forgot", "system_fault")


def check_in_plan(
    day: date,
    status: DayStatus,
    slots: tuple[CheckInSlot, ...],
    rules: tuple[RuleRef, ...],
    *,
    method: str | None = None,
    random_roll_calls: bool = False,
    role_minimums: tuple[RoleCheckInMinimum, ...] = (),
) -> CheckInPlan:
    """The plan for ``day``: the given slots on a working day, none otherwise."""
    if not status.workday:
        return CheckInPlan(day, (), method, False, role_minimums, (NATIONAL_CALENDAR.ref, *rules))
    return CheckInPlan(day, slots, method, random_roll_calls, role_minimums, rules)


def sign_in_and_out(sign_in_by: time, sign_out_from: time) -> tuple[CheckInSlot, ...]:
    return (
        CheckInSlot("in", "签到", "in", sign_in_by),
        CheckInSlot("out", "签退", "out", sign_out_from),
    )


def default_check_in_plan(day: date, status: DayStatus, hours: StaffHours) -> CheckInPlan:
    slots = sign_in_and_out(hours.sign_in_by, hours.sign_out_from) if hours.working else ()
    return check_in_plan(day, status, slots, (DEFAULT_CHECK_INS_RULE.ref, *hours.rules))


def judge_check_in(
    plan: CheckInPlan,
    slot: str,
    at: time | None,
    excused: bool,
    *,
    unexcused_is_off_post: bool = False,
    rules: tuple[RuleRef, ...] = (),
) -> CheckInVerdict:
    """Judge one check-in against its slot, to the minute (08:30:59 is still 08:30).

    :param unexcused_is_off_post: lateness or leaving early without leave or a
        report counts as 脱岗 (jiedong Art 25).
    """
    expected = plan.slot(slot)
    trace = (JUDGING_RULE.ref, *plan.rules, *rules)
    if at is None:
        verdict = "missing"
    else:
        minute = at.replace(second=0, microsecond=0)
        if expected.direction == "in":
            verdict = "on_time" if minute <= expected.at else "late"
        else:
            verdict = "on_time" if minute >= expected.at else "early"
    if verdict != "on_time":
        if excused:
            verdict = "excused"
        elif unexcused_is_off_post and verdict in ("late", "early"):
            verdict = "off_post"
    return CheckInVerdict(slot, verdict, expected.at, at, trace)


def check_correction_reason(reason: str) -> str:
    if reason not in CORRECTION_REASONS:
        raise PolicyError(f"unknown correction reason {reason!r}; expected one of {', '.join(CORRECTION_REASONS)}")
    return reason


def correction_decision(
    reason: str, signers: tuple[ApprovalStep, ...], kept_by: str | None, rules: tuple[RuleRef, ...]
) -> CorrectionDecision:
    """A correction slip covers forgetting or a system fault only."""
    allowed = check_correction_reason(reason) in CORRECTABLE_REASONS
    return CorrectionDecision(reason, allowed, signers if allowed else (), kept_by if allowed else None, rules)


def default_correction(reason: str) -> CorrectionDecision:
    signer = ApprovalStep("department_head", "department", "部门负责人", "sign")
    return correction_decision(reason, (signer,), "hall_admin", (DEFAULT_CORRECTION_RULE.ref,))


def default_system_failure(day: date) -> SystemFailureHandling:
    return SystemFailureHandling(day, True, "maintenance", (DEFAULT_SYSTEM_FAILURE_RULE.ref,))


def publication(cadence: str, rules: tuple[RuleRef, ...]) -> PublicationCadence:
    if cadence not in PUBLICATION_CADENCES:
        raise PolicyError(f"unknown cadence {cadence!r}")
    return PublicationCadence(cadence, rules)


def default_publication() -> PublicationCadence:
    return publication("monthly", (DEFAULT_PUBLICATION_RULE.ref,))
