"""declareManualAttendanceDay: the attendance system failed — the rule says attendance is taken by hand (panyu Art 65)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core import clock
from core.attendance import service as attendance_service
from core.attendance.types import AttendanceDayType
from core.auth.access import hall_scope, require
from core.graphql.errors import RULED_ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.policy.access import policy_in_session
from core.staff.access import hall_in_session


@strawberry.input
class ManualAttendanceDayInput:
    hall_id: strawberry.ID
    day: date
    reason: str = strawberry.field(description="what failed, e.g. 人脸识别考勤机故障")


@strawberry.type
class ManualAttendanceDaySuccess:
    day: AttendanceDayType


ManualAttendanceDayResult = Annotated[Union[ManualAttendanceDaySuccess, *RULED_ERROR_TYPES],
                                      strawberry.union("ManualAttendanceDayResult")]


async def declare_manual_attendance_day(info: Info, input: ManualAttendanceDayInput) -> ManualAttendanceDayResult:
    ctx = info.context

    async def body(session, call):
        hall = await hall_in_session(session, ctx, input.hall_id)
        call.acted(target_type="Hall", target_id=hall.id)
        domain = require(ctx, "attendance", "write", hall_scope(ctx, hall))
        policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
        day = await attendance_service.declare_manual_day(session, policy=policy, hall=hall, day=input.day,
                                                          reason=input.reason.strip(), declared_by=ctx.actor.user_id,
                                                          now=clock.now())
        call.acted(domain=domain, after={"day": input.day.isoformat(), "manual": True, "rule_ids": day.rule_ids})
        return ManualAttendanceDaySuccess(day=AttendanceDayType.from_model(day))

    return await run_mutation(info, "declareManualAttendanceDay", body)
