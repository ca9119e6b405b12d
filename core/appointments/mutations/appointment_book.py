"""bookAppointment: 预约 — anyone with a mobile number, or signed in; hall desk staff book for a caller (现场预约)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.appointments import service as appointment_service
from core.appointments.mutations.common import (
    appointment_snapshot,
    load_hall,
    load_item,
    publish_appointment,
    window_of,
)
from core.appointments.types import AppointmentType
from core.auth.access import can, hall_scope
from core.graphql.errors import ERROR_TYPES, HallClosedError
from core.graphql.mutations import run_mutation
from core.policy.access import policy_in_session


@strawberry.input
class BookAppointmentInput:
    hall_id: strawberry.ID
    item_code: str = strawberry.field(description="实施编码 of the item")
    slot_start: datetime = strawberry.field(description="the slot's start, as listed by appointmentSlots")
    applicant_phone: str | None = strawberry.field(
        default=None, description="手机号码: required when not signed in (for reminders and the no-show record)")


@strawberry.type
class BookAppointmentSuccess:
    appointment: AppointmentType = strawberry.field(description="with its 预约码 (code), to show at check-in")


BookAppointmentResult = Annotated[Union[BookAppointmentSuccess, HallClosedError, *ERROR_TYPES],
                                  strawberry.union("BookAppointmentResult")]


async def book_appointment(info: Info, input: BookAppointmentInput) -> BookAppointmentResult:
    ctx = info.context

    async def body(session, call):
        hall = await load_hall(session, ctx, input.hall_id)
        call.acted(domain=f"hall:{hall.id}", target_type="Hall", target_id=hall.id)
        item = await load_item(session, hall, input.item_code)
        desk = ctx.actor is not None and can(ctx, "appointments", "manage", hall_scope(ctx, hall))
        phone = appointment_service.normalize_phone(input.applicant_phone)
        # Desk staff book for the caller in front of them: the booking is the caller's (by phone), not theirs.
        user_id = None if desk or ctx.actor is None else ctx.actor.user_id
        policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
        now = ctx.runtime.now()
        appointment = await appointment_service.book(
            session, policy=policy, hall=hall, item=item, slot_start=input.slot_start, phone=phone, user_id=user_id,
            channel="on_site" if desk else "online", at=now)
        call.acted(target_type="Appointment", target_id=appointment.id, after=appointment_snapshot(appointment))
        await publish_appointment(call, session, appointment, "appointment_booked", now)
        return BookAppointmentSuccess(appointment=AppointmentType.from_model(
            appointment, window=window_of(policy, appointment), show_code=True))

    return await run_mutation(info, "bookAppointment", body)
