"""GraphQL types for calendar overrides."""

from __future__ import annotations

from datetime import date

import strawberry

from core.calendar.models import CalendarOverride
from core.jurisdictions.policy_types import DayKind


@strawberry.type(name="CalendarOverride", description="日历调整: a date's status set by an admin (national notice or local closure)")
class CalendarOverrideType:
    date: date
    kind: DayKind
    reason: str | None
    scope: str = strawberry.field(description="national, or the jurisdiction code of a local closure")

    @classmethod
    def from_model(cls, row: CalendarOverride) -> "CalendarOverrideType":
        return cls(date=row.day, kind=DayKind(row.kind), reason=row.reason, scope=row.scope)
