"""Calendar overrides: public to read, admins to change."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from core.calendar.models import NATIONAL, CalendarOverride
from core.calendar.mutations.calendar_set_override import (
    CalendarOverrideResult,
    ConfirmCalendarYearResult,
    confirm_calendar_year,
    remove_calendar_override,
    set_calendar_override,
)
from core.calendar.types import CalendarOverrideType


@strawberry.type
class CalendarQuery:
    @strawberry.field(description="日历调整: national overrides plus the jurisdiction's own closures, for a year")
    async def calendar_overrides(self, info: Info, year: int, jurisdiction: str | None = None) -> list[CalendarOverrideType]:
        scopes = [NATIONAL] + ([jurisdiction] if jurisdiction and info.context.plugins.is_enabled(jurisdiction) else [])
        stmt = (sa.select(CalendarOverride.__table__)
                .where(CalendarOverride.scope.in_(scopes),
                       CalendarOverride.day >= date(year, 1, 1), CalendarOverride.day <= date(year, 12, 31))
                .order_by(CalendarOverride.day, CalendarOverride.scope))
        async with info.context.db.session() as session:
            return [CalendarOverrideType.from_model(row) for row in (await session.execute(stmt)).all()]


@strawberry.type
class CalendarMutation:
    set_calendar_override: CalendarOverrideResult = strawberry.mutation(
        resolver=set_calendar_override,
        description="设置日历调整: national (platform admin) or a jurisdiction's local date (jurisdiction admin)")
    remove_calendar_override: CalendarOverrideResult = strawberry.mutation(resolver=remove_calendar_override)
    confirm_calendar_year: ConfirmCalendarYearResult = strawberry.mutation(
        resolver=confirm_calendar_year,
        description="确认年度安排: the year's State Council notice is fully entered; its dates are no longer estimates")
