"""Duty (值班): the national baseline and shared helpers (RULEBOOK §13)."""

from __future__ import annotations

from datetime import date

from core.policy.hours import NATIONAL_CALENDAR
from core.policy.rules import default_rule
from core.policy.types import DayStatus, DutyPlan, DutySlot, RuleRef

NO_DUTY_RULE = default_rule(
    "default.duty.none",
    topic="duty",
    title="不设固定值班时段",
    summary="No fixed duty slots; a hall may roster its own.",
    article="RULEBOOK §13",
)


def duty_plan(day: date, status: DayStatus, slots: tuple[DutySlot, ...], rules: tuple[RuleRef, ...]) -> DutyPlan:
    """The given slots on a working day; none on a day the hall is closed."""
    if not status.workday:
        return DutyPlan(day, (), (NATIONAL_CALENDAR.ref, *rules))
    return DutyPlan(day, slots, rules)


def default_duty_plan(day: date) -> DutyPlan:
    return DutyPlan(day, (), (NO_DUTY_RULE.ref,))
