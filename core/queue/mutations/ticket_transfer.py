"""transferTicket: 转窗口 — the ticket waits again for another window of the hall, ahead of ordinary tickets."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.errors import NotFoundError
from core.graphql.errors import ERROR_TYPES
from core.graphql.relay import from_global_id
from core.queue import service as queue_service
from core.queue.models import QueueEventKind
from core.queue.mutations.common import operate
from core.queue.types import TicketType
from core.windows.models import Window


@strawberry.input
class TransferTicketInput:
    ticket_id: strawberry.ID
    to_window_id: strawberry.ID


@strawberry.type
class TransferTicketSuccess:
    ticket: TicketType


TransferTicketResult = Annotated[Union[TransferTicketSuccess, *ERROR_TYPES], strawberry.union("TransferTicketResult")]


async def transfer_ticket(info: Info, input: TransferTicketInput) -> TransferTicketResult:
    async def change(session, loaded, now):
        target = await session.get(Window, from_global_id(input.to_window_id, "Window")[1])
        if target is None or target.hall_id != loaded.hall.id:
            raise NotFoundError("转入窗口", "Target window")
        await queue_service.transfer(session, ticket=loaded.ticket, to_window=target, at=now)
        return target

    return await operate(info, "transferTicket", input.ticket_id, change, QueueEventKind.TRANSFERRED,
                         lambda loaded: TransferTicketSuccess(ticket=TicketType.from_model(loaded.ticket)))
