"""startTicket: 开始办理: the applicant is at the window."""

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
class StartTicketInput:
    ticket_id: strawberry.ID


@strawberry.type
class StartTicketSuccess:
    ticket: TicketType


StartTicketResult = Annotated[Union[StartTicketSuccess, *ERROR_TYPES], strawberry.union("StartTicketResult")]


async def start_ticket(info: Info, input: StartTicketInput) -> StartTicketResult:
    async def change(session, loaded, now):
        await queue_service.start(session, ticket=loaded.ticket, at=now)

    return await operate(info, "startTicket", input.ticket_id, change, QueueEventKind.STARTED,
                         lambda loaded: StartTicketSuccess(ticket=TicketType.from_model(loaded.ticket)))
