"""Hall table and the hall vocabulary."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, timestamp_field, uuid_pk
from core.enums import LabelledEnum


class HallLevel(LabelledEnum):
    """Administrative level of a hall (RULEBOOK §1)."""

    CITY = ("city", "市", "Municipality")
    COUNTY = ("county", "区县", "District")
    PARK = ("park", "园区", "Park")
    TOWN = ("town", "镇", "Township")
    SUBDISTRICT = ("subdistrict", "街道", "Sub-District")
    VILLAGE = ("village", "村", "Village")
    COMMUNITY = ("community", "社区", "Community")


class HallKind(LabelledEnum):
    CENTER = ("center", "政务服务中心", "Government service center")
    SPECIALIZED = ("specialized", "专业大厅", "Specialized sub-hall")
    STATION = ("station", "便民服务站", "Government service station")


# --- Hall -------------------------------------------------------------------


class HallBase(SQLModel):
    jurisdiction_code: str = Field(max_length=64, foreign_key="jurisdiction.code", index=True)
    parent_id: uuid.UUID | None = Field(default=None, foreign_key="hall.id", index=True)
    # 专业大厅: business and staff managed by this department, reported to the parent hall.
    managing_department_id: uuid.UUID | None = Field(default=None, foreign_key="department.id")
    kind: str = Field(default=HallKind.CENTER, max_length=20)
    level: str = Field(max_length=20)
    place: str = Field(max_length=50)
    name: str = Field(max_length=100, index=True)
    name_en_full: str | None = Field(default=None, max_length=200)
    name_en_short: str | None = Field(default=None, max_length=200)
    address: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=40)
    # Hall-configured public hours where the jurisdiction's rule is only a default,
    # e.g. ["08:30-12:00", "14:00-17:00"].
    configured_hours: list | None = Field(default=None, sa_type=sa.JSON)


class Hall(HallBase, table=True):
    __tablename__ = "hall"
    __table_args__ = (sa.UniqueConstraint("jurisdiction_code", "name"),)

    id: uuid.UUID = uuid_pk()
    created_at: datetime = created_at_field()
    updated_at: datetime | None = timestamp_field()
