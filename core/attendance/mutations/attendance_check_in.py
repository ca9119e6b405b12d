"""recordCheckIn: a check-in judged by the plugin — sent by a registered 考勤机/人脸识别终端 at the server's clock
(R2: panyu Art 64; jiedong Art 24), or taken by hand by the hall on a declared manual-attendance day (panyu Art 65).

A device sends its credential (``X-Device-Token``); nobody declares their own check-in, and a past day's
check-in exists only through a signed correction slip."""

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
from core.attendance import devices as attendance_devices
from core.auth.access import hall_scope, require, require_self_or
from core.auth.device_credentials import device_credential
from core.auth.roles import hall_domain
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
    at: datetime | None = strawberry.field(
        default=None, description="MANUAL only (the hall's record on a manual-attendance day, that day): when the "
        "staff member arrived; devices check in at the server's clock (R2)")
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
        method = CheckInMethod(input.method.value)
        credential = device_credential(ctx.request.headers if ctx.request is not None else None)
        device = None
        if method == CheckInMethod.MANUAL:  # manual attendance is taken by the hall
            domain = require(ctx, "attendance", "write", scope)
        elif credential:  # a registered device speaks for itself
            device = await attendance_devices.by_credential(session, credential=credential)
            domain = hall_domain(sides.hall.id)
        else:
            domain = require_self_or(ctx, own=("attendance", "check_in"), others=("attendance", "write"),
                                     scope=scope, staff_id=sides.staff.id)
        policy = await policy_in_session(session, ctx.plugins, sides.hall.jurisdiction_code)
        now = clock.now()
        at = attendance_service.check_in_moment(
            policy=policy, hall_id=sides.hall.id, method=method, device=device, requested=local_moment(input.at), now=now)
        record = await attendance_service.record_check_in(
            session, policy=policy, sides=sides, at=at, slot_code=input.slot, method=method,
            recorded_by=ctx.actor.user_id if ctx.actor else None, now=now, device_id=device.id if device else None)
        call.acted(domain=domain, target_type="AttendanceRecord", target_id=record.id, after=snapshot(record, AUDITED))
        return CheckInSuccess(record=AttendanceRecordType.from_model(record))

    return await run_mutation(info, "recordCheckIn", body)
