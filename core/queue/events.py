"""What queue changes announce to live screens (published by the broker after commit).

Two topics per hall: ``hall:<uuid>:calls`` for the calling screen (叫号屏) and
``hall:<uuid>:queue`` for window clients (every change, with each window's
waiting count). Messages carry everything a screen shows, so subscribers never
query the database for them.
"""

from __future__ import annotations

import uuid

from core.graphql.relay import to_global_id
from core.queue import service as queue_service
from core.queue.models import QueueEventKind, QueueTicket
from core.timezones import to_local


def calls_topic(hall_id: uuid.UUID) -> str:
    return f"hall:{hall_id}:calls"


def queue_topic(hall_id: uuid.UUID) -> str:
    return f"hall:{hall_id}:queue"


def announcement(ticket: QueueTicket, kind: QueueEventKind, *, window, hall, item) -> dict:
    """The calling screen's line: 请A001号到A03窗口办理."""
    return {
        "kind": kind.value,
        "ticketId": to_global_id("Ticket", ticket.id),
        "ticketNumber": ticket.number,
        "windowId": to_global_id("Window", window.id),
        "windowNumber": window.number,
        "windowName": window.name,
        "hallId": to_global_id("Hall", hall.id),
        "hallName": hall.name,
        "itemName": item.name if item else None,
        "calledAt": to_local(ticket.called_at).isoformat(),
        "callCount": ticket.call_count,
        "greenChannel": ticket.green_channel,
        "appointment": getattr(ticket, "source", None) == "appointment",
    }


async def publish_change(call, session, ticket: QueueTicket, kind: QueueEventKind, at, *, window=None, hall=None,
                         item=None) -> None:
    """Queue the announcements of one change on the mutation (sent after commit)."""
    if kind in (QueueEventKind.CALLED, QueueEventKind.RECALLED):
        call.publish(calls_topic(ticket.hall_id), announcement(ticket, kind, window=window, hall=hall, item=item))
    counts = await queue_service.waiting_counts(session, hall_id=ticket.hall_id, day=ticket.issued_on)
    call.publish(queue_topic(ticket.hall_id), {
        "kind": kind.value,
        "ticketId": to_global_id("Ticket", ticket.id),
        "ticketNumber": ticket.number,
        "ticketStatus": ticket.status,
        "ticketSource": ticket.source,
        "appointmentAt": to_local(ticket.appointment_at).isoformat() if ticket.appointment_at else None,
        "windowId": to_global_id("Window", window.id) if window is not None else None,
        "windowNumber": window.number if window is not None else None,
        "at": to_local(at).isoformat(),
        "waiting": {to_global_id("Window", window_id): count for window_id, count in counts.items()},
    })


async def publish_window_status(call, session, window, at) -> None:
    """A window set serving / 请您稍候 / 暂停服务: window clients of the hall hear of it."""
    counts = await queue_service.waiting_counts(session, hall_id=window.hall_id, day=queue_service.local_date(at))
    call.publish(queue_topic(window.hall_id), {
        "kind": "window_status",
        "windowId": to_global_id("Window", window.id),
        "windowNumber": window.number,
        "windowStatus": window.status,
        "at": to_local(at).isoformat(),
        "waiting": {to_global_id("Window", window_id): count for window_id, count in counts.items()},
    })
