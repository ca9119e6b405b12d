"""The personal-data read log (个人信息查阅记录)."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, uuid_pk


class PersonalDataAccess(SQLModel, table=True):
    """One unmasked read of one personal-data field of one record: who, what, when and why.

    ``operation`` is the GraphQL operation (or export) that showed it; the value itself is never
    recorded. Kept at least 6 months (Cybersecurity Law Art 21(3)); see core.pii.retention.
    """

    __tablename__ = "personal_data_access"
    __table_args__ = (sa.Index("ix_personal_data_access_domain_at", "domain", "at"),)

    id: uuid.UUID = uuid_pk()
    at: datetime = created_at_field()
    user_id: uuid.UUID | None = Field(default=None, index=True)  # no foreign key: the record outlives the account
    username: str | None = Field(default=None, max_length=64)
    domain: str | None = Field(default=None, max_length=80)  # hall:<id> the record belongs to
    record_type: str = Field(max_length=40)  # Case, Ticket, Complaint, Staff
    record_id: str = Field(max_length=80, index=True)
    field: str = Field(max_length=60)  # applicantIdNumber, applicantPhone, complainantContact, …
    operation: str = Field(max_length=120)  # the GraphQL operation name or export that showed it
