"""Queue queries, mutations and subscriptions (graphql-transport-ws on /graphql)."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Annotated

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from core.errors import DomainError
from core.graphql.helpers import loader
from core.graphql.relay import from_global_id, to_global_id
from core.halls.models import Hall
from core.halls.schema import visible_hall
from core.items.models import ServiceItem
from core.queue import service as queue_service
from core.queue.dataloaders import TicketByIdLoader
from core.queue.events import announcement, calls_topic, queue_topic
from core.queue.models import CALLABLE_STATUSES, QueueEvent, QueueEventKind, QueueTicket
from core.queue.mutations.ticket_call_next import CallNextTicketResult, call_next_ticket
from core.queue.mutations.ticket_finish import FinishTicketResult, finish_ticket
from core.queue.mutations.ticket_no_show import MarkTicketNoShowResult, mark_ticket_no_show
from core.queue.mutations.ticket_recall import RecallTicketResult, recall_ticket
from core.queue.mutations.ticket_start import StartTicketResult, start_ticket
from core.queue.mutations.ticket_take import TakeTicketResult, take_ticket
from core.queue.mutations.ticket_transfer import TransferTicketResult, transfer_ticket
from core.queue.types import CallAnnouncementType, TicketType, WindowQueueEventType
from core.windows.dataloaders import WindowByIdLoader
from core.windows.models import Window

MAX_LIST = 100


def _limit(value: int, field: str) -> int:
    if value < 0 or value > MAX_LIST:
        raise DomainError("VALIDATION_FAILED", {"field": field, "field_label": field, "reason": f"应在 0 到 {MAX_LIST} 之间",
                                                "reason_en": f"must be between 0 and {MAX_LIST}"})
    return value


async def _visible_window(info: Info, window_id: strawberry.ID) -> Window | None:
    window = await loader(info, WindowByIdLoader).load(from_global_id(window_id, "Window")[1])
    if window is None or await visible_hall(info, window.hall_id) is None:
        return None
    return window


def _today(info: Info):
    return queue_service.local_date(info.context.runtime.now())


@strawberry.type
class QueueQuery:
    @strawberry.field(description="一张排队号, by its ID (public: what the ticket shows)")
    async def ticket(self, info: Info, id: strawberry.ID) -> TicketType | None:
        row = await loader(info, TicketByIdLoader).load(from_global_id(id, "Ticket")[1])
        if row is None or await visible_hall(info, row.hall_id) is None:
            return None
        return TicketType.from_model(row)

    @strawberry.field(description="窗口待叫号: today's tickets this window can call, in calling order")
    async def waiting_tickets(self, info: Info, window_id: strawberry.ID, first: int = 20) -> list[TicketType]:
        window = await _visible_window(info, window_id)
        if window is None:
            return []
        stmt = (sa.select(QueueTicket.__table__)
                .where(QueueTicket.hall_id == window.hall_id, QueueTicket.issued_on == _today(info),
                       QueueTicket.status.in_(CALLABLE_STATUSES),
                       queue_service.eligible(window.id, window.type, window.department_id))
                .order_by(QueueTicket.priority.desc(), QueueTicket.issued_at, QueueTicket.number, QueueTicket.id)
                .limit(_limit(first, "first")))
        async with info.context.db.session() as session:
            return [TicketType.from_model(row) for row in (await session.execute(stmt)).all()]

    @strawberry.field(description="叫号屏: today's latest calls in a hall, newest first (then subscribe to callingScreen)")
    async def calling_screen(self, info: Info, hall_id: strawberry.ID, last: int = 10) -> list[CallAnnouncementType]:
        hall = await visible_hall(info, from_global_id(hall_id, "Hall")[1])
        if hall is None:
            return []
        stmt = (
            sa.select(QueueEvent.kind, QueueTicket.__table__, Window.id.label("w_id"), Window.number.label("w_number"),
                      Window.name.label("w_name"), ServiceItem.name.label("item_name"), QueueEvent.at.label("event_at"),
                      QueueEvent.call_count.label("event_call_count"))
            .join(QueueTicket, QueueTicket.id == QueueEvent.ticket_id)
            .join(Window, Window.id == QueueEvent.window_id)
            .join(ServiceItem, ServiceItem.id == QueueTicket.item_id)
            .where(QueueEvent.hall_id == hall.id, QueueTicket.issued_on == _today(info),
                   QueueEvent.kind.in_([QueueEventKind.CALLED, QueueEventKind.RECALLED]))
            .order_by(QueueEvent.at.desc(), QueueEvent.call_count.desc(), QueueEvent.id.desc())
            .limit(_limit(last, "last"))
        )
        async with info.context.db.session() as session:
            rows = (await session.execute(stmt)).all()
        return [
            CallAnnouncementType.from_message({
                **announcement(_AtCall(row), QueueEventKind(row.kind), window=_Window(row), hall=hall,
                               item=_Item(row.item_name)),
            })
            for row in rows
        ]


class _AtCall:
    """A ticket row as it was when this call was made (its time is the event's)."""

    def __init__(self, row):
        self.id, self.number, self.green_channel, self.source = row.id, row.number, row.green_channel, row.source
        self.called_at, self.call_count = row.event_at, row.event_call_count


class _Window:
    def __init__(self, row):
        self.id, self.number, self.name = row.w_id, row.w_number, row.w_name


class _Item:
    def __init__(self, name):
        self.name = name


@strawberry.type
class QueueMutation:
    take_ticket: TakeTicketResult = strawberry.mutation(
        resolver=take_ticket, description="取号: anyone (green-channel tickets: hall staff)")
    call_next_ticket: CallNextTicketResult = strawberry.mutation(
        resolver=call_next_ticket, description="叫号: the window's next ticket (window staff on their own window, "
                                               "hall admins); the window must be serving")
    recall_ticket: RecallTicketResult = strawberry.mutation(resolver=recall_ticket, description="重呼")
    transfer_ticket: TransferTicketResult = strawberry.mutation(resolver=transfer_ticket, description="转窗口")
    mark_ticket_no_show: MarkTicketNoShowResult = strawberry.mutation(resolver=mark_ticket_no_show, description="过号")
    start_ticket: StartTicketResult = strawberry.mutation(resolver=start_ticket, description="开始办理")
    finish_ticket: FinishTicketResult = strawberry.mutation(
        resolver=finish_ticket, description="办理完毕, accepting or linking the case it produced")


@strawberry.type
class QueueSubscription:
    @strawberry.subscription(description="叫号屏: every call and recall in a hall, as it happens (public)")
    async def calling_screen(self, info: Info, hall_id: strawberry.ID) -> AsyncGenerator[CallAnnouncementType, None]:
        hall = await visible_hall(info, from_global_id(hall_id, "Hall")[1])
        if hall is None:
            raise DomainError("NOT_FOUND", {"what": "大厅", "what_en": "Hall"})
        async for message in info.context.runtime.broker.subscribe(calls_topic(hall.id)):
            yield CallAnnouncementType.from_message(message)

    @strawberry.subscription(description="窗口客户端: every change in the window's hall queue, with the number of "
                                         "tickets this window can call")
    async def window_queue(self, info: Info, window_id: strawberry.ID) -> AsyncGenerator[WindowQueueEventType, None]:
        window = await _visible_window(info, window_id)
        if window is None:
            raise DomainError("NOT_FOUND", {"what": "窗口", "what_en": "Window"})
        own = to_global_id("Window", window.id)
        async for message in info.context.runtime.broker.subscribe(queue_topic(window.hall_id)):
            yield WindowQueueEventType.from_message(message, own)
