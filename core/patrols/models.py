"""Patrol records."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, timestamp_field, uuid_pk
from core.enums import LabelledEnum


class PatrolCategory(LabelledEnum):
    """What a patrol looks at (nanbu 巡查制度 一-三; panyu Art 58(三), 66; dongying Art 8(三)1(3))."""

    ATTENDANCE = ("attendance", "考勤情况", "Attendance: on time, at the post")
    DRESS = ("dress", "着装仪容", "Dress and badge")
    DISCIPLINE = ("discipline", "纪律作风", "Discipline: no smoking, eating, chatting, games…")
    WINDOW_STATE = ("window_state", "窗口服务情况", "Window: tidy counter, guides, service manner")
    VIDEO = ("video", "视频巡查", "Video patrol")


class PatrolRecord(SQLModel, table=True):
    """One observation of a patrol: compliant or a finding, about a staff member and/or a window."""

    __tablename__ = "patrol_record"
    __table_args__ = (sa.Index("ix_patrol_record_hall_id_patrolled_at", "hall_id", "patrolled_at"),)

    id: uuid.UUID = uuid_pk()
    hall_id: uuid.UUID = Field(foreign_key="hall.id")
    category: str = Field(max_length=20)
    patrolled_at: datetime = timestamp_field(nullable=False)
    staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id", index=True)
    window_id: uuid.UUID | None = Field(default=None, foreign_key="window.id")
    compliant: bool
    finding: str | None = Field(default=None, max_length=1000)
    recorded_by: uuid.UUID | None = None
    recorded_by_name: str | None = Field(default=None, max_length=100)
    created_at: datetime = created_at_field()
