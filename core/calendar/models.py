"""Calendar override and confirmed-year tables."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, uuid_pk

NATIONAL = "national"


class CalendarOverride(SQLModel, table=True):
    """One date's status set by an admin: a State Council notice (national) or a local closure (a jurisdiction)."""

    __tablename__ = "calendar_override"
    __table_args__ = (sa.UniqueConstraint("scope", "day"),)

    id: uuid.UUID = uuid_pk()
    scope: str = Field(max_length=64, index=True)  # "national" or a jurisdiction code
    day: date = Field(index=True)
    kind: str = Field(max_length=30)  # a DayStatus kind: statutory_holiday, makeup_workday, local_closure, …
    reason: str | None = Field(default=None, max_length=200)
    created_by: str | None = Field(default=None, max_length=64)
    created_at: datetime = created_at_field()


class CalendarConfirmedYear(SQLModel, table=True):
    """A year whose national notice is fully entered: its other dates are no longer estimates."""

    __tablename__ = "calendar_confirmed_year"

    id: uuid.UUID = uuid_pk()
    year: int = Field(unique=True)
    notice: str | None = Field(default=None, max_length=200)  # e.g. 国办发明电〔2026〕x号
    created_at: datetime = created_at_field()
