"""The notification queue, its dead letters and the numbers that opted out."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, timestamp_field, uuid_pk
from core.pii.fields import Encrypted, bidx_column, blind_indexed
from core.pii.indexes import phone_index
from core.enums import LabelledEnum


class NotificationStatus(LabelledEnum):
    PENDING = ("pending", "待发送", "Waiting to be sent")
    SENT = ("sent", "已发送", "Sent")
    DEAD = ("dead", "发送失败", "Dead letter: every attempt failed")
    SUPPRESSED = ("suppressed", "已退订", "Not sent: the number opted out")


class Notification(SQLModel, table=True):
    """A message to one phone number; ``dedupe_key`` keeps the same event from being queued twice."""

    __tablename__ = "notification"
    __table_args__ = (sa.UniqueConstraint("dedupe_key"),
                      sa.Index("ix_notification_status_next_attempt_at", "status", "next_attempt_at"))

    id: uuid.UUID = uuid_pk()
    jurisdiction_code: str = Field(max_length=64)
    hall_id: uuid.UUID | None = Field(default=None, foreign_key="hall.id", index=True)
    kind: str = Field(max_length=30)
    # personal data: sealed at rest, found by its blind index (core.pii)
    phone: str = Field(max_length=20, sa_type=Encrypted("notification.phone"))
    phone_bidx: str | None = bidx_column()
    text: str = Field(max_length=500)
    dedupe_key: str = Field(max_length=120)
    status: str = Field(default=NotificationStatus.PENDING, max_length=20)
    attempts: int = 0
    next_attempt_at: datetime = timestamp_field(nullable=False)
    last_error: str | None = Field(default=None, max_length=500)
    created_at: datetime = created_at_field()
    sent_at: datetime | None = timestamp_field()
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)


class NotificationOptOut(SQLModel, table=True):
    """退订: a phone number that receives no notifications."""

    __tablename__ = "notification_opt_out"

    id: uuid.UUID = uuid_pk()
    phone: str = Field(max_length=20, sa_type=Encrypted("notification_opt_out.phone"))
    phone_bidx: str | None = Field(default=None, max_length=64, unique=True, index=True)  # one opt-out a phone
    opted_out_at: datetime = created_at_field()


blind_indexed(Notification, "phone", "phone_bidx", phone_index)
blind_indexed(NotificationOptOut, "phone", "phone_bidx", phone_index)
