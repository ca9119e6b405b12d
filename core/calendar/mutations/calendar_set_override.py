"""setCalendarOverride / removeCalendarOverride: a State Council notice entered, or a local closure.

National overrides are the platform admin's; a jurisdiction's own dates are its
jurisdiction admin's (RULEBOOK §4: years the library does not know must be settable).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.auth.access import jurisdiction_scope, require
from core.auth.authorizer import Scope
from core.calendar import service as calendar_service
from core.calendar.models import NATIONAL
from core.calendar.types import CalendarOverrideType
from core.errors import DomainError
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.jurisdictions.policy_types import DayKind


@strawberry.input
class CalendarOverrideInput:
    date: date
    kind: DayKind
    reason: str | None = strawberry.field(default=None, description="e.g. 国务院办公厅通知：春节; 台风停工")
    jurisdiction: str | None = strawberry.field(default=None, description="null: national (State Council notice)")


@strawberry.input
class RemoveCalendarOverrideInput:
    date: date
    jurisdiction: str | None = None


@strawberry.type
class CalendarOverrideSuccess:
    override: CalendarOverrideType | None = strawberry.field(description="null after a removal")
    changed: bool


CalendarOverrideResult = Annotated[Union[CalendarOverrideSuccess, *ERROR_TYPES], strawberry.union("CalendarOverrideResult")]


def _scope(ctx, jurisdiction: str | None) -> tuple[str, Scope]:
    if jurisdiction is None:
        return NATIONAL, Scope.platform()
    if not ctx.plugins.is_enabled(jurisdiction):
        raise DomainError("JURISDICTION_NOT_ENABLED", {"code": jurisdiction}, "jurisdiction")
    return jurisdiction, jurisdiction_scope(ctx, jurisdiction)


async def set_calendar_override(info: Info, input: CalendarOverrideInput) -> CalendarOverrideResult:
    ctx = info.context

    async def body(session, call):
        scope_name, scope = _scope(ctx, input.jurisdiction)
        domain = require(ctx, "calendar", "manage", scope)
        override, before = await calendar_service.set_override(
            session, scope=scope_name, day=input.date, kind=input.kind.value, reason=input.reason,
            created_by=ctx.actor.username)
        call.acted(domain=domain, target_type="CalendarOverride", target_id=f"{scope_name}:{input.date}", before=before,
                   after={"kind": override.kind, "reason": override.reason})
        return CalendarOverrideSuccess(override=CalendarOverrideType.from_model(override), changed=True)

    return await run_mutation(info, "setCalendarOverride", body)


async def remove_calendar_override(info: Info, input: RemoveCalendarOverrideInput) -> CalendarOverrideResult:
    ctx = info.context

    async def body(session, call):
        scope_name, scope = _scope(ctx, input.jurisdiction)
        domain = require(ctx, "calendar", "manage", scope)
        removed = await calendar_service.remove_override(session, scope=scope_name, day=input.date)
        call.acted(domain=domain, target_type="CalendarOverride", target_id=f"{scope_name}:{input.date}", before=removed)
        return CalendarOverrideSuccess(override=None, changed=removed is not None)

    return await run_mutation(info, "removeCalendarOverride", body)


@strawberry.type
class ConfirmCalendarYearSuccess:
    year: int
    changed: bool


ConfirmCalendarYearResult = Annotated[Union[ConfirmCalendarYearSuccess, *ERROR_TYPES],
                                      strawberry.union("ConfirmCalendarYearResult")]


async def confirm_calendar_year(info: Info, year: int, notice: str | None = None) -> ConfirmCalendarYearResult:
    """The whole national notice for ``year`` is entered: its other dates stop being estimates."""
    ctx = info.context

    async def body(session, call):
        domain = require(ctx, "calendar", "manage", Scope.platform())
        if not 2000 <= year <= 2100:
            raise DomainError("VALIDATION_FAILED", {"field": "year", "reason": "年份超出范围", "reason_en": "year out of range"}, "year")
        changed = await calendar_service.confirm_year(session, year=year, notice=notice)
        call.acted(domain=domain, target_type="CalendarYear", target_id=year, after={"notice": notice, "changed": changed})
        return ConfirmCalendarYearSuccess(year=year, changed=changed)

    return await run_mutation(info, "confirmCalendarYear", body)
