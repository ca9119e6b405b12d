"""首问记录: one question a citizen asked the hall's staff, who was responsible and how it ended."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, uuid_pk
from core.enums import LabelledEnum


class InquiryOutcome(LabelledEnum):
    ANSWERED = ("answered", "当场答复办理", "Answered and handled on the spot")
    HANDED_OVER = ("handed_over", "移交相关窗口", "Handed over to the right window")
    GUIDED = ("guided", "解释指引", "Outside the hall's remit: explained and guided")


class FirstInquiry(SQLModel, table=True):
    __tablename__ = "first_inquiry"
    __table_args__ = (sa.Index("ix_first_inquiry_hall_id_asked_at", "hall_id", "asked_at"),)

    id: uuid.UUID = uuid_pk()
    hall_id: uuid.UUID = Field(foreign_key="hall.id")
    responsible_staff_id: uuid.UUID = Field(foreign_key="staff.id", index=True)  # 首问责任人
    asked_staff_ids: list = Field(default_factory=list, sa_type=sa.JSON)  # everyone asked at that moment
    question: str = Field(max_length=500)
    outcome: str = Field(max_length=20)  # InquiryOutcome
    handed_to_window_id: uuid.UUID | None = Field(default=None, foreign_key="window.id")
    note: str | None = Field(default=None, max_length=1000)  # the guidance given
    asked_at: datetime = created_at_field()
    recorded_by_user_id: uuid.UUID | None = Field(default=None, foreign_key="app_user.id")
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)
