"""Service item and hall-item tables and their vocabulary."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, uuid_pk
from core.enums import LabelledEnum


class ItemType(LabelledEnum):
    """Item types (dongguan 6.1.2a)."""

    LICENSING = ("licensing", "行政许可", "Administrative licensing")
    BENEFIT = ("benefit", "行政给付", "Administrative benefit")
    CONFIRMATION = ("confirmation", "行政确认", "Administrative confirmation")
    REWARD = ("reward", "行政奖励", "Administrative reward")
    ADJUDICATION = ("adjudication", "行政裁决", "Administrative adjudication")
    LEVY = ("levy", "行政征收", "Administrative levy")
    OTHER = ("other", "其他行政权力", "Other administrative power")
    PUBLIC_SERVICE = ("public_service", "公共服务", "Public service")


class HallItemStatus(LabelledEnum):
    REQUESTED = ("requested", "申请进驻", "Entry requested")
    ACTIVE = ("active", "已进驻", "Offered in the hall")
    WITHDRAWN = ("withdrawn", "已退出", "Withdrawn")


# --- Service item -------------------------------------------------------------


class ServiceItemBase(SQLModel):
    jurisdiction_code: str = Field(max_length=64, foreign_key="jurisdiction.code", index=True)
    department_id: uuid.UUID = Field(foreign_key="department.id", index=True)
    # 实施编码: identifies the item as implemented here; unique, the federation key.
    code: str = Field(max_length=64, unique=True, index=True)
    # 事项编码: the catalogue code shared by every implementation of the item.
    catalog_code: str = Field(max_length=64, index=True)
    name: str = Field(max_length=200)
    type: str = Field(max_length=30)
    legal_limit_days: int | None = None  # 法定办结时限 (working days)
    promised_limit_days: int | None = None  # 承诺办结时限 (working days); 0 = 即办
    materials: list = Field(default_factory=list, sa_type=sa.JSON)
    fee: Decimal | None = Field(default=None, max_digits=12, decimal_places=2)
    fee_basis: str | None = Field(default=None, max_length=500)
    legal_basis: str | None = Field(default=None, max_length=1000)


class ServiceItem(ServiceItemBase, table=True):
    __tablename__ = "service_item"

    id: uuid.UUID = uuid_pk()
    created_at: datetime = created_at_field()


class HallItem(SQLModel, table=True):
    """An item offered in a hall (进驻事项)."""

    __tablename__ = "hall_item"
    __table_args__ = (sa.UniqueConstraint("hall_id", "item_id"),)

    id: uuid.UUID = uuid_pk()
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    item_id: uuid.UUID = Field(foreign_key="service_item.id", index=True)
    status: str = Field(default=HallItemStatus.ACTIVE, max_length=20)
    since: date | None = None
    created_at: datetime = created_at_field()
