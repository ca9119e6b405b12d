"""callNextTicket: 叫号 — the window's next ticket, announced on the hall's calling screen."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.items.models import ServiceItem
from core.notifications import service as notification_service
from core.queue import service as queue_service
from core.queue.access import require_window_operator
from core.queue.events import publish_change
from core.queue.models import QueueEventKind
from core.queue.mutations.common import load_window, ticket_snapshot
from core.queue.types import TicketType


@strawberry.input
class CallNextTicketInput:
    window_id: strawberry.ID


@strawberry.type
class CallNextTicketSuccess:
    ticket: TicketType


CallNextTicketResult = Annotated[Union[CallNextTicketSuccess, *ERROR_TYPES], strawberry.union("CallNextTicketResult")]


async def call_next_ticket(info: Info, input: CallNextTicketInput) -> CallNextTicketResult:
    ctx = info.context

    async def body(session, call):
        window, hall = await load_window(session, ctx, input.window_id)
        call.acted(target_type="Window", target_id=window.id)
        domain = await require_window_operator(ctx, session, window, hall)
        now = ctx.runtime.now()
        ticket = await queue_service.call_next(session, window=window, at=now)
        call.acted(domain=domain, target_type="Ticket", target_id=ticket.id, after=ticket_snapshot(ticket))
        item = await session.get(ServiceItem, ticket.item_id)
        await publish_change(call, session, ticket, QueueEventKind.CALLED, now, window=window, hall=hall, item=item)
        await notification_service.notify_queue_change(session, plugins=ctx.plugins, hall=hall, called=ticket,
                                                       window=window, at=now)
        return CallNextTicketSuccess(ticket=TicketType.from_model(ticket))

    return await run_mutation(info, "callNextTicket", body)
