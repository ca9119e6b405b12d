"""setAppointmentSetting: 预约设置 of an item in a hall — slot length, capacity, daily on-site quota (hall admins)."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.appointments import service as appointment_service
from core.appointments.mutations.common import load_hall, load_item
from core.appointments.types import AppointmentSettingType
from core.auth.access import hall_scope, require
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation


@strawberry.input
class SetAppointmentSettingInput:
    hall_id: strawberry.ID
    item_code: str = strawberry.field(description="实施编码 of the item")
    bookable: bool = strawberry.field(default=True, description="open for booking")
    slot_minutes: int = strawberry.field(default=30, description="时段长度 in minutes (5–240)")
    slot_capacity: int = strawberry.field(default=5, description="places per slot (1–500)")
    on_site_daily_quota: int | None = strawberry.field(default=None, description="现场取号量 per day (null: none)")


@strawberry.type
class SetAppointmentSettingSuccess:
    setting: AppointmentSettingType


SetAppointmentSettingResult = Annotated[Union[SetAppointmentSettingSuccess, *ERROR_TYPES],
                                        strawberry.union("SetAppointmentSettingResult")]


async def set_appointment_setting(info: Info, input: SetAppointmentSettingInput) -> SetAppointmentSettingResult:
    ctx = info.context

    async def body(session, call):
        hall = await load_hall(session, ctx, input.hall_id)
        domain = require(ctx, "appointments", "configure", hall_scope(ctx, hall))
        item = await load_item(session, hall, input.item_code)
        setting, before = await appointment_service.set_setting(
            session, hall_id=hall.id, item=item, bookable=input.bookable, slot_minutes=input.slot_minutes,
            slot_capacity=input.slot_capacity, on_site_daily_quota=input.on_site_daily_quota, at=ctx.runtime.now())
        call.acted(domain=domain, target_type="AppointmentSetting", target_id=setting.id, before=before,
                   after=appointment_service.snapshot(setting))
        return SetAppointmentSettingSuccess(setting=AppointmentSettingType.from_model(setting))

    return await run_mutation(info, "setAppointmentSetting", body)
