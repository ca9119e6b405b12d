"""Duty (值班): the national baseline and shared helpers (RULEBOOK §13)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, time

from core.policy.hours import NATIONAL_CALENDAR
from core.policy.rules import default_rule
from core.policy.types import DayStatus, DutyPlan, DutySlot, RuleRef, TimeSpan

NO_DUTY_RULE = default_rule(
    "default.duty.none",
    topic="duty",
    title="不设固定值班时段",
    summary="No fixed duty slots; a hall may roster its own.",
    article="RULEBOOK §13",
)


#: R3: the hours of holiday duty are not fixed by any seed ("根据实际情况调整").
HOLIDAY_DUTY_HOURS_RULE = default_rule(
    "default.duty.holiday_hours",
    topic="duty_holiday_hours",
    title="节假日值班时段",
    summary="Holiday duty (领导带班、干部值班) runs 09:00–17:00 on a day the hall is closed (default, configurable by "
    "the jurisdiction admin: duty.holiday_hours.start, duty.holiday_hours.end); the seeds say only that holiday duty "
    "is adjusted to the circumstances.",
    article="RULEBOOK §16 R3 (panyu Art 66(二); nanbu 安全保卫制度 七)",
)
HOLIDAY_DUTY_SPAN = TimeSpan(time(9, 0), time(17, 0))


def holiday_duty_slots(*, leader_notified_days_ahead: int | None = None,
                       leader_notified_by: str | None = None) -> tuple[DutySlot, ...]:
    """领导带班 and 干部值班 on a day the hall is closed (R3), at the default hours."""
    return (
        DutySlot(code="holiday_leader_duty", title="节假日领导带班", span=HOLIDAY_DUTY_SPAN, location="大厅",
                 notified_days_ahead=leader_notified_days_ahead, notified_by=leader_notified_by,
                 swaps="between_duty_leaders"),
        DutySlot(code="holiday_staff_duty", title="节假日干部值班", span=HOLIDAY_DUTY_SPAN, location="大厅",
                 notified_days_ahead=None, notified_by=None, swaps="person_on_duty_finds_substitute"),
    )


def duty_plan(day: date, status: DayStatus, slots: tuple[DutySlot, ...], rules: tuple[RuleRef, ...],
              holiday_slots: tuple[DutySlot, ...] = (), holiday_rules: tuple[RuleRef, ...] = ()) -> DutyPlan:
    """The given slots on a working day; on a day the hall is closed, the holiday duty roster if the jurisdiction
    has one (R3: 领导带班、干部值班), else none."""
    if not status.workday:
        if holiday_slots:
            return DutyPlan(day, holiday_slots, (*holiday_rules, HOLIDAY_DUTY_HOURS_RULE.ref, NATIONAL_CALENDAR.ref))
        return DutyPlan(day, (), (NATIONAL_CALENDAR.ref, *rules))
    return DutyPlan(day, slots, rules)


def default_duty_plan(day: date) -> DutyPlan:
    return DutyPlan(day, (), (NO_DUTY_RULE.ref,))


def holiday_span(settings: Mapping[str, float]) -> TimeSpan | None:
    """The jurisdiction admin's holiday duty hours (``duty.holiday_hours.start``/``end``, in hours of the day:
    8.5 = 08:30), or None where neither is set (the default 09:00–17:00 stands)."""
    start, end = settings.get("duty.holiday_hours.start"), settings.get("duty.holiday_hours.end")
    if start is None and end is None:
        return None

    def clock(hours: float | None, default: time) -> time:
        if hours is None:
            return default
        minutes = round(hours * 60)
        return time(minutes // 60, minutes % 60)

    return TimeSpan(clock(start, HOLIDAY_DUTY_SPAN.start), clock(end, HOLIDAY_DUTY_SPAN.end))


def with_holiday_hours(plan: DutyPlan, span: TimeSpan | None) -> DutyPlan:
    """``plan`` with ``span`` in place of the default holiday hours, where the plan runs on that default
    (``default.duty.holiday_hours``): the setting configures the default rule, nothing a plugin fixed itself."""
    if span is None or HOLIDAY_DUTY_HOURS_RULE.ref not in plan.rules:
        return plan
    return replace(plan, slots=tuple(replace(slot, span=span) if slot.span == HOLIDAY_DUTY_SPAN else slot
                                     for slot in plan.slots))
