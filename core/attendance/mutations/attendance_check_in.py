"""recordCheckIn: a check-in (device, face recognition, or by hand on a manual-attendance day), judged by the plugin."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core import clock
from core.attendance import service as attendance_service
from core.attendance.models import CheckInMethod
from core.attendance.types import AttendanceRecordType, CheckInMethodEnum
from core.audit.service import snapshot
from core.auth.access import hall_scope, require, require_self_or
from core.graphql.errors import RULED_ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.policy.access import policy_in_session
from core.staff import service as staff_service
from core.staff.access import local_moment

AUDITED = ("staff_id", "attendance_on", "slot", "checked_at", "method", "verdict", "rule_ids")


@strawberry.input(description="一次考勤打卡. Without a slot, the nearest slot not yet recorded")
class CheckInInput:
    staff_id: strawberry.ID
    at: datetime | None = strawberry.field(default=None, description="when (default: now)")
    method: CheckInMethodEnum = CheckInMethod.FACE_RECOGNITION
    slot: str | None = strawberry.field(default=None, description="the plan's slot code, e.g. am_in")


@strawberry.type
class CheckInSuccess:
    record: AttendanceRecordType


CheckInResult = Annotated[Union[CheckInSuccess, *RULED_ERROR_TYPES], strawberry.union("CheckInResult")]


async def record_check_in(info: Info, input: CheckInInput) -> CheckInResult:
    ctx = info.context

    async def body(session, call):
        sides = await staff_service.get_with_sides(session, staff_id=from_global_id(input.staff_id, "Staff")[1],
                                                   enabled=ctx.plugins.enabled_codes)
        call.acted(target_type="Staff", target_id=sides.staff.id)
        scope = hall_scope(ctx, sides.hall)
        if input.method == CheckInMethod.MANUAL:  # manual attendance is taken by the hall
            domain = require(ctx, "attendance", "write", scope)
        else:
            domain = require_self_or(ctx, own=("attendance", "check_in"), others=("attendance", "write"),
                                     scope=scope, staff_id=sides.staff.id)
        policy = await policy_in_session(session, ctx.plugins, sides.hall.jurisdiction_code)
        now = clock.now()
        record = await attendance_service.record_check_in(
            session, policy=policy, sides=sides, at=local_moment(input.at) or now, slot_code=input.slot,
            method=CheckInMethod(input.method.value), recorded_by=ctx.actor.user_id, now=now)
        call.acted(domain=domain, target_type="AttendanceRecord", target_id=record.id, after=snapshot(record, AUDITED))
        return CheckInSuccess(record=AttendanceRecordType.from_model(record))

    return await run_mutation(info, "recordCheckIn", body)
