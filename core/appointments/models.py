"""Appointment settings per hall item and the appointments booked into their slots."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, timestamp_field, uuid_pk
from core.pii.fields import Encrypted, bidx_column, blind_indexed
from core.pii.indexes import phone_index
from core.enums import LabelledEnum


class AppointmentStatus(LabelledEnum):
    """booked → checked_in (a ticket ahead of on-site ones); or cancelled; or missed (released, a no-show)."""

    BOOKED = ("booked", "已预约", "Booked")
    CHECKED_IN = ("checked_in", "已签到", "Checked in")
    CANCELLED = ("cancelled", "已取消", "Cancelled")
    MISSED = ("missed", "已爽约", "Missed (released)")


#: Appointments that hold a place in their slot.
HOLDING_STATUSES = (AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN, AppointmentStatus.MISSED)


class AppointmentSetting(SQLModel, table=True):
    """预约设置 of one item in one hall: slot length and capacity, and the daily on-site ticket quota."""

    __tablename__ = "appointment_setting"
    __table_args__ = (sa.UniqueConstraint("hall_id", "item_id"),)

    id: uuid.UUID = uuid_pk()
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    item_id: uuid.UUID = Field(foreign_key="service_item.id")
    bookable: bool = True  # online/offline booking open for this item
    slot_minutes: int = 30
    slot_capacity: int = 5
    on_site_daily_quota: int | None = None  # 现场取号量 per day; None: no quota
    updated_at: datetime = created_at_field()


class Appointment(SQLModel, table=True):
    """预约: one person's place in one slot of one item in one hall."""

    __tablename__ = "appointment"
    __table_args__ = (
        sa.Index("ix_appointment_hall_id_item_id_slot_start", "hall_id", "item_id", "slot_start"),
        sa.UniqueConstraint("hall_id", "slot_on", "code"),
    )

    id: uuid.UUID = uuid_pk()
    hall_id: uuid.UUID = Field(foreign_key="hall.id")
    item_id: uuid.UUID = Field(foreign_key="service_item.id")
    slot_on: date
    slot_start: datetime = timestamp_field(nullable=False)
    slot_end: datetime = timestamp_field(nullable=False)
    code: str = Field(max_length=10)  # 预约码: shown to the applicant, asked at check-in and to cancel
    status: str = Field(default=AppointmentStatus.BOOKED, max_length=20)
    channel: str = Field(default="online", max_length=20)  # online / on_site (booked at the desk) / phone
    # personal data: sealed at rest, found by its blind index (core.pii)
    applicant_phone: str | None = Field(default=None, max_length=20, sa_type=Encrypted("appointment.applicant_phone"))
    applicant_phone_bidx: str | None = bidx_column()
    user_id: uuid.UUID | None = Field(default=None, foreign_key="app_user.id", index=True)
    ticket_id: uuid.UUID | None = Field(default=None, foreign_key="queue_ticket.id")
    booked_at: datetime = created_at_field()
    cancelled_at: datetime | None = timestamp_field()
    checked_in_at: datetime | None = timestamp_field()
    missed_at: datetime | None = timestamp_field()


blind_indexed(Appointment, "applicant_phone", "applicant_phone_bidx", phone_index)
