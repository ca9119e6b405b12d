"""GraphQL types for appointments (预约): a booking, a day's slots, an item's setting."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from core.appointments.models import Appointment, AppointmentSetting, AppointmentStatus
from core.auth.access import can, hall_scope
from core.graphql.enums import AppointmentStatusEnum
from core.graphql.helpers import loader
from core.graphql.relay import Node, to_global_id
from core.halls.dataloaders import HallByIdLoader
from core.items.dataloaders import ServiceItemByIdLoader
from core.privacy import mask_phone
from core.queue.dataloaders import TicketByIdLoader
from core.timezones import to_local


@strawberry.type(name="Appointment", description="预约: one person's place in a slot of an item in a hall")
class AppointmentType(Node):
    id: strawberry.ID
    status: AppointmentStatusEnum
    status_label: str
    slot_on: date
    slot_start: datetime
    slot_end: datetime
    channel: str = strawberry.field(description="online (网上预约), on_site (现场预约), phone (电话预约)")
    booked_at: datetime
    cancelled_at: datetime | None
    checked_in_at: datetime | None
    missed_at: datetime | None = strawberry.field(description="released as a no-show (爽约) at")
    check_in_from: datetime = strawberry.field(description="签到 opens (the jurisdiction's check-in window)")
    check_in_until: datetime = strawberry.field(description="签到 closes; after it the place is released")
    row: strawberry.Private[Appointment]
    show_code: strawberry.Private[bool] = False

    @classmethod
    def from_model(cls, row: Appointment, *, window: tuple[datetime, datetime],
                   show_code: bool = False) -> "AppointmentType":
        status = AppointmentStatus(row.status)
        return cls(id=to_global_id("Appointment", row.id), status=status, status_label=status.label,
                   slot_on=row.slot_on, slot_start=to_local(row.slot_start), slot_end=to_local(row.slot_end),
                   channel=row.channel, booked_at=to_local(row.booked_at), cancelled_at=to_local(row.cancelled_at),
                   checked_in_at=to_local(row.checked_in_at), missed_at=to_local(row.missed_at),
                   check_in_from=to_local(window[0]), check_in_until=to_local(window[1]), row=row,
                   show_code=show_code)

    @strawberry.field(description="预约码: asked at check-in and to cancel; shown to whoever booked and to hall staff")
    async def code(self, info: Info) -> str | None:
        if self.show_code:
            return self.row.code
        ctx = info.context
        if ctx.actor is not None and ctx.actor.user_id == self.row.user_id:
            return self.row.code
        hall = await loader(info, HallByIdLoader).load(self.row.hall_id)
        return self.row.code if ctx.actor is not None and can(ctx, "appointments", "manage", hall_scope(ctx, hall)) else None

    @strawberry.field(description="手机号码, masked unless you may see personal data in this hall")
    async def applicant_phone(self, info: Info) -> str | None:
        value = self.row.applicant_phone
        ctx = info.context
        if value is None or ctx.actor is None:
            return mask_phone(value)
        hall = await loader(info, HallByIdLoader).load(self.row.hall_id)
        return value if can(ctx, "personal_data", "read", hall_scope(ctx, hall)) else mask_phone(value)

    @strawberry.field
    async def item(self, info: Info) -> Annotated["ServiceItemType", strawberry.lazy("core.items.types")]:
        return item_types.ServiceItemType.from_model(await loader(info, ServiceItemByIdLoader).load(self.row.item_id))

    @strawberry.field
    async def hall(self, info: Info) -> Annotated["HallType", strawberry.lazy("core.halls.types")]:
        return hall_types.HallType.from_model(await loader(info, HallByIdLoader).load(self.row.hall_id))

    @strawberry.field(description="the Y ticket issued at check-in")
    async def ticket(self, info: Info) -> Annotated["TicketType", strawberry.lazy("core.queue.types")] | None:
        if self.row.ticket_id is None:
            return None
        return queue_types.TicketType.from_model(await loader(info, TicketByIdLoader).load(self.row.ticket_id))


@strawberry.type(name="AppointmentSlot", description="预约时段: a slot, its capacity and the places left")
class AppointmentSlotType:
    start: datetime
    end: datetime
    capacity: int
    booked: int
    available: int = strawberry.field(description="places left (0: 约满)")


@strawberry.type(name="AppointmentDay", description="一天的预约时段 of an item in a hall")
class AppointmentDayType:
    date: date
    open: bool = strawberry.field(description="the hall is open to the public that day")
    bookable: bool = strawberry.field(description="the item takes appointments in this hall")
    day_kind: str = strawberry.field(description="workday, weekend, holiday, makeup_workday, …")
    slots: list[AppointmentSlotType]
    next_opening: datetime | None = strawberry.field(description="when the hall next opens, if closed that day")


@strawberry.type(name="AppointmentSetting", description="预约设置 of an item in a hall")
class AppointmentSettingType:
    bookable: bool
    slot_minutes: int
    slot_capacity: int
    on_site_daily_quota: int | None = strawberry.field(description="现场取号量 per day (null: no quota)")

    @classmethod
    def from_model(cls, row: AppointmentSetting) -> "AppointmentSettingType":
        return cls(bookable=row.bookable, slot_minutes=row.slot_minutes, slot_capacity=row.slot_capacity,
                   on_site_daily_quota=row.on_site_daily_quota)


from core.halls import types as hall_types  # noqa: E402
from core.items import types as item_types  # noqa: E402
from core.queue import types as queue_types  # noqa: E402
