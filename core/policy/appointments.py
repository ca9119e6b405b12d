"""Appointments (预约) and on-site tickets: the national baseline's defaults and the pure rules (RULEBOOK §16 S1).

Slots are cut from the hall's public service hours of a date (the
jurisdiction's calendar closes non-working days), so a booking can only land
where the hall is open. The defaults below are configurable: no seed fixes
them (dongguan 5.3.2 asks for online and offline booking, a check-in and a
daily on-site quota, without numbers).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.policy.rules import default_rule
from core.policy.types import RuleRef, ServiceHours

SHANGHAI = ZoneInfo("Asia/Shanghai")

APPOINTMENT_RULE = default_rule(
    "default.appointments",
    topic="appointments",
    title="预约与现场取号",
    summary="Slots of 30 minutes cut from the public service hours of working days; check-in from 30 minutes "
    "before a slot until 15 minutes after its start, then the appointment is released as missed; booking up to "
    "14 days ahead; no-shows "
    "are recorded and, by default, not limited.",
    article="RULEBOOK §16 S1 (dongguan 5.3.2: 线上线下预约、现场取号量; numbers are defaults)",
)


@dataclass(frozen=True)
class AppointmentRules:
    """How a jurisdiction runs appointments.

    ``check_in_before`` / ``check_in_after``: the check-in window around a
    slot's start; after it the appointment is missed (released).
    ``booking_horizon_days``: how far ahead one can book (natural days).
    ``no_show_limit`` missed appointments within ``no_show_days`` natural days
    bar the phone (or account) from booking for ``ban_days`` days; ``None``:
    no-shows are recorded only.
    """

    check_in_before: timedelta
    check_in_after: timedelta
    booking_horizon_days: int
    no_show_limit: int | None
    no_show_days: int
    ban_days: int
    rules: tuple[RuleRef, ...]


DEFAULT_RULES = AppointmentRules(
    check_in_before=timedelta(minutes=30),
    check_in_after=timedelta(minutes=15),
    booking_horizon_days=14,
    no_show_limit=None,
    no_show_days=90,
    ban_days=30,
    rules=(APPOINTMENT_RULE.ref,),
)


@dataclass(frozen=True)
class Slot:
    """One bookable slot: [start, end) in UTC-aware moments."""

    start: datetime
    end: datetime


def _at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=SHANGHAI)


def slots_of(hours: ServiceHours, *, minutes: int) -> list[Slot]:
    """The slots of a day: each public span cut into ``minutes``-long pieces (a short remainder is dropped)."""
    if not hours.open or minutes <= 0:
        return []
    step = timedelta(minutes=minutes)
    slots = []
    for span in hours.public:
        start, end = _at(hours.date, span.start), _at(hours.date, span.end)
        while start + step <= end:
            slots.append(Slot(start, start + step))
            start += step
    return slots


def is_open_at(hours: ServiceHours, at: datetime) -> bool:
    """Whether ``at`` (aware) falls within a public span of ``hours`` (its local date must be ``hours.date``)."""
    local = at.astimezone(SHANGHAI)
    if not hours.open or local.date() != hours.date:
        return False
    return any(span.start <= local.time() < span.end for span in hours.public)


def next_opening(hours_of: Callable[[date], ServiceHours], at: datetime, *, horizon_days: int = 60) -> datetime | None:
    """The next moment at or after ``at`` the hall is open to the public (``None`` beyond the horizon)."""
    local = at.astimezone(SHANGHAI)
    for offset in range(horizon_days + 1):
        day = local.date() + timedelta(days=offset)
        hours = hours_of(day)
        if not hours.open:
            continue
        for span in hours.public:
            start, end = _at(day, span.start), _at(day, span.end)
            if end > local:
                return max(start, local)
    return None


def check_in_window(rules: AppointmentRules, slot_start: datetime) -> tuple[datetime, datetime]:
    """From when until when an appointment of a slot starting at ``slot_start`` may be checked in."""
    return slot_start - rules.check_in_before, slot_start + rules.check_in_after
