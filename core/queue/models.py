"""Queue ticket and queue event tables and their vocabulary."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, timestamp_field, uuid_pk
from core.enums import LabelledEnum
from core.pii.fields import Encrypted, bidx_column, blind_indexed
from core.pii.indexes import phone_index


class TicketSource(LabelledEnum):
    ON_SITE = ("on_site", "现场取号", "Taken on site")
    APPOINTMENT = ("appointment", "预约取号", "By appointment")


class TicketStatus(LabelledEnum):
    """waiting → called → serving → done; or no_show (过号); or transferred, waiting for another window."""

    WAITING = ("waiting", "等候中", "Waiting")
    CALLED = ("called", "已叫号", "Called")
    SERVING = ("serving", "办理中", "Being served")
    DONE = ("done", "已办结", "Done")
    NO_SHOW = ("no_show", "过号", "Did not show up")
    TRANSFERRED = ("transferred", "已转窗口", "Transferred, waiting for another window")


class QueueEventKind(LabelledEnum):
    ISSUED = ("issued", "取号", "Ticket taken")
    CALLED = ("called", "叫号", "Called")
    RECALLED = ("recalled", "重呼", "Called again")
    TRANSFERRED = ("transferred", "转窗口", "Transferred")
    NO_SHOW = ("no_show", "过号", "Did not show up")
    STARTED = ("started", "开始办理", "Service started")
    FINISHED = ("finished", "办理完毕", "Service finished")


#: Tickets a window may call: still waiting, or transferred and waiting again.
CALLABLE_STATUSES = (TicketStatus.WAITING, TicketStatus.TRANSFERRED)
#: Tickets a window is busy with.
ACTIVE_STATUSES = (TicketStatus.CALLED, TicketStatus.SERVING)

# Priorities: higher is called first; ties go to the earlier ticket.
PRIORITY_ON_SITE = 0
PRIORITY_APPOINTMENT = 10
PRIORITY_TRANSFERRED = 20  # already waited once
PRIORITY_GREEN_CHANNEL = 30  # 绿色通道: the elderly, the disabled, pregnant women, urgent cases


class QueueTicket(SQLModel, table=True):
    """取号: a numbered ticket for one item in one hall on one day."""

    __tablename__ = "queue_ticket"
    __table_args__ = (
        sa.UniqueConstraint("hall_id", "issued_on", "number"),
        sa.Index("ix_queue_ticket_hall_id_status_priority", "hall_id", "status", "priority"),
    )

    id: uuid.UUID = uuid_pk()
    hall_id: uuid.UUID = Field(foreign_key="hall.id")
    item_id: uuid.UUID = Field(foreign_key="service_item.id", index=True)
    department_id: uuid.UUID = Field(foreign_key="department.id")  # the item's, for routing
    number: str = Field(max_length=10)  # A001, Y001, G001: shown on the calling screen
    issued_on: date
    source: str = Field(default=TicketSource.ON_SITE, max_length=20)
    appointment_at: datetime | None = timestamp_field()
    green_channel: bool = False
    green_channel_reason: str | None = Field(default=None, max_length=200)
    priority: int = PRIORITY_ON_SITE
    status: str = Field(default=TicketStatus.WAITING, max_length=20)
    window_id: uuid.UUID | None = Field(default=None, foreign_key="window.id", index=True)  # called to / served at
    target_window_id: uuid.UUID | None = Field(default=None, foreign_key="window.id")  # transferred to
    # personal data, for the SMS reminder: sealed at rest (core.pii)
    applicant_phone: str | None = Field(default=None, max_length=20, sa_type=Encrypted("queue_ticket.applicant_phone"))
    applicant_phone_bidx: str | None = bidx_column()
    call_count: int = 0
    case_id: uuid.UUID | None = Field(default=None, foreign_key="case.id", index=True)
    issued_at: datetime = created_at_field()
    called_at: datetime | None = timestamp_field()
    started_at: datetime | None = timestamp_field()
    finished_at: datetime | None = timestamp_field()


class QueueEvent(SQLModel, table=True):
    """What happened to a ticket, in order: the calling screen's history and the queue's statistics."""

    __tablename__ = "queue_event"
    __table_args__ = (sa.Index("ix_queue_event_hall_id_at", "hall_id", "at"),)

    id: uuid.UUID = uuid_pk()
    ticket_id: uuid.UUID = Field(foreign_key="queue_ticket.id", index=True)
    hall_id: uuid.UUID = Field(foreign_key="hall.id")
    window_id: uuid.UUID | None = Field(default=None, foreign_key="window.id")
    kind: str = Field(max_length=20)  # QueueEventKind
    call_count: int | None = None  # for calls: the how-many-th call of the ticket this was
    at: datetime = created_at_field()


blind_indexed(QueueTicket, "applicant_phone", "applicant_phone_bidx", phone_index)
