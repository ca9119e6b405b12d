"""Jurisdiction table: one row per jurisdiction that has data in this database."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, uuid_pk


class JurisdictionBase(SQLModel):
    code: str = Field(max_length=64, unique=True, index=True)
    name: str = Field(max_length=100)
    province: str = Field(max_length=20)
    region_code: str = Field(max_length=12)


class Jurisdiction(JurisdictionBase, table=True):
    __tablename__ = "jurisdiction"

    id: uuid.UUID = uuid_pk()
    created_at: datetime = created_at_field()
