"""Jurisdiction table: one row per jurisdiction that has data in this database."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
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


class JurisdictionRuleSetting(SQLModel, table=True):
    """A jurisdiction admin's value for a configurable default (RULEBOOK: a rule whose source is ``default``).

    Only keys of ``core.policy.settings.SETTINGS`` are accepted; a key without a row has its default.
    """

    __tablename__ = "jurisdiction_rule_setting"
    __table_args__ = (sa.UniqueConstraint("jurisdiction_code", "key"),)

    id: uuid.UUID = uuid_pk()
    jurisdiction_code: str = Field(max_length=64, index=True)
    key: str = Field(max_length=80)
    value: float
    set_by_user_id: uuid.UUID | None = Field(default=None)
    set_at: datetime = created_at_field()
