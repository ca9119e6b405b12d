"""Calendar services: build a jurisdiction's working calendar from the overrides in the database."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.calendar.models import NATIONAL, CalendarConfirmedYear, CalendarOverride
from core.policy.calendar import WorkingCalendar
from core.policy.types import DAY_KINDS, DayOverride


async def load_calendar(session: AsyncSession, *, jurisdiction: str) -> WorkingCalendar:
    """National overrides plus the jurisdiction's own (a local one wins on the same date). Two statements."""
    rows = (await session.execute(
        sa.select(CalendarOverride.__table__).where(CalendarOverride.scope.in_((NATIONAL, jurisdiction)))
    )).all()
    overrides: dict[date, DayOverride] = {}
    for row in sorted(rows, key=lambda r: r.scope != NATIONAL):  # national first, local over it
        overrides[row.day] = DayOverride(kind=row.kind, reason=row.reason, source=row.scope)
    years = (await session.execute(sa.select(CalendarConfirmedYear.year))).scalars().all()
    return WorkingCalendar(overrides, confirmed_years=frozenset(years))


async def set_override(session: AsyncSession, *, scope: str, day: date, kind: str, reason: str | None,
                       created_by: str | None) -> tuple[CalendarOverride, dict | None]:
    """Create or replace the override for (scope, day); returns it and what it replaced."""
    if kind not in DAY_KINDS:
        raise ValueError(kind)
    existing = (await session.execute(
        sa.select(CalendarOverride).where(CalendarOverride.scope == scope, CalendarOverride.day == day)
    )).scalar_one_or_none()
    before = {"kind": existing.kind, "reason": existing.reason} if existing else None
    if existing is None:
        existing = CalendarOverride(scope=scope, day=day, kind=kind, reason=reason, created_by=created_by)
        session.add(existing)
    else:
        existing.kind, existing.reason, existing.created_by = kind, reason, created_by
    await session.flush()
    return existing, before


async def remove_override(session: AsyncSession, *, scope: str, day: date) -> dict | None:
    """Remove the override for (scope, day); returns what was removed (None when there was none)."""
    existing = (await session.execute(
        sa.select(CalendarOverride).where(CalendarOverride.scope == scope, CalendarOverride.day == day)
    )).scalar_one_or_none()
    if existing is None:
        return None
    removed = {"kind": existing.kind, "reason": existing.reason}
    await session.delete(existing)
    return removed


async def confirm_year(session: AsyncSession, *, year: int, notice: str | None) -> bool:
    """Mark a year's national notice as fully entered; False when it already was."""
    if (await session.execute(sa.select(CalendarConfirmedYear.id).where(CalendarConfirmedYear.year == year))).first():
        return False
    session.add(CalendarConfirmedYear(year=year, notice=notice))
    return True
