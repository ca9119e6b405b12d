"""Complaint table and its vocabulary."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, timestamp_field, uuid_pk
from core.enums import LabelledEnum


class ComplaintChannel(LabelledEnum):
    """Intake channels (dongguan 5.2.8)."""

    ON_SITE = ("on_site", "现场", "On site")
    PORTAL = ("portal", "广东政务服务网/政务服务网", "Government service portal")
    LETTER = ("letter", "信函", "Letter")
    HOTLINE = ("hotline", "12345热线", "12345 hotline")
    EMAIL = ("email", "电子邮件", "E-mail")
    APP = ("app", "移动端（APP/小程序/公众号）", "App, mini-program or official account")
    PHONE = ("phone", "投诉电话", "Complaint phone line")


class ComplaintTarget(LabelledEnum):
    STAFF = ("staff", "工作人员", "Staff member")
    WINDOW = ("window", "窗口", "Window")
    DEPARTMENT = ("department", "部门", "Department")
    HALL = ("hall", "大厅", "Hall")


class ComplaintStatus(LabelledEnum):
    RECEIVED = ("received", "已登记", "Received")
    ACCEPTED = ("accepted", "已受理", "Accepted")
    REJECTED = ("rejected", "不予受理", "Not accepted")
    RESOLVED = ("resolved", "已处理", "Resolved")
    CLOSED = ("closed", "已办结归档", "Closed and archived")


class Complaint(SQLModel, table=True):
    __tablename__ = "complaint"

    id: uuid.UUID = uuid_pk()
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    channel: str = Field(max_length=20)
    complainant_name: str | None = Field(default=None, max_length=100)  # personal data
    complainant_contact: str | None = Field(default=None, max_length=100)  # personal data
    confidential: bool = False  # 保密: the complainant asked to stay unnamed to the target
    target_kind: str = Field(max_length=20)
    target_id: uuid.UUID | None = Field(default=None, index=True)
    case_serial_number: str | None = Field(default=None, max_length=40)
    facts: str = Field(max_length=4000)
    demand: str | None = Field(default=None, max_length=2000)
    status: str = Field(default=ComplaintStatus.RECEIVED, max_length=20)
    rejection_reason: str | None = Field(default=None, max_length=100)
    accepted_at: datetime | None = timestamp_field()
    deadline_on: date | None = None
    resolution: str | None = Field(default=None, max_length=4000)
    feedback: str | None = Field(default=None, max_length=4000)
    received_at: datetime = created_at_field()
    closed_at: datetime | None = timestamp_field()
