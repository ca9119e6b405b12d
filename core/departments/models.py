"""Department and hall-department (进驻) tables."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, uuid_pk


class DepartmentBase(SQLModel):
    jurisdiction_code: str = Field(max_length=64, foreign_key="jurisdiction.code", index=True)
    name: str = Field(max_length=100)
    short_name: str = Field(max_length=40)
    # 统一社会信用代码 of the department, when known.
    credit_code: str | None = Field(default=None, max_length=18)
    # 主管单位: the body the department belongs to (e.g. 揭阳市揭东区人民政府), when known.
    parent_body: str | None = Field(default=None, max_length=100)


class Department(DepartmentBase, table=True):
    __tablename__ = "department"
    __table_args__ = (sa.UniqueConstraint("jurisdiction_code", "name"),)

    id: uuid.UUID = uuid_pk()
    created_at: datetime = created_at_field()
    closed_on: date | None = None  # 撤销: a closed department keeps its history, takes no new work


class HallDepartment(SQLModel, table=True):
    """进驻: a department stationed in a hall, with its chief representative (首席代表) there."""

    __tablename__ = "hall_department"
    __table_args__ = (sa.UniqueConstraint("hall_id", "department_id"),)

    id: uuid.UUID = uuid_pk()
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    department_id: uuid.UUID = Field(foreign_key="department.id", index=True)
    chief_representative_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id")
    stationed_on: date | None = None
    created_at: datetime = created_at_field()
