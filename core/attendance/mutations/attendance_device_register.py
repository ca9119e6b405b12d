"""registerAttendanceDevice: the hall registers a 考勤机 or 人脸识别终端 and gets its credential once (R2)."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.attendance import devices as attendance_devices
from core.attendance.device_types import AttendanceDeviceType
from core.attendance.models import CheckInMethod
from core.attendance.types import CheckInMethodEnum
from core.auth.access import hall_scope, require
from core.errors import NotFoundError
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.halls.models import Hall


@strawberry.input(description="An attendance device of the hall: 考勤机 (DEVICE) or 人脸识别终端 (FACE_RECOGNITION)")
class RegisterAttendanceDeviceInput:
    hall_id: strawberry.ID
    name: str
    method: CheckInMethodEnum = CheckInMethod.FACE_RECOGNITION


@strawberry.type
class RegisterAttendanceDeviceSuccess:
    device: AttendanceDeviceType
    credential: str = strawberry.field(
        description="Shown this once: the device sends it as `X-Device-Token` with recordCheckIn")


RegisterAttendanceDeviceResult = Annotated[Union[RegisterAttendanceDeviceSuccess, *ERROR_TYPES],
                                           strawberry.union("RegisterAttendanceDeviceResult")]


async def register_attendance_device(info: Info, input: RegisterAttendanceDeviceInput) -> RegisterAttendanceDeviceResult:
    ctx = info.context

    async def body(session, call):
        hall = await session.get(Hall, from_global_id(input.hall_id, "Hall")[1])
        if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("大厅", "Hall")
        domain = require(ctx, "attendance_device", "manage", hall_scope(ctx, hall))
        device, credential = await attendance_devices.register(
            session, hall_id=hall.id, method=CheckInMethod(input.method.value), name=input.name,
            user_id=ctx.actor.user_id, now=ctx.runtime.now())
        call.acted(domain=domain, target_type="AttendanceDevice", target_id=device.id,
                   after={"method": device.method, "name": device.name})
        return RegisterAttendanceDeviceSuccess(device=AttendanceDeviceType.from_model(device), credential=credential)

    return await run_mutation(info, "registerAttendanceDevice", body)
