"""Archived case documents: the PDF as handed over, with its SHA-256."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, uuid_pk


class CaseDocument(SQLModel, table=True):
    """办件文书 as issued: one per case, kind and notice (``ref``: the notice's id, or "" for the case's own)."""

    __tablename__ = "case_document"
    __table_args__ = (sa.UniqueConstraint("case_id", "kind", "ref"),)

    id: uuid.UUID = uuid_pk()
    case_id: uuid.UUID = Field(foreign_key="case.id", index=True)
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    kind: str = Field(max_length=20)  # DocumentKind
    ref: str = Field(default="", max_length=40)
    title: str = Field(max_length=100)
    sha256: str = Field(max_length=64)
    size: int
    content: bytes = Field(sa_type=sa.LargeBinary)
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)
    issued_by_user_id: uuid.UUID | None = Field(default=None, foreign_key="app_user.id")
    issued_at: datetime = created_at_field()
