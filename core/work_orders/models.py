"""12345 work orders and what happened to them."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, timestamp_field, uuid_pk
from core.enums import LabelledEnum
from core.pii.fields import Encrypted


class WorkOrderStatus(LabelledEnum):
    """received → signed → replied → closed; received/signed → sent_back (退单) → closed."""

    RECEIVED = ("received", "待签收", "Received, to be signed for")
    SIGNED = ("signed", "办理中", "Signed for, being handled")
    REPLIED = ("replied", "已答复", "Replied")
    SENT_BACK = ("sent_back", "已退单", "Sent back")
    CLOSED = ("closed", "已办结", "Closed")


class ExtensionStatus(LabelledEnum):
    REQUESTED = ("requested", "延期待审批", "Extension requested")
    APPROVED = ("approved", "已准予延期", "Extension approved")
    DENIED = ("denied", "不准延期", "Extension denied")


class WorkOrderEventKind(LabelledEnum):
    RECEIVED = ("received", "接收", "Received")
    SIGNED = ("signed", "签收", "Signed for")
    REPLIED = ("replied", "答复", "Replied")
    EXTENSION_REQUESTED = ("extension_requested", "申请延期", "Extension requested")
    EXTENSION_DECIDED = ("extension_decided", "延期审批", "Extension decided")
    SENT_BACK = ("sent_back", "退单", "Sent back")
    FOLLOWED_UP = ("followed_up", "回访", "Follow-up call")
    CLOSED = ("closed", "办结", "Closed")


OPEN_STATUSES = (WorkOrderStatus.RECEIVED, WorkOrderStatus.SIGNED)


class WorkOrder(SQLModel, table=True):
    """12345工单 forwarded to a unit (department) of a hall."""

    __tablename__ = "work_order"

    id: uuid.UUID = uuid_pk()
    number: str = Field(max_length=40, unique=True, index=True)  # 12345 工单号
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    department_id: uuid.UUID = Field(foreign_key="department.id", index=True)  # 承办单位
    category: str = Field(max_length=20)  # 投诉, 咨询, 求助, 建议, 举报
    summary: str = Field(max_length=200)
    content: str = Field(max_length=4000)
    caller_name: str | None = Field(default=None, max_length=100)  # personal data
    caller_phone: str | None = Field(default=None, max_length=20, sa_type=Encrypted("work_order.caller_phone"))  # sealed
    case_serial_number: str | None = Field(default=None, max_length=40)
    status: str = Field(default=WorkOrderStatus.RECEIVED, max_length=20)
    received_at: datetime = created_at_field()
    received_on: date
    sign_by: date
    due_on: date = Field(index=True)  # 答复期限 (working-day calendar; moved by an approved extension)
    original_due_on: date
    signed_at: datetime | None = timestamp_field()
    signed_late: bool = False
    replied_at: datetime | None = timestamp_field()
    replied_on: date | None = None
    reply: str | None = Field(default=None, max_length=4000)
    extension_status: str | None = Field(default=None, max_length=20)
    extension_days: int | None = None
    extension_reason: str | None = Field(default=None, max_length=1000)
    extensions: int = 0
    sent_back_reason: str | None = Field(default=None, max_length=1000)
    follow_up_satisfied: bool | None = None
    follow_up_note: str | None = Field(default=None, max_length=1000)
    followed_up_at: datetime | None = timestamp_field()
    closed_at: datetime | None = timestamp_field()
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)
    steps: int = 0  # events recorded so far: orders the history even within one clock tick


class WorkOrderEvent(SQLModel, table=True):
    """工单流转记录: each step, who took it and when."""

    __tablename__ = "work_order_event"

    id: uuid.UUID = uuid_pk()
    work_order_id: uuid.UUID = Field(foreign_key="work_order.id", index=True)
    sequence: int
    kind: str = Field(max_length=30)
    note: str | None = Field(default=None, max_length=4000)
    user_id: uuid.UUID | None = Field(default=None, foreign_key="app_user.id")
    at: datetime = created_at_field()
