"""Service item and hall-item tables and their vocabulary."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, timestamp_field, uuid_pk
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


class ItemChange(LabelledEnum):
    """What a department asks of a hall for one of its items (dongguan 6.1.3-6.1.6; dongying Art 4)."""

    ENTRY = ("entry", "事项进驻", "Entry into the hall")
    CHANGE = ("change", "事项调整", "Change")
    WITHDRAWAL = ("withdrawal", "事项撤出", "Withdrawal from the hall")


class RequestStatus(LabelledEnum):
    PENDING = ("pending", "待审批", "Awaiting approval")
    APPROVED = ("approved", "已批准", "Approved")
    REJECTED = ("rejected", "未批准", "Rejected")
    CANCELLED = ("cancelled", "已撤回", "Cancelled by the department")


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
    # 容缺受理事项目录: may be accepted with secondary materials missing (dongguan 5.2.7.1).
    tolerance_acceptance_allowed: bool = False


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


class HallItemRequest(SQLModel, table=True):
    """A department's request to bring an item into a hall, change it or withdraw it, and its approval."""

    __tablename__ = "hall_item_request"

    id: uuid.UUID = uuid_pk()
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    department_id: uuid.UUID = Field(foreign_key="department.id", index=True)
    item_id: uuid.UUID | None = Field(default=None, foreign_key="service_item.id", index=True)  # None: a new item
    change: str = Field(max_length=20)  # ItemChange
    status: str = Field(default=RequestStatus.PENDING, max_length=20)
    # entry of a new item: its catalogue entry; change: the fields to change (JSON-safe values).
    proposed: dict = Field(default_factory=dict, sa_type=sa.JSON)
    reason: str = Field(max_length=2000)
    approver_role: str = Field(max_length=40)  # from the policy: hall_office, government
    approver_title: str = Field(max_length=40)
    public_notice_required: bool = True
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)
    requested_by_user_id: uuid.UUID | None = None
    requested_at: datetime = created_at_field()
    decided_by_user_id: uuid.UUID | None = None
    decided_at: datetime | None = timestamp_field()
    decision_note: str | None = Field(default=None, max_length=2000)


class ItemNotice(SQLModel, table=True):
    """公示: the public notice of an approved entry, change or withdrawal (dongguan 6.1.5c, 6.1.6c)."""

    __tablename__ = "item_notice"

    id: uuid.UUID = uuid_pk()
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    item_id: uuid.UUID = Field(foreign_key="service_item.id", index=True)
    request_id: uuid.UUID = Field(foreign_key="hall_item_request.id", unique=True)
    change: str = Field(max_length=20)
    title: str = Field(max_length=300)
    content: str = Field(max_length=4000)
    published_on: date = Field(index=True)
    created_at: datetime = created_at_field()
