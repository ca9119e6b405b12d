"""The bulletin's vocabulary, and the one table of facts no other domain holds (bulletin entries, R8)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, uuid_pk
from core.enums import LabelledEnum


class BulletinScope(LabelledEnum):
    """What one row of the bulletin is about."""

    HALL = ("hall", "大厅", "Hall")
    WINDOW = ("window", "窗口", "Window")
    DEPARTMENT = ("department", "部门", "Department")
    STAFF = ("staff", "工作人员", "Staff member")


#: The figures the platform counts (RULEBOOK §14); a jurisdiction's bulletin may name others it has no data for.
COMPUTED_METRICS = ("people_served", "cases", "overdue_cases", "correction_rate", "satisfaction", "praise",
                    "complaints", "rating_rate")


#: R8 (dongying Art 8(三)1(2)): the monthly bulletin's items beyond the service-quality figures, each computed
#: (``core.bulletin.items``) from attendance and leave, patrols, conduct, ratings, complaints and the hall's
#: bulletin entries (领导现场办公, 信息宣传).
ITEM_METRICS = ("attendance_and_leave", "hall_patrols", "leaders_on_site", "publicity", "discipline",
                "evaluations_and_complaints")
COMPUTED_METRICS = (*COMPUTED_METRICS, *ITEM_METRICS)


class BulletinEntryKind(LabelledEnum):
    """What the hall records for the monthly bulletin that no other table holds (dongying Art 8(三)1(2))."""

    LEADER_ON_SITE = ("leader_on_site", "领导现场办公", "A department leader worked on site")
    PUBLICITY = ("publicity", "信息宣传", "Information or publicity published")


class BulletinEntry(SQLModel, table=True):
    """领导现场办公 / 信息宣传: one occurrence, for a department (and a staff member, if one did it)."""

    __tablename__ = "bulletin_entry"
    __table_args__ = (sa.Index("ix_bulletin_entry_hall_id_occurred_on", "hall_id", "occurred_on"),)

    id: uuid.UUID = uuid_pk()
    hall_id: uuid.UUID = Field(foreign_key="hall.id")
    kind: str = Field(max_length=20)
    department_id: uuid.UUID = Field(foreign_key="department.id")
    staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id")
    occurred_on: date
    title: str = Field(max_length=200)
    recorded_by_user_id: uuid.UUID | None = Field(default=None)
    recorded_at: datetime = created_at_field()
