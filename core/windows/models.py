"""Window and window-assignment tables and their vocabulary."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, timestamp_field, uuid_pk
from core.enums import LabelledEnum


class WindowType(LabelledEnum):
    """Window types (dongguan 4.6)."""

    COMPREHENSIVE = ("comprehensive", "综合办事窗口", "Comprehensive service window")
    SPECIALIZED = ("specialized", "专业窗口", "Specialized window")
    CERTIFICATE = ("certificate", "综合出证窗口", "Certificate issuing window")
    CONSULTATION = ("consultation", "综合咨询窗口", "Consultation window")
    COMPLAINT = ("complaint", "办不成事反映窗口", "'Cannot get it done' feedback window")
    GREEN_CHANNEL = ("green_channel", "绿色通道窗口", "Green channel window")
    CROSS_REGION = ("cross_region", "跨域通办窗口", "Cross-region service window")


class WindowStatus(LabelledEnum):
    """Window status shown to the public (panyu Art 13)."""

    SERVING = ("serving", "服务中", "Serving")
    BRIEF_ABSENCE = ("brief_absence", "请您稍候", "Please wait")
    SUSPENDED = ("suspended", "暂停服务", "Service suspended")


class PostRole(LabelledEnum):
    """AB岗: the A role (主办) handles, the B role (协办) stands in (panyu Art 14; nanbu AB角制度)."""

    A = ("A", "主办", "Primary (A role)")
    B = ("B", "协办", "Backup (B role)")


# --- Window -----------------------------------------------------------------


class WindowBase(SQLModel):
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    department_id: uuid.UUID | None = Field(default=None, foreign_key="department.id", index=True)
    number: str = Field(max_length=20)  # the number on the sign and the calling screen, e.g. "A03"
    name: str = Field(max_length=100)
    type: str = Field(max_length=30)
    status: str = Field(default=WindowStatus.SERVING, max_length=20)


class Window(WindowBase, table=True):
    __tablename__ = "window"
    __table_args__ = (sa.UniqueConstraint("hall_id", "number"),)

    id: uuid.UUID = uuid_pk()
    created_at: datetime = created_at_field()
    status_changed_at: datetime | None = timestamp_field()
    retired_at: datetime | None = timestamp_field()  # 撤销: a retired window keeps its history, calls nobody


class WindowItem(SQLModel, table=True):
    """An item a window is set up to serve (the hall's window plan; routing still follows the window type)."""

    __tablename__ = "window_item"
    __table_args__ = (sa.UniqueConstraint("window_id", "item_id"),)

    id: uuid.UUID = uuid_pk()
    window_id: uuid.UUID = Field(foreign_key="window.id", index=True)
    item_id: uuid.UUID = Field(foreign_key="service_item.id", index=True)


# --- Assignment of staff to windows ----------------------------------------


class WindowAssignment(SQLModel, table=True):
    """A staff member on a window in the A or B role."""

    __tablename__ = "window_assignment"
    __table_args__ = (sa.UniqueConstraint("window_id", "staff_id"),)

    id: uuid.UUID = uuid_pk()
    window_id: uuid.UUID = Field(foreign_key="window.id", index=True)
    staff_id: uuid.UUID = Field(foreign_key="staff.id", index=True)
    role: str = Field(max_length=1)
    assigned_at: datetime = created_at_field()


# --- Handover of responsibility for a window (AB岗: B stands in when A leaves the post)


class HandoverReason(LabelledEnum):
    LEAVE = ("leave", "A岗请假/报备外出", "A role on leave or reported away")
    RETURNED = ("returned", "A岗退回派出单位", "A role returned to the department")
    REPLACED = ("replaced", "A岗调换", "A role replaced")
    REASSIGNED = ("reassigned", "窗口AB岗调整", "Posts on the window changed")


class WindowHandover(SQLModel, table=True):
    """A logged handover: who holds the window from when (until when, for a temporary one)."""

    __tablename__ = "window_handover"
    __table_args__ = (sa.Index("ix_window_handover_window_id_starts_at", "window_id", "starts_at"),)

    id: uuid.UUID = uuid_pk()
    window_id: uuid.UUID = Field(foreign_key="window.id")
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    from_staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id")
    to_staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id")
    reason: str = Field(max_length=20)
    leave_request_id: uuid.UUID | None = Field(default=None, foreign_key="leave_request.id", index=True)
    starts_at: datetime = timestamp_field(nullable=False)
    ends_at: datetime | None = timestamp_field()  # a temporary handover (leave) ends; None: permanent
    created_at: datetime = created_at_field()
