"""recallTicket: 重呼: call the same ticket again."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.graphql.errors import ERROR_TYPES
from core.queue import service as queue_service
from core.queue.models import QueueEventKind
from core.queue.mutations.common import operate
from core.queue.types import TicketType


@strawberry.input
class RecallTicketInput:
    ticket_id: strawberry.ID


@strawberry.type
class RecallTicketSuccess:
    ticket: TicketType


RecallTicketResult = Annotated[Union[RecallTicketSuccess, *ERROR_TYPES], strawberry.union("RecallTicketResult")]


async def recall_ticket(info: Info, input: RecallTicketInput) -> RecallTicketResult:
    async def change(session, loaded, now):
        await queue_service.recall(session, ticket=loaded.ticket, at=now)

    return await operate(info, "recallTicket", input.ticket_id, change, QueueEventKind.RECALLED,
                         lambda loaded: RecallTicketSuccess(ticket=TicketType.from_model(loaded.ticket)))
