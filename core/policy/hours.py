"""Day status and service hours: the national baseline and helpers plugins share (RULEBOOK §4)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

from core.policy.calendar import WorkingCalendar
from core.policy.rules import default_rule, national_rule
from core.policy.types import DayStatus, RuleRef, ServiceHours, StaffHours, TimeSpan

NATIONAL_CALENDAR = national_rule(
    "national.calendar",
    topic="calendar",
    title="全国工作日历",
    summary="Working days follow the national calendar: statutory holidays are closed, make-up working "
    "days (调休) are open; admin overrides win, and dates of unpublished years are estimates.",
    article="RULEBOOK §4; jiedong Art 23 (除法定节假日外); panyu Art 62 (遇节假日按实际情况)",
)
DEFAULT_PUBLIC_HOURS_RULE = default_rule(
    "default.hours.public",
    topic="service_hours",
    title="默认对外服务时间",
    summary="Public service 08:30–12:00 and 14:00–17:00 on working days; a hall may configure its own.",
    article="RULEBOOK §4 (panyu, dongguan, dongying: default, hall-configurable)",
)
MAKEUP_DAY_RULE = default_rule(
    "default.hours.makeup_day",
    topic="makeup_day_schedule",
    title="调休上班日按周一至周四作息",
    summary="A make-up working day (or any working day falling on a weekend) follows the Monday–Thursday schedule.",
    article="RULEBOOK §4",
)
DEFAULT_STAFF_HOURS_RULE = default_rule(
    "default.hours.staff",
    topic="staff_hours",
    title="默认签到签退时间",
    summary="Staff sign in by 08:30 and sign out from 17:00 on working days.",
    article="RULEBOOK §4–§5",
)

DEFAULT_PUBLIC_HOURS = (TimeSpan(time(8, 30), time(12, 0)), TimeSpan(time(14, 0), time(17, 0)))
DEFAULT_SIGN_IN_BY = time(8, 30)
DEFAULT_SIGN_OUT_FROM = time(17, 0)

MONDAY, THURSDAY, FRIDAY = 0, 3, 4


def calendar_day_status(calendar: WorkingCalendar, day: date) -> DayStatus:
    """The calendar's answer: a jurisdiction's closures are calendar overrides, not code."""
    return calendar.day_status(day)


def schedule_weekday(status: DayStatus) -> tuple[int, tuple[RuleRef, ...]]:
    """The weekday whose timetable a working day follows, and the rule if it is not its own.

    A working day on a weekend (调休上班) follows the Monday–Thursday schedule
    (reported as Monday) unless a plugin decides otherwise.
    """
    weekday = status.date.weekday()
    if status.workday and weekday >= 5:
        return MONDAY, (MAKEUP_DAY_RULE.ref,)
    return weekday, ()


def closed(day: date, status: DayStatus, rules: tuple[RuleRef, ...], *, configurable: bool) -> ServiceHours:
    """No service on a day that is not a working day."""
    return ServiceHours(
        date=day,
        open=False,
        public=(),
        internal=(),
        schedule=status.kind,
        configurable=configurable,
        configured=False,
        day=status,
        rules=(NATIONAL_CALENDAR.ref, *rules),
    )


def default_service_hours(
    day: date, status: DayStatus, configured_hours: Sequence[TimeSpan] | None
) -> ServiceHours:
    """Default public hours, replaced by the hall's own configuration when it has one."""
    if not status.workday:
        return closed(day, status, (DEFAULT_PUBLIC_HOURS_RULE.ref,), configurable=True)
    _, makeup_rules = schedule_weekday(status)
    configured = bool(configured_hours)
    return ServiceHours(
        date=day,
        open=True,
        public=tuple(sorted(configured_hours)) if configured else DEFAULT_PUBLIC_HOURS,
        internal=(),
        schedule="hall_configured" if configured else "default",
        configurable=True,
        configured=configured,
        day=status,
        rules=(DEFAULT_PUBLIC_HOURS_RULE.ref, *makeup_rules),
    )


def staff_hours(
    day: date, status: DayStatus, sign_in_by: time, sign_out_from: time, rules: tuple[RuleRef, ...]
) -> StaffHours:
    if not status.workday:
        return StaffHours(day, False, None, None, (NATIONAL_CALENDAR.ref, *rules))
    return StaffHours(day, True, sign_in_by, sign_out_from, rules)


def default_staff_hours(day: date, status: DayStatus) -> StaffHours:
    return staff_hours(day, status, DEFAULT_SIGN_IN_BY, DEFAULT_SIGN_OUT_FROM, (DEFAULT_STAFF_HOURS_RULE.ref,))
