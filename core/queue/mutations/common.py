"""What the ticket mutations share: the ticket (locked), its hall, window and item."""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import NotFoundError
from core.graphql.relay import from_global_id
from core.halls.models import Hall
from core.items.models import ServiceItem
from core.queue.models import QueueTicket
from core.windows.models import Window


@dataclass
class LoadedTicket:
    ticket: QueueTicket
    hall: Hall
    item: ServiceItem
    window: Window | None


async def load_window(session, ctx, window_id: str) -> tuple[Window, Hall]:
    window = await session.get(Window, from_global_id(window_id, "Window")[1])
    hall = await session.get(Hall, window.hall_id) if window else None
    if window is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
        raise NotFoundError("窗口", "Window")
    return window, hall


async def load_ticket(session, ctx, ticket_id: str) -> LoadedTicket:
    ticket = await session.get(QueueTicket, from_global_id(ticket_id, "Ticket")[1], with_for_update=True)
    hall = await session.get(Hall, ticket.hall_id) if ticket else None
    if ticket is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
        raise NotFoundError("排队号", "Ticket")
    window = await session.get(Window, ticket.window_id) if ticket.window_id else None
    return LoadedTicket(ticket, hall, await session.get(ServiceItem, ticket.item_id), window)


def ticket_snapshot(ticket: QueueTicket) -> dict:
    return {"number": ticket.number, "status": ticket.status,
            "window_id": str(ticket.window_id) if ticket.window_id else None,
            "target_window_id": str(ticket.target_window_id) if ticket.target_window_id else None}


async def operate(info, action: str, ticket_id: str, change, kind, success):
    """The flow of a change at the ticket's window: load, authorize the window's operator, change, announce.

    ``change(session, loaded, now)`` makes the change through the queue service and returns the window the
    change is announced at (defaults to the ticket's window).
    """
    from core.graphql.mutations import run_mutation
    from core.queue.access import require_window_operator
    from core.queue.events import publish_change
    from core.queue.service import _state_error

    ctx = info.context

    async def body(session, call):
        loaded = await load_ticket(session, ctx, ticket_id)
        call.acted(target_type="Ticket", target_id=loaded.ticket.id)
        if loaded.window is None:
            raise _state_error(loaded.ticket, "在窗口操作", "handled at a window")
        domain = await require_window_operator(ctx, session, loaded.window, loaded.hall)
        before = ticket_snapshot(loaded.ticket)
        now = ctx.runtime.now()
        announced_at = await change(session, loaded, now) or loaded.window
        call.acted(domain=domain, before=before, after=ticket_snapshot(loaded.ticket))
        await publish_change(call, session, loaded.ticket, kind, now, window=announced_at, hall=loaded.hall,
                             item=loaded.item)
        return success(loaded)

    return await run_mutation(info, action, body)
