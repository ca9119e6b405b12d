"""What the appointment mutations share: the hall, the item by its code, the appointment, the announcement."""

from __future__ import annotations

import sqlalchemy as sa

from core.appointments.models import Appointment
from core.errors import NotFoundError
from core.graphql.relay import from_global_id, to_global_id
from core.halls.models import Hall
from core.items.models import ServiceItem
from core.policy.appointments import check_in_window
from core.queue import service as queue_service
from core.queue.events import queue_topic
from core.timezones import to_local


async def load_hall(session, ctx, hall_id: str) -> Hall:
    hall = await session.get(Hall, from_global_id(hall_id, "Hall")[1])
    if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
        raise NotFoundError("大厅", "Hall")
    return hall


async def load_item(session, hall: Hall, code: str) -> ServiceItem:
    item = (await session.execute(sa.select(ServiceItem).where(
        ServiceItem.code == code.strip(), ServiceItem.jurisdiction_code == hall.jurisdiction_code,
    ))).scalar_one_or_none()
    if item is None:
        raise NotFoundError(f"事项 {code}", f"Item {code}")
    return item


async def load_appointment(session, ctx, appointment_id: str) -> tuple[Appointment, Hall]:
    appointment = await session.get(Appointment, from_global_id(appointment_id, "Appointment")[1],
                                    with_for_update=True)
    hall = await session.get(Hall, appointment.hall_id) if appointment else None
    if appointment is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
        raise NotFoundError("预约", "Appointment")
    return appointment, hall


def appointment_snapshot(appointment: Appointment) -> dict:
    """What the audit log keeps: no phone number."""
    return {"status": appointment.status, "slot_start": appointment.slot_start.isoformat(),
            "item_id": str(appointment.item_id), "channel": appointment.channel,
            "ticket_id": str(appointment.ticket_id) if appointment.ticket_id else None}


def window_of(policy, appointment: Appointment):
    return check_in_window(policy.appointment_rules(), appointment.slot_start)


async def publish_appointment(call, session, appointment: Appointment, kind: str, at) -> None:
    """Window clients of the hall hear of a booking, cancellation or release (no personal data)."""
    counts = await queue_service.waiting_counts(session, hall_id=appointment.hall_id, day=queue_service.local_date(at))
    call.publish(queue_topic(appointment.hall_id), {
        "kind": kind,
        "appointmentId": to_global_id("Appointment", appointment.id),
        "itemId": to_global_id("ServiceItem", appointment.item_id),
        "slotStart": to_local(appointment.slot_start).isoformat(),
        "at": to_local(at).isoformat(),
        "waiting": {to_global_id("Window", window_id): count for window_id, count in counts.items()},
    })
