"""Case table and its vocabulary."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, timestamp_field, uuid_pk
from core.enums import LabelledEnum


class CaseCategory(LabelledEnum):
    """Case categories (RULEBOOK §1, §10; the last three from jiedong Art 15)."""

    INSTANT = ("instant", "即办件", "Handled on the spot")
    PROMISED = ("promised", "承诺件", "Promised time limit")
    JOINT = ("joint", "联办件", "Handled jointly")
    SUPPLEMENT = ("supplement", "补办件", "Awaiting supplementary materials")
    RETURNED = ("returned", "退回件", "Returned")
    REPLY = ("reply", "答复件", "Reply")
    APPROVAL = ("approval", "报批件", "Submitted for approval")
    SPECIAL = ("special", "特办件", "Special handling")


class CaseStatus(LabelledEnum):
    ACCEPTED = ("accepted", "已受理", "Accepted")
    AWAITING_MATERIALS = ("awaiting_materials", "待补正", "Awaiting materials")
    COMPLETED = ("completed", "已办结", "Completed")
    RETURNED = ("returned", "已退回", "Returned")
    TERMINATED = ("terminated", "已终止", "Terminated on request")


class CaseBase(SQLModel):
    serial_number: str = Field(max_length=40, unique=True, index=True)  # 办件流水号
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    item_id: uuid.UUID = Field(foreign_key="service_item.id", index=True)
    window_id: uuid.UUID | None = Field(default=None, foreign_key="window.id", index=True)
    staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id", index=True)
    category: str = Field(max_length=20)
    status: str = Field(default=CaseStatus.ACCEPTED, max_length=30)
    applicant_name: str = Field(max_length=100)
    applicant_id_number: str | None = Field(default=None, max_length=30)  # personal data
    applicant_phone: str | None = Field(default=None, max_length=20)  # personal data
    # 容缺受理: accepted with secondary materials missing, to be supplied by supplement_due_on.
    tolerance_acceptance: bool = False
    supplement_due_on: date | None = None
    deadline_on: date | None = Field(default=None, index=True)


class Case(CaseBase, table=True):
    __tablename__ = "case"
    __table_args__ = (sa.Index("ix_case_hall_id_accepted_at", "hall_id", "accepted_at"),)

    id: uuid.UUID = uuid_pk()
    accepted_at: datetime = created_at_field()
    completed_at: datetime | None = timestamp_field()
