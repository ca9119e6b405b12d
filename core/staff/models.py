"""Staff table and its vocabulary."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, uuid_pk
from core.enums import LabelledEnum


class StaffStatus(LabelledEnum):
    PROPOSED = ("proposed", "待审批上岗", "Proposed by department")
    ON_DUTY = ("on_duty", "在岗", "On duty")
    ON_LEAVE = ("on_leave", "请假", "On leave")
    RETURNED = ("returned", "已退回派出单位", "Returned to department")
    LEFT = ("left", "已离岗", "Left")


class StaffBase(SQLModel):
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    department_id: uuid.UUID = Field(foreign_key="department.id", index=True)
    staff_number: str = Field(max_length=32)  # 工号
    name: str = Field(max_length=50)
    rank: str | None = Field(default=None, max_length=50)  # 职级: decided by the department
    position: str | None = Field(default=None, max_length=50)
    phone: str | None = Field(default=None, max_length=20)  # personal data: masked by default
    status: str = Field(default=StaffStatus.ON_DUTY, max_length=20)
    on_duty_since: date | None = None


class Staff(StaffBase, table=True):
    __tablename__ = "staff"
    __table_args__ = (sa.UniqueConstraint("hall_id", "staff_number"),)

    id: uuid.UUID = uuid_pk()
    created_at: datetime = created_at_field()
