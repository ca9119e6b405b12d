"""Leave requests and their approval steps."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, timestamp_field, uuid_pk
from core.enums import LabelledEnum
from core.pii.fields import EncryptedBytes


class LeaveKind(LabelledEnum):
    """Kinds of absence (the policy's ``LEAVE_KINDS``)."""

    PERSONAL = ("personal", "事假", "Personal leave")
    SICK = ("sick", "病假", "Sick leave")
    BUSINESS_TRIP = ("business_trip", "因公外出", "Business away from the hall")
    MEETING = ("meeting", "参加会议", "Meeting")


class LeaveSession(LabelledEnum):
    """A half day: one morning or one afternoon session."""

    MORNING = ("morning", "上午", "Morning")
    AFTERNOON = ("afternoon", "下午", "Afternoon")


class LeaveStatus(LabelledEnum):
    PENDING = ("pending", "审批中", "Awaiting approval")
    APPROVED = ("approved", "已批准", "Approved")
    REPORTED = ("reported", "已报备", "Reported (no approval needed)")
    REJECTED = ("rejected", "未批准", "Rejected")
    CANCELLED = ("cancelled", "已撤销", "Cancelled")
    RETURNED = ("returned", "已销假", "Back from leave (销假)")


#: A leave in one of these states keeps the staff member off the post between its start and end.
ABSENT_STATUSES = (LeaveStatus.APPROVED.value, LeaveStatus.REPORTED.value, LeaveStatus.RETURNED.value)
#: States that count when deciding whether a window would be left empty (a pending request may yet be approved).
BLOCKING_STATUSES = (*ABSENT_STATUSES, LeaveStatus.PENDING.value)


class StepStatus(LabelledEnum):
    WAITING = ("waiting", "未到本步", "Not reached yet")
    PENDING = ("pending", "待处理", "Awaiting decision")
    DONE = ("done", "已同意/已办理", "Done")
    REJECTED = ("rejected", "不同意", "Rejected")
    SKIPPED = ("skipped", "未经办（已撤销或已驳回）", "Not reached (cancelled or rejected)")


class LeaveRequest(SQLModel, table=True):
    """请假单: one absence of one staff member, with the chain the jurisdiction's plugin gave for it."""

    __tablename__ = "leave_request"
    __table_args__ = (sa.Index("ix_leave_request_staff_id_starts_at", "staff_id", "starts_at"),)

    id: uuid.UUID = uuid_pk()
    staff_id: uuid.UUID = Field(foreign_key="staff.id")
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    department_id: uuid.UUID = Field(foreign_key="department.id", index=True)
    kind: str = Field(max_length=20)
    handling: str = Field(max_length=20)  # approved (请假) | reported (报备)
    starts_at: datetime = timestamp_field(nullable=False)
    ends_at: datetime = timestamp_field(nullable=False)
    days: float  # working days, a half day per session
    hours: float | None = None  # for an absence shorter than a session
    band: str = Field(max_length=40)  # the duration band of the chain, e.g. half_day_or_more
    reason: str | None = Field(default=None, max_length=500)
    substitute_staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id")
    status: str = Field(default=LeaveStatus.PENDING, max_length=20, index=True)
    current_position: int | None = None  # the step awaiting a decision
    current_role: str | None = Field(default=None, max_length=40)
    current_side: str | None = Field(default=None, max_length=20)
    substitute_required: bool = False
    b_role_substitute_required: bool = False
    window_must_stay_staffed: bool = False
    return_report_required: bool = True
    form: str | None = Field(default=None, max_length=100)
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)
    requested_by: uuid.UUID | None = None
    requested_at: datetime = created_at_field()
    decided_at: datetime | None = timestamp_field()
    cancelled_at: datetime | None = timestamp_field()
    returned_at: datetime | None = timestamp_field()  # 销假
    # R6 (nanbu 考勤制度 二(三)): asked by phone in an emergency; effective at once, the paperwork due by then.
    by_phone: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    paperwork_due_on: date | None = None
    version: int = 1


class LeaveStep(SQLModel, table=True):
    """One step of a request's chain: a role on a side doing an action (approve, agree, sign, file, report…)."""

    __tablename__ = "leave_step"
    __table_args__ = (sa.UniqueConstraint("leave_request_id", "position"),)

    id: uuid.UUID = uuid_pk()
    leave_request_id: uuid.UUID = Field(foreign_key="leave_request.id", index=True)
    position: int
    role: str = Field(max_length=40)
    side: str = Field(max_length=20)
    title: str = Field(max_length=100)
    action: str = Field(max_length=20)
    status: str = Field(default=StepStatus.WAITING, max_length=20)
    decided_by: uuid.UUID | None = None
    decided_by_name: str | None = Field(default=None, max_length=100)
    acted_for: str | None = Field(default=None, max_length=80)  # the domain the decider acted for
    decided_at: datetime | None = timestamp_field()
    comment: str | None = Field(default=None, max_length=500)


class LeaveAttachmentKind(LabelledEnum):
    HOSPITAL_CERTIFICATE = ("hospital_certificate", "医院证明", "Hospital certificate")
    PROOF = ("proof", "有效证明", "Other valid proof")


class LeaveAttachment(SQLModel, table=True):
    """A document stored with a leave request (R6: nanbu sick leave 凭医院证明), size- and type-checked.

    Only ``core.leave.attachments`` reads or writes ``content``, sealed at rest like every personal-data column
    (SM4-GCM by default, the key id with the value: ``core.pii``).
    """

    __tablename__ = "leave_attachment"

    id: uuid.UUID = uuid_pk()
    leave_request_id: uuid.UUID = Field(foreign_key="leave_request.id", index=True)
    kind: str = Field(max_length=30)
    filename: str = Field(max_length=200)
    content_type: str = Field(max_length=50)
    size: int
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_type=EncryptedBytes("leave_attachment.content"))  # sealed at rest (core.pii)
    uploaded_by_user_id: uuid.UUID | None = Field(default=None)
    uploaded_at: datetime = created_at_field()
