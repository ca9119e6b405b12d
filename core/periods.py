"""Reporting periods: local dates in, UTC bounds out, checked once for every report."""

from __future__ import annotations

from datetime import date, datetime

from core.errors import DomainError
from core.timezones import local_period_bounds

#: The longest period a report covers: a year (leap years included).
MAX_PERIOD_DAYS = 366


def period_bounds(first: date | None, last: date | None) -> tuple[datetime | None, datetime | None]:
    """[start, end) in UTC of the local days ``first``..``last``; either end may be open.

    :raises DomainError: PERIOD_INVALID when ``first`` is after ``last`` or the period is longer than a year.
    """
    if first is not None and last is not None:
        if first > last:
            raise DomainError("PERIOD_INVALID", {"reason": f"开始日期 {first} 晚于结束日期 {last}",
                                                 "reason_en": f"from {first} is after to {last}"}, field_name="from")
        if (last - first).days + 1 > MAX_PERIOD_DAYS:
            raise DomainError("PERIOD_INVALID", {"reason": f"期间不能超过 {MAX_PERIOD_DAYS} 天",
                                                 "reason_en": f"a period spans at most {MAX_PERIOD_DAYS} days"},
                              field_name="to")
    start = local_period_bounds(first, first)[0] if first is not None else None
    end = local_period_bounds(last, last)[1] if last is not None else None
    return start, end
