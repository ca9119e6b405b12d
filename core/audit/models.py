"""Audit log table."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, uuid_pk


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_entry"
    __table_args__ = (sa.Index("ix_audit_entry_domain_at", "domain", "at"),)

    id: uuid.UUID = uuid_pk()
    at: datetime = created_at_field()
    user_id: uuid.UUID | None = Field(default=None, index=True)  # None: anonymous
    username: str | None = Field(default=None, max_length=64)
    domain: str | None = Field(default=None, max_length=80)  # acting for: hall:<id>, dept:<id>, …
    action: str = Field(max_length=80)  # the mutation, e.g. updateStaffEmployment
    outcome: str = Field(max_length=20)  # ok | denied | rejected
    target_type: str | None = Field(default=None, max_length=40)
    target_id: str | None = Field(default=None, max_length=80)
    before: dict | None = Field(default=None, sa_type=sa.JSON)
    after: dict | None = Field(default=None, sa_type=sa.JSON)
    detail: str | None = Field(default=None, max_length=500)
