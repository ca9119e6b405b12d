"""GraphQL types for the queue: tickets, calling-screen announcements and window-client events."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from core.auth.access import can, hall_scope
from core.cases.access import case_visible
from core.cases.dataloaders import CaseByIdLoader
from core.graphql.enums import TicketSourceEnum, TicketStatusEnum, WindowStatusEnum
from core.graphql.helpers import loader
from core.graphql.relay import Node, to_global_id
from core.halls.dataloaders import HallByIdLoader
from core.items.dataloaders import ServiceItemByIdLoader
from core.pii.access import note_read
from core.privacy import mask_phone
from core.queue.dataloaders import TicketsAheadByTicketIdLoader
from core.queue.models import CALLABLE_STATUSES, QueueTicket, TicketSource, TicketStatus
from core.timezones import to_local
from core.windows.dataloaders import WindowByIdLoader
from core.windows.models import WindowStatus


@strawberry.type(name="Ticket", description="取号: a numbered ticket for one item in one hall on one day")
class TicketType(Node):
    id: strawberry.ID
    number: str = strawberry.field(description="号码, e.g. A001 (G: 绿色通道, Y: 预约)")
    status: TicketStatusEnum
    status_label: str
    source: TicketSourceEnum
    green_channel: bool = strawberry.field(description="绿色通道: called before ordinary tickets")
    priority: int = strawberry.field(description="higher is called first; ties go to the earlier ticket")
    issued_on: date
    issued_at: datetime
    appointment_at: datetime | None
    called_at: datetime | None
    call_count: int = strawberry.field(description="times called (重呼 adds one)")
    started_at: datetime | None
    finished_at: datetime | None
    row: strawberry.Private[QueueTicket]

    @classmethod
    def from_model(cls, row) -> "TicketType":
        status = TicketStatus(row.status)
        return cls(
            id=to_global_id("Ticket", row.id), number=row.number, status=status, status_label=status.label,
            source=TicketSource(row.source), green_channel=row.green_channel, priority=row.priority,
            issued_on=row.issued_on, issued_at=to_local(row.issued_at), appointment_at=to_local(row.appointment_at),
            called_at=to_local(row.called_at), call_count=row.call_count, started_at=to_local(row.started_at),
            finished_at=to_local(row.finished_at), row=row,
        )

    @strawberry.field(description="排队人数: tickets of the same department still to be called before this one")
    async def waiting_ahead(self, info: Info) -> int | None:
        if self.row.status not in CALLABLE_STATUSES:
            return None
        return await loader(info, TicketsAheadByTicketIdLoader).load(self.row.id)

    @strawberry.field
    async def item(self, info: Info) -> Annotated["ServiceItemType", strawberry.lazy("core.items.types")]:
        return item_types.ServiceItemType.from_model(await loader(info, ServiceItemByIdLoader).load(self.row.item_id))

    @strawberry.field
    async def hall(self, info: Info) -> Annotated["HallType", strawberry.lazy("core.halls.types")]:
        return hall_types.HallType.from_model(await loader(info, HallByIdLoader).load(self.row.hall_id))

    @strawberry.field(description="叫号/办理窗口")
    async def window(self, info: Info) -> Annotated["WindowType", strawberry.lazy("core.windows.types")] | None:
        return await _window(info, self.row.window_id)

    @strawberry.field(description="转入窗口 (a transferred ticket waits for it)")
    async def target_window(self, info: Info) -> Annotated["WindowType", strawberry.lazy("core.windows.types")] | None:
        return await _window(info, self.row.target_window_id)

    @strawberry.field(description="联系电话, masked unless you may see personal data in this hall")
    async def applicant_phone(self, info: Info) -> str | None:
        value = self.row.applicant_phone
        ctx = info.context
        if value is None or ctx.actor is None:
            return mask_phone(value)
        hall = await loader(info, HallByIdLoader).load(self.row.hall_id)
        if not can(ctx, "personal_data", "read", hall_scope(ctx, hall)):
            return mask_phone(value)
        note_read(info, record_type="Ticket", record_id=self.row.id, field="applicantPhone", hall_id=self.row.hall_id)
        return value

    @strawberry.field(description="办件 produced at the window (null unless you may read it)")
    async def case(self, info: Info) -> Annotated["CaseType", strawberry.lazy("core.cases.types")] | None:
        if self.row.case_id is None:
            return None
        row = await loader(info, CaseByIdLoader).load(self.row.case_id)
        return case_types.CaseType.from_model(row) if row is not None and await case_visible(info, row) else None


async def _window(info: Info, window_id):
    if window_id is None:
        return None
    return window_types.WindowType.from_model(await loader(info, WindowByIdLoader).load(window_id))


@strawberry.type(name="CallAnnouncement", description="叫号屏 line: 请A001号到A03窗口办理")
class CallAnnouncementType:
    kind: str = strawberry.field(description="called (叫号) or recalled (重呼)")
    ticket_id: strawberry.ID
    ticket_number: str
    window_id: strawberry.ID
    window_number: str
    window_name: str
    hall_id: strawberry.ID
    hall_name: str
    item_name: str | None
    called_at: datetime
    call_count: int
    green_channel: bool
    appointment: bool = strawberry.field(description="a checked-in appointment (预约号)")

    @classmethod
    def from_message(cls, message: dict) -> "CallAnnouncementType":
        return cls(
            kind=message["kind"], ticket_id=message["ticketId"], ticket_number=message["ticketNumber"],
            window_id=message["windowId"], window_number=message["windowNumber"], window_name=message["windowName"],
            hall_id=message["hallId"], hall_name=message["hallName"], item_name=message.get("itemName"),
            called_at=datetime.fromisoformat(message["calledAt"]), call_count=message["callCount"],
            green_channel=message.get("greenChannel", False), appointment=message.get("appointment", False),
        )

    @strawberry.field(description="播报文本")
    def text(self) -> str:
        return f"请{self.ticket_number}号到{self.window_number}号窗口办理"

    @strawberry.field(description="Announcement in English")
    def text_en(self) -> str:
        return f"Ticket {self.ticket_number}, please go to window {self.window_number}"


@strawberry.type(name="WindowQueueEvent", description="A change in a hall's queue, as a window client sees it")
class WindowQueueEventType:
    kind: str = strawberry.field(description="issued, called, recalled, transferred, no_show, started, finished, "
                                             "window_status (a window was set serving / 请您稍候 / 暂停服务), or "
                                             "appointment_booked / appointment_cancelled (预约); a check-in is "
                                             "issued with ticketSource APPOINTMENT")
    ticket_id: strawberry.ID | None
    ticket_number: str | None
    ticket_status: TicketStatusEnum | None
    ticket_source: TicketSourceEnum | None = strawberry.field(description="ON_SITE, or APPOINTMENT (checked in)")
    appointment_at: datetime | None = strawberry.field(description="the slot of a checked-in appointment")
    appointment_id: strawberry.ID | None = strawberry.field(description="for appointment_* events")
    slot_start: datetime | None = strawberry.field(description="for appointment_* events: the slot booked or freed")
    window_id: strawberry.ID | None = strawberry.field(description="the window the change happened at (or was sent to)")
    window_number: str | None
    window_status: WindowStatusEnum | None = strawberry.field(description="for window_status: the new status")
    at: datetime
    concerns_this_window: bool = strawberry.field(description="the change happened at (or was sent to) your window")
    waiting_count: int = strawberry.field(description="tickets your window could call now")

    @classmethod
    def from_message(cls, message: dict, window_id: str) -> "WindowQueueEventType":
        return cls(
            kind=message["kind"], ticket_id=message.get("ticketId"), ticket_number=message.get("ticketNumber"),
            ticket_status=TicketStatus(message["ticketStatus"]) if message.get("ticketStatus") else None,
            ticket_source=TicketSource(message["ticketSource"]) if message.get("ticketSource") else None,
            appointment_at=datetime.fromisoformat(message["appointmentAt"]) if message.get("appointmentAt") else None,
            appointment_id=message.get("appointmentId"),
            slot_start=datetime.fromisoformat(message["slotStart"]) if message.get("slotStart") else None,
            window_id=message.get("windowId"), window_number=message.get("windowNumber"),
            window_status=WindowStatus(message["windowStatus"]) if message.get("windowStatus") else None,
            at=datetime.fromisoformat(message["at"]),
            concerns_this_window=message.get("windowId") == window_id,
            waiting_count=message.get("waiting", {}).get(window_id, 0),
        )


from core.cases import types as case_types  # noqa: E402
from core.halls import types as hall_types  # noqa: E402
from core.items import types as item_types  # noqa: E402
from core.windows import types as window_types  # noqa: E402
