"""Duty roster."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, timestamp_field, uuid_pk


class DutyAssignment(SQLModel, table=True):
    """One person on one duty slot of one day: a leader (a user) or a staff member."""

    __tablename__ = "duty_assignment"
    __table_args__ = (
        sa.UniqueConstraint("hall_id", "duty_on", "slot_code", "start_time"),
        sa.CheckConstraint("(assignee_user_id IS NULL) <> (assignee_staff_id IS NULL)", name="one_assignee"),
    )

    id: uuid.UUID = uuid_pk()
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    duty_on: date = Field(index=True)
    slot_code: str = Field(max_length=30)
    title: str = Field(max_length=50)
    start_time: time
    end_time: time
    location: str | None = Field(default=None, max_length=100)
    assignee_user_id: uuid.UUID | None = Field(default=None, foreign_key="app_user.id")
    assignee_staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id")
    assignee_name: str = Field(max_length=100)
    notice_channel: str | None = Field(default=None, max_length=20)
    notified_at: datetime | None = timestamp_field()
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)
    assigned_by: uuid.UUID | None = None
    created_at: datetime = created_at_field()
    version: int = 1
