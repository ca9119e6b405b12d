"""cancelAppointment: 取消预约 — whoever booked (signed in, or with the 预约码), or hall desk staff."""

from __future__ import annotations

import hmac
from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.appointments import service as appointment_service
from core.appointments.mutations.common import appointment_snapshot, load_appointment, publish_appointment, window_of
from core.appointments.types import AppointmentType
from core.auth.access import can, hall_scope
from core.errors import NotFoundError
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.policy.access import policy_in_session


@strawberry.input
class CancelAppointmentInput:
    appointment_id: strawberry.ID
    code: str | None = strawberry.field(default=None, description="预约码 (not needed when signed in as the booker)")


@strawberry.type
class CancelAppointmentSuccess:
    appointment: AppointmentType


CancelAppointmentResult = Annotated[Union[CancelAppointmentSuccess, *ERROR_TYPES],
                                    strawberry.union("CancelAppointmentResult")]


def may_act_on(ctx, appointment, hall, code: str | None) -> bool:
    """The booker (signed in, or holding the code) or hall desk staff."""
    if code and hmac.compare_digest(code.strip(), appointment.code):
        return True
    if ctx.actor is None:
        return False
    return ctx.actor.user_id == appointment.user_id or can(ctx, "appointments", "manage", hall_scope(ctx, hall))


async def cancel_appointment(info: Info, input: CancelAppointmentInput) -> CancelAppointmentResult:
    ctx = info.context

    async def body(session, call):
        appointment, hall = await load_appointment(session, ctx, input.appointment_id)
        call.acted(domain=f"hall:{hall.id}", target_type="Appointment", target_id=appointment.id)
        if not may_act_on(ctx, appointment, hall, input.code):
            raise NotFoundError("预约", "Appointment")  # as if it did not exist: ids are not secrets
        before = appointment_snapshot(appointment)
        now = ctx.runtime.now()
        await appointment_service.cancel(session, appointment=appointment, at=now)
        call.acted(before=before, after=appointment_snapshot(appointment))
        await publish_appointment(call, session, appointment, "appointment_cancelled", now)
        policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
        return CancelAppointmentSuccess(appointment=AppointmentType.from_model(appointment,
                                                                               window=window_of(policy, appointment)))

    return await run_mutation(info, "cancelAppointment", body)
