"""Proposed refusals (退件) awaiting or having had their second review."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, timestamp_field, uuid_pk
from core.enums import LabelledEnum


class RefusalStatus(LabelledEnum):
    PENDING = ("pending", "待复核", "Awaiting review")
    APPROVED = ("approved", "复核同意退件", "Approved: returned")
    REJECTED = ("rejected", "复核不同意退件", "Rejected: keep handling")


class CaseReturnReview(SQLModel, table=True):
    """退件复核: the window's proposal (reason, whether 容缺后补 was offered) and the second person's decision."""

    __tablename__ = "case_return_review"
    # One pending review per case: ``open_key`` is the case id while pending, cleared when decided.
    __table_args__ = (sa.UniqueConstraint("open_key"),)

    id: uuid.UUID = uuid_pk()
    case_id: uuid.UUID = Field(foreign_key="case.id", index=True)
    open_key: str | None = Field(default=None, max_length=40)
    reason: str = Field(max_length=500)
    tolerance_offered: bool = False
    status: str = Field(default=RefusalStatus.PENDING, max_length=20)
    proposed_by_user_id: uuid.UUID | None = Field(default=None, foreign_key="app_user.id")
    proposed_at: datetime = created_at_field()
    reviewed_by_user_id: uuid.UUID | None = Field(default=None, foreign_key="app_user.id")
    reviewed_at: datetime | None = timestamp_field()
    review_note: str | None = Field(default=None, max_length=1000)
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)
