"""revokeAttendanceDevice: the hall stops an attendance device; its credential checks nobody in any more (R2)."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.attendance import devices as attendance_devices
from core.attendance.device_types import AttendanceDeviceType
from core.attendance.models import AttendanceDevice
from core.auth.access import hall_scope, require
from core.errors import NotFoundError
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.halls.models import Hall


@strawberry.type
class RevokeAttendanceDeviceSuccess:
    device: AttendanceDeviceType


RevokeAttendanceDeviceResult = Annotated[Union[RevokeAttendanceDeviceSuccess, *ERROR_TYPES],
                                         strawberry.union("RevokeAttendanceDeviceResult")]


async def revoke_attendance_device(info: Info, device_id: strawberry.ID) -> RevokeAttendanceDeviceResult:
    ctx = info.context

    async def body(session, call):
        device = await session.get(AttendanceDevice, from_global_id(device_id, "AttendanceDevice")[1])
        hall = await session.get(Hall, device.hall_id) if device else None
        if device is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("考勤设备", "Attendance device")
        domain = require(ctx, "attendance_device", "manage", hall_scope(ctx, hall))
        await attendance_devices.revoke(session, device=device, now=ctx.runtime.now())
        call.acted(domain=domain, target_type="AttendanceDevice", target_id=device.id,
                   before={"revoked": False}, after={"revoked": True})
        return RevokeAttendanceDeviceSuccess(device=AttendanceDeviceType.from_model(device))

    return await run_mutation(info, "revokeAttendanceDevice", body)
