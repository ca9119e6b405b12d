"""Province-side tables: every ingested event, each reported entity's latest state, and reported ratings."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import AwareDateTime, created_at_field, timestamp_field, uuid_pk
from core.enums import LabelledEnum


class IngestOutcome(LabelledEnum):
    """What the province did with a reported event (all of them are acknowledged)."""

    APPLIED = ("applied", "已应用", "Applied in order")
    HELD = ("held", "待前序事件", "Held until the entity's earlier events arrive")
    STALE = ("stale", "已过时", "Older than what was applied; kept, not applied")
    DUPLICATE = ("duplicate", "重复", "Already received; ignored")


class IngestedEvent(SQLModel, table=True):
    """One reported event, by the county's event id (the deduplication key)."""

    __tablename__ = "ingested_event"
    __table_args__ = (
        sa.Index("ix_ingested_event_entity", "source_jurisdiction_code", "entity_type", "entity_id", "sequence"),
    )

    id: uuid.UUID = Field(primary_key=True)  # the county's outbox event id
    source_jurisdiction_code: str = Field(max_length=64)
    entity_type: str = Field(max_length=40)
    entity_id: uuid.UUID
    sequence: int
    event_type: str = Field(max_length=60)
    payload: dict = Field(default_factory=dict, sa_type=sa.JSON)
    occurred_at: datetime = Field(sa_type=AwareDateTime, nullable=False)
    received_at: datetime = created_at_field()
    reported_by: uuid.UUID | None = None  # the county reporter's user id
    outcome: str = Field(max_length=20, index=True)
    applied_at: datetime | None = timestamp_field()


class ReportedEntity(SQLModel, table=True):
    """A county's hall, window, staff member, item, case, rating or complaint as last reported, in order."""

    __tablename__ = "reported_entity"
    __table_args__ = (sa.UniqueConstraint("source_jurisdiction_code", "entity_type", "entity_id"),)

    id: uuid.UUID = uuid_pk()
    source_jurisdiction_code: str = Field(max_length=64)
    entity_type: str = Field(max_length=40)
    entity_id: uuid.UUID
    last_sequence: int = 0
    last_event_type: str | None = Field(default=None, max_length=60)
    state: dict = Field(default_factory=dict, sa_type=sa.JSON)
    updated_at: datetime = created_at_field()


class ReportedRating(SQLModel, table=True):
    """好差评 for the provincial platform: case serial, item code, region code, staff number, level, channel, time."""

    __tablename__ = "reported_rating"
    __table_args__ = (
        sa.UniqueConstraint("source_jurisdiction_code", "rating_id"),
        sa.Index("ix_reported_rating_region_rated", "region_code", "rated_at"),
    )

    id: uuid.UUID = uuid_pk()
    source_jurisdiction_code: str = Field(max_length=64)
    rating_id: uuid.UUID  # the county's rating id
    event_id: uuid.UUID  # the event that last set this record
    region_code: str | None = Field(default=None, max_length=12)  # 行政区划代码
    hall_id: uuid.UUID | None = None
    case_serial_number: str | None = Field(default=None, max_length=40, index=True)  # 办件流水号
    item_code: str | None = Field(default=None, max_length=64)  # 实施编码
    staff_number: str | None = Field(default=None, max_length=32)  # 工号
    level: str = Field(max_length=30)
    score: float | None = None
    channel: str = Field(max_length=20)
    defaulted: bool = False
    # False once an appeal overturned it (rating.overturned): out of assessment and satisfaction.
    counts_in_assessment: bool = Field(default=True, sa_column_kwargs={"server_default": sa.true()})
    comment: str | None = Field(default=None, max_length=1000)
    rated_at: datetime = Field(sa_type=AwareDateTime, nullable=False)
    received_at: datetime = created_at_field()


class ReportedCase(SQLModel, table=True):
    """办件 as a county reported it, for the province's case figures (办件量, 办结, 超期, 评价率).

    No applicant data: the county never sends it.
    """

    __tablename__ = "reported_case"
    __table_args__ = (
        sa.UniqueConstraint("source_jurisdiction_code", "case_id"),
        sa.Index("ix_reported_case_jurisdiction_accepted", "source_jurisdiction_code", "accepted_at"),
    )

    id: uuid.UUID = uuid_pk()
    source_jurisdiction_code: str = Field(max_length=64)
    case_id: uuid.UUID  # the county's case id
    event_id: uuid.UUID  # the event that last set this record
    last_event_type: str = Field(max_length=60)
    serial_number: str = Field(max_length=40, index=True)  # 办件流水号
    hall_id: uuid.UUID | None = None
    item_code: str | None = Field(default=None, max_length=64)  # 实施编码
    category: str | None = Field(default=None, max_length=20)
    status: str = Field(max_length=30)
    tolerance_acceptance: bool = False
    accepted_at: datetime = Field(sa_type=AwareDateTime, nullable=False)
    deadline_on: date | None = None
    paused_since: date | None = None
    outcome: str | None = Field(default=None, max_length=20)
    completed_at: datetime | None = timestamp_field()
    completed_on: date | None = None
    received_at: datetime = created_at_field()
