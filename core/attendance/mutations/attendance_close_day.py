"""closeAttendanceDay: 日终核定 — every required check-in without a record gets the plugin's verdict for none."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core import clock
from core.attendance import service as attendance_service
from core.attendance.types import AttendanceDayType
from core.auth.access import hall_scope, require
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.policy.access import policy_in_session
from core.staff.access import hall_in_session


@strawberry.input
class CloseAttendanceDayInput:
    hall_id: strawberry.ID
    day: date


@strawberry.type
class CloseAttendanceDaySuccess:
    day: AttendanceDayType
    missing_recorded: int = strawberry.field(description="check-ins recorded as missing or excused")


CloseAttendanceDayResult = Annotated[Union[CloseAttendanceDaySuccess, *ERROR_TYPES], strawberry.union("CloseAttendanceDayResult")]


async def close_attendance_day(info: Info, input: CloseAttendanceDayInput) -> CloseAttendanceDayResult:
    ctx = info.context

    async def body(session, call):
        hall = await hall_in_session(session, ctx, input.hall_id)
        call.acted(target_type="Hall", target_id=hall.id)
        domain = require(ctx, "attendance", "write", hall_scope(ctx, hall))
        policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
        day, added = await attendance_service.close_day(session, policy=policy, hall=hall, day=input.day,
                                                        closed_by=ctx.actor.user_id, now=clock.now())
        call.acted(domain=domain, after={"day": input.day.isoformat(), "closed": True, "missing_recorded": added})
        return CloseAttendanceDaySuccess(day=AttendanceDayType.from_model(day), missing_recorded=added)

    return await run_mutation(info, "closeAttendanceDay", body)
