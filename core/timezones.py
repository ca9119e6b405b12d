"""Time at the edges: stored in UTC, shown in China Standard Time."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


def to_local(value: datetime | None) -> datetime | None:
    """UTC (or any aware) timestamp → Asia/Shanghai, for display and for the API."""
    return None if value is None else value.astimezone(SHANGHAI)


def local_date(moment: datetime) -> date:
    """The date in China Standard Time of an aware moment (the halls' calendar day)."""
    return moment.astimezone(SHANGHAI).date()


def local_today(now: datetime | None = None) -> date:
    """The local calendar day of ``now``, or of the platform clock's now (``core.clock``, which tests pin)."""
    if now is None:
        from core import clock  # core.clock imports this module

        now = clock.now()
    return now.astimezone(SHANGHAI).date()


def local_datetime(day: date, hh_mm: str) -> datetime:
    """A wall-clock time on a date in Asia/Shanghai, as an aware datetime."""
    hour, minute = (int(part) for part in hh_mm.split(":"))
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


def local_period_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """[start, end) in UTC of the local days ``first``..``last`` (both included), for indexed range filters."""
    start = datetime(first.year, first.month, first.day, tzinfo=SHANGHAI)
    after = last + timedelta(days=1)
    end = datetime(after.year, after.month, after.day, tzinfo=SHANGHAI)
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)
