"""checkInAppointment: 预约签到 on arrival — at the hall's kiosk or desk with the 预约码; issues a Y ticket."""

from __future__ import annotations

from typing import Annotated, Union

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from core.appointments import service as appointment_service
from core.appointments.models import Appointment
from core.appointments.mutations.common import appointment_snapshot, load_hall, window_of
from core.appointments.types import AppointmentType
from core.errors import NotFoundError
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.items.models import ServiceItem
from core.policy.access import policy_in_session
from core.queue.events import publish_change
from core.queue.models import QueueEventKind
from core.queue.types import TicketType
from core.timezones import local_date


@strawberry.input
class CheckInAppointmentInput:
    hall_id: strawberry.ID
    code: str = strawberry.field(description="预约码 given at booking")


@strawberry.type
class CheckInAppointmentSuccess:
    appointment: AppointmentType
    ticket: TicketType = strawberry.field(description="the Y ticket: called ahead of on-site tickets")


CheckInAppointmentResult = Annotated[Union[CheckInAppointmentSuccess, *ERROR_TYPES],
                                     strawberry.union("CheckInAppointmentResult")]


async def check_in_appointment(info: Info, input: CheckInAppointmentInput) -> CheckInAppointmentResult:
    ctx = info.context

    async def body(session, call):
        hall = await load_hall(session, ctx, input.hall_id)
        call.acted(domain=f"hall:{hall.id}", target_type="Hall", target_id=hall.id)
        now = ctx.runtime.now()
        appointment = (await session.execute(
            sa.select(Appointment).where(Appointment.hall_id == hall.id, Appointment.slot_on == local_date(now),
                                         Appointment.code == input.code.strip()).with_for_update()
        )).scalar_one_or_none()
        if appointment is None:
            raise NotFoundError(f"今天的预约 {input.code.strip()}", f"Today's appointment {input.code.strip()}")
        call.acted(target_type="Appointment", target_id=appointment.id)
        before = appointment_snapshot(appointment)
        item = await session.get(ServiceItem, appointment.item_id)
        policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
        ticket = await appointment_service.check_in(session, policy=policy, appointment=appointment, item=item, at=now)
        call.acted(before=before, after=appointment_snapshot(appointment))
        await publish_change(call, session, ticket, QueueEventKind.ISSUED, now, hall=hall, item=item)
        return CheckInAppointmentSuccess(
            appointment=AppointmentType.from_model(appointment, window=window_of(policy, appointment), show_code=True),
            ticket=TicketType.from_model(ticket))

    return await run_mutation(info, "checkInAppointment", body)
