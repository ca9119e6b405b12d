"""The one working-day arithmetic every deadline uses.

A :class:`WorkingCalendar` answers, for any date, whether it is a working day
(工作日) and why. In order:

1. an admin's override for that date (:class:`DayOverride`, loaded by core
   from the database: a State Council notice entered for a year the library
   does not know yet, or a jurisdiction's local closure) wins;
2. in a year the admin has *confirmed* (the whole notice entered as
   overrides), every other date is a plain weekday or weekend, not an estimate;
3. for 2004–2026 the published national calendar (``chinese_calendar``):
   statutory holidays with their 调休 days off are closed, make-up working days
   (e.g. Saturday 2026-10-10) are open;
4. for other years an estimate (``estimated=True``): the ``holidays``
   package's China calendar, or plain weekends if that fails too.

Counting convention (RULEBOOK §15): ``add_working_days(start, n)`` counts from
the day *after* ``start``: it returns the n-th working day after ``start``.
``n == 0`` returns ``start`` unchanged (nothing to add, whatever kind of day
``start`` is); a negative ``n`` counts back to the |n|-th working day before
``start``. ``working_days_between(start, end)`` is its inverse: the number of
working days in ``(start, end]``.

Plugins never count working days themselves: hooks that need to receive this
calendar as the keyword argument ``calendar``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar

from core.policy.types import DAY_KINDS, WORKING_DAY_KINDS, DayOverride, DayStatus

__all__ = ["DAY_KINDS", "WORKING_DAY_KINDS", "DayOverride", "DayStatus", "WorkingCalendar"]

_HOLIDAY_NAMES_ZH = {holiday.value: holiday.chinese for holiday in chinese_calendar.Holiday}

# Guards the day-by-day walks: no deadline in the rulebook is anywhere near this many days away.
_MAX_WALK_DAYS = 366 * 20


class WorkingCalendar:
    """The national working calendar plus admin overrides; immutable."""

    def __init__(
        self,
        overrides: Mapping[date, DayOverride] | None = None,
        *,
        confirmed_years: frozenset[int] | set[int] | tuple[int, ...] = (),
    ):
        """
        :param overrides: ``{date: DayOverride(kind, reason)}``, national and local.
        :param confirmed_years: years whose national notice is fully entered as
            overrides, so their other dates are no longer estimates.
        """
        self._overrides: dict[date, DayOverride] = dict(overrides or {})
        self.confirmed_years = frozenset(confirmed_years)

    @property
    def overrides(self) -> Mapping[date, DayOverride]:
        return dict(self._overrides)

    def with_overrides(
        self, overrides: Mapping[date, DayOverride], *, confirmed_years: tuple[int, ...] = ()
    ) -> WorkingCalendar:
        """A new calendar with more overrides (later ones win) and more confirmed years."""
        return WorkingCalendar(
            {**self._overrides, **overrides}, confirmed_years=self.confirmed_years | set(confirmed_years)
        )

    # -- one day ------------------------------------------------------------

    def day_status(self, day: date) -> DayStatus:
        """Whether ``day`` is a working day, its kind, the reason, and whether it is an estimate."""
        override = self._overrides.get(day)
        if override is not None:
            return DayStatus(day, override.workday, override.kind, override.reason, False, "override")
        if day.year in self.confirmed_years:
            return _plain_week_day(day, estimated=False, basis="confirmed_year")
        if _library_knows(day.year):
            return _published_status(day)
        return _estimated_status(day)

    def is_working_day(self, day: date) -> bool:
        return self.day_status(day).workday

    # -- arithmetic ---------------------------------------------------------

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        return self.add_working_days(day, 1)

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (n < 0: before); ``n == 0`` returns ``start``."""
        if n == 0:
            return start
        step = timedelta(days=1 if n > 0 else -1)
        remaining = abs(n)
        day = start
        for _ in range(_MAX_WALK_DAYS):
            day += step
            if self.is_working_day(day):
                remaining -= 1
                if remaining == 0:
                    return day
        raise OverflowError(f"no {n} working days within {_MAX_WALK_DAYS} days of {start}")

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in ``(start, end]``; negative when ``end`` is before ``start``."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(1 for day in _days(start + timedelta(days=1), end) if self.is_working_day(day))

    def working_days_in(self, first: date, last: date) -> list[date]:
        """The working days from ``first`` to ``last``, both included."""
        return [day for day in _days(first, last) if self.is_working_day(day)]


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _plain_week_day(day: date, *, estimated: bool, basis: str) -> DayStatus:
    if day.weekday() >= 5:
        return DayStatus(day, False, "weekend", None, estimated, basis)
    return DayStatus(day, True, "workday", None, estimated, basis)


@lru_cache(maxsize=64)
def _library_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def _published_status(day: date) -> DayStatus:
    on_holiday_list = day in chinese_calendar.holidays
    on_workday_list = day in chinese_calendar.workdays
    _, name = chinese_calendar.get_holiday_detail(day)
    name_zh = _HOLIDAY_NAMES_ZH.get(name, name) if name else None
    if on_workday_list:
        if day.weekday() >= 5:
            return DayStatus(day, True, "makeup_workday", f"{name_zh}调休上班", False, "chinese_calendar")
        return DayStatus(day, True, "workday", None, False, "chinese_calendar")
    if on_holiday_list:
        reason = f"{name_zh}（调休）" if chinese_calendar.is_in_lieu(day) else name_zh
        return DayStatus(day, False, "statutory_holiday", reason, False, "chinese_calendar")
    return _plain_week_day(day, estimated=False, basis="chinese_calendar")


@lru_cache(maxsize=16)
def _estimated_year(year: int) -> tuple[dict[date, str], frozenset[date]] | None:
    """Holidays and weekend workdays estimated by the ``holidays`` package, or None."""
    try:
        import holidays

        china = holidays.China(years=year, language="zh_CN")
        return dict(china.items()), frozenset(d for d in china.weekend_workdays if d.year == year)
    except Exception:  # any failure of the estimate falls back to plain weekends
        return None


def _estimated_status(day: date) -> DayStatus:
    estimate = _estimated_year(day.year)
    if estimate is None:
        return _plain_week_day(day, estimated=True, basis="weekday_estimate")
    holidays_by_date, weekend_workdays = estimate
    if day in weekend_workdays:
        return DayStatus(day, True, "makeup_workday", "调休上班（估计）", True, "holidays_estimate")
    if day in holidays_by_date:
        return DayStatus(day, False, "statutory_holiday", f"{holidays_by_date[day]}（估计）", True, "holidays_estimate")
    return _plain_week_day(day, estimated=True, basis="holidays_estimate")
