"""Outbox table: one row per hall-data event, in the transaction of the change it reports."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, timestamp_field, uuid_pk


class OutboxEvent(SQLModel, table=True):
    """An event to report upward (上报): its id is the province's deduplication key.

    ``sequence`` counts the events of one entity from 1, so the province applies
    them in order. A delivery run claims rows (``claim_id`` until ``claimed_until``)
    and sets ``delivered_at`` only when the province has acknowledged them.
    """

    __tablename__ = "outbox_event"
    __table_args__ = (
        sa.UniqueConstraint("entity_type", "entity_id", "sequence"),
        sa.Index("ix_outbox_event_pending", "delivered_at", "created_at"),
    )

    id: uuid.UUID = uuid_pk()
    jurisdiction_code: str = Field(max_length=64, index=True)
    entity_type: str = Field(max_length=40)
    entity_id: uuid.UUID
    sequence: int
    event_type: str = Field(max_length=60)
    payload: dict = Field(default_factory=dict, sa_type=sa.JSON)
    created_at: datetime = created_at_field()
    claim_id: uuid.UUID | None = None
    claimed_until: datetime | None = timestamp_field()
    delivered_at: datetime | None = timestamp_field()
