"""markTicketNoShow: 过号: called and did not come."""

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
class MarkTicketNoShowInput:
    ticket_id: strawberry.ID


@strawberry.type
class MarkTicketNoShowSuccess:
    ticket: TicketType


MarkTicketNoShowResult = Annotated[Union[MarkTicketNoShowSuccess, *ERROR_TYPES], strawberry.union("MarkTicketNoShowResult")]


async def mark_ticket_no_show(info: Info, input: MarkTicketNoShowInput) -> MarkTicketNoShowResult:
    async def change(session, loaded, now):
        await queue_service.mark_no_show(session, ticket=loaded.ticket, at=now)

    return await operate(info, "markTicketNoShow", input.ticket_id, change, QueueEventKind.NO_SHOW,
                         lambda loaded: MarkTicketNoShowSuccess(ticket=TicketType.from_model(loaded.ticket)))
