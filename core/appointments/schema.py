"""Appointment queries and mutations (预约)."""

from __future__ import annotations

import datetime

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from core.appointments import service as appointment_service
from core.appointments.models import Appointment
from core.appointments.mutations.appointment_book import BookAppointmentResult, book_appointment
from core.appointments.mutations.appointment_cancel import CancelAppointmentResult, cancel_appointment
from core.appointments.mutations.appointment_check_in import CheckInAppointmentResult, check_in_appointment
from core.appointments.mutations.appointment_setting_set import (
    SetAppointmentSettingResult,
    set_appointment_setting,
)
from core.appointments.types import (
    AppointmentDayType,
    AppointmentSettingType,
    AppointmentSlotType,
    AppointmentType,
)
from core.auth.access import can, hall_scope
from core.graphql.relay import from_global_id
from core.halls.schema import visible_hall
from core.items.models import ServiceItem
from core.policy import appointments as rules
from core.policy.access import policy_for
from core.timezones import local_datetime

MAX_LIST = 200


async def _hall_item(info: Info, hall_id, item_code: str):
    hall = await visible_hall(info, from_global_id(hall_id, "Hall")[1])
    if hall is None:
        return None, None
    async with info.context.db.session() as session:
        item = (await session.execute(sa.select(ServiceItem).where(
            ServiceItem.code == item_code.strip(), ServiceItem.jurisdiction_code == hall.jurisdiction_code,
        ))).scalar_one_or_none()
    return hall, item


@strawberry.type
class AppointmentQuery:
    @strawberry.field(description="可预约时段: an item's slots in a hall on a date, with the places left (public). "
                                  "A closed day has no slots and names the next opening.")
    async def appointment_slots(self, info: Info, hall_id: strawberry.ID, item_code: str,
                                date: datetime.date) -> AppointmentDayType | None:
        hall, item = await _hall_item(info, hall_id, item_code)
        if hall is None or item is None:
            return None
        policy = await policy_for(info.context, hall.jurisdiction_code)
        hours = appointment_service.hours_of(policy, hall)(date)
        async with info.context.db.session() as session:
            setting = await appointment_service.get_setting(session, hall_id=hall.id, item_id=item.id)
            bookable = setting is not None and setting.bookable
            slots = (await appointment_service.slots(session, policy=policy, hall=hall, setting=setting, day=date)
                     if bookable else [])
        now = info.context.runtime.now()
        nxt = None if hours.open else rules.next_opening(appointment_service.hours_of(policy, hall),
                                                         max(now, local_datetime(date, "00:00")))
        return AppointmentDayType(
            date=date, open=hours.open, bookable=bookable, day_kind=hours.day.kind,
            slots=[AppointmentSlotType(start=slot.start, end=slot.end, capacity=setting.slot_capacity, booked=taken,
                                       available=max(setting.slot_capacity - taken, 0)) for slot, taken in slots],
            next_opening=nxt)

    @strawberry.field(description="预约设置 of an item in a hall (public: whether it can be booked, the quota)")
    async def appointment_setting(self, info: Info, hall_id: strawberry.ID,
                                  item_code: str) -> AppointmentSettingType | None:
        hall, item = await _hall_item(info, hall_id, item_code)
        if hall is None or item is None:
            return None
        async with info.context.db.session() as session:
            setting = await appointment_service.get_setting(session, hall_id=hall.id, item_id=item.id)
        return AppointmentSettingType.from_model(setting) if setting else None

    @strawberry.field(description="我的预约: the signed-in caller's appointments, latest slot first")
    async def my_appointments(self, info: Info, first: int = 20) -> list[AppointmentType]:
        ctx = info.context
        if ctx.actor is None:
            return []
        stmt = (sa.select(Appointment).where(Appointment.user_id == ctx.actor.user_id)
                .order_by(Appointment.slot_start.desc()).limit(min(max(first, 0), MAX_LIST)))
        async with ctx.db.session() as session:
            rows = (await session.execute(stmt)).scalars().all()
        return await _typed(info, rows)

    @strawberry.field(description="大厅当日预约: a hall's appointments on a date in slot order (hall desk staff)")
    async def hall_appointments(self, info: Info, hall_id: strawberry.ID, date: datetime.date,
                                first: int = 100) -> list[AppointmentType]:
        ctx = info.context
        hall = await visible_hall(info, from_global_id(hall_id, "Hall")[1])
        if hall is None or ctx.actor is None or not can(ctx, "appointments", "manage", hall_scope(ctx, hall)):
            return []
        stmt = (sa.select(Appointment).where(Appointment.hall_id == hall.id, Appointment.slot_on == date)
                .order_by(Appointment.slot_start, Appointment.booked_at).limit(min(max(first, 0), MAX_LIST)))
        async with ctx.db.session() as session:
            rows = (await session.execute(stmt)).scalars().all()
        return await _typed(info, rows)


async def _typed(info: Info, rows) -> list[AppointmentType]:
    """Each with its check-in window from its jurisdiction's rules (one policy per jurisdiction per request)."""
    from core.halls.dataloaders import HallByIdLoader
    from core.graphql.helpers import loader

    halls = await loader(info, HallByIdLoader).load_many([row.hall_id for row in rows])
    result = []
    for row, hall in zip(rows, halls):
        policy = await policy_for(info.context, hall.jurisdiction_code)
        result.append(AppointmentType.from_model(row, window=rules.check_in_window(policy.appointment_rules(),
                                                                                   row.slot_start)))
    return result


@strawberry.type
class AppointmentMutation:
    book_appointment: BookAppointmentResult = strawberry.mutation(
        resolver=book_appointment, description="预约: anyone with a mobile number, or signed in; desk staff for a caller")
    cancel_appointment: CancelAppointmentResult = strawberry.mutation(
        resolver=cancel_appointment, description="取消预约: the booker (signed in or with the 预约码) or desk staff")
    check_in_appointment: CheckInAppointmentResult = strawberry.mutation(
        resolver=check_in_appointment, description="预约签到: within the check-in window; issues a Y ticket ahead "
                                                   "of on-site tickets")
    set_appointment_setting: SetAppointmentSettingResult = strawberry.mutation(
        resolver=set_appointment_setting, description="预约设置: slot length and capacity, daily on-site quota "
                                                      "(hall admins)")
