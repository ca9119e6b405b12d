"""Ranges the API takes, capped where it takes them (calendar arithmetic is priced by its range).

A query may ask for working-day arithmetic or a period; the platform answers within these bounds and
refuses more with a typed ``VALIDATION_FAILED`` naming the field, instead of walking the calendar for
seconds (or overflowing past year 9999).
"""

from __future__ import annotations

from datetime import date

from core.errors import DomainError

# Each calendar day walked costs ~60 µs of policy work: two years is the most one field may ask for
# (deadlines are weeks, statistics periods a year); more is refused.
MAX_WORKING_DAYS = 500  # about two years of working days
MAX_SPAN_DAYS = 740  # about two calendar years
EARLIEST = date(1990, 1, 1)  # calendars start here: nothing in a hall happened earlier
LATEST = date(2099, 12, 31)


def _refuse(field: str, label: str, zh: str, en: str) -> DomainError:
    return DomainError("VALIDATION_FAILED", {"field": field, "field_label": label, "reason": zh, "reason_en": en})


def check_day(value: date, field: str, label: str = "日期") -> date:
    """A calendar day the platform can reason about (1990–2099)."""
    if not EARLIEST <= value <= LATEST:
        raise _refuse(field, label, f"须在 {EARLIEST} 至 {LATEST} 之间", f"must be between {EARLIEST} and {LATEST}")
    return value


def check_working_days(days: int, field: str = "days", label: str = "工作日数") -> int:
    if abs(days) > MAX_WORKING_DAYS:
        raise _refuse(field, label, f"绝对值不能超过 {MAX_WORKING_DAYS}", f"must be within ±{MAX_WORKING_DAYS}")
    return days


def check_span(start: date, end: date, field: str = "end", label: str = "结束日期") -> None:
    if abs((end - start).days) > MAX_SPAN_DAYS:
        raise _refuse(field, label, f"与开始日期相隔不能超过 {MAX_SPAN_DAYS} 天",
                      f"must be within {MAX_SPAN_DAYS} days of the start")
