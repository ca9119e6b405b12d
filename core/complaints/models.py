"""Complaint, investigation-note and blacklist tables and their vocabulary.

A complaint's ``channel`` is a code from the jurisdiction's ``complaint_channels()``
(e.g. ``12345``, ``on_site``, dongguan's ``i_guan_jia_app``): channels are local rules.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, timestamp_field, uuid_pk
from core.enums import LabelledEnum
from core.pii.fields import Encrypted, bidx_column, blind_indexed
from core.pii.indexes import contact_index


class ComplaintTarget(LabelledEnum):
    STAFF = ("staff", "工作人员", "Staff member")
    WINDOW = ("window", "窗口", "Window")
    DEPARTMENT = ("department", "部门", "Department")
    HALL = ("hall", "大厅", "Hall")


class ComplaintStatus(LabelledEnum):
    RECEIVED = ("received", "已登记", "Received")
    ACCEPTED = ("accepted", "已受理", "Accepted")
    REJECTED = ("rejected", "不予受理", "Not accepted")
    REFERRED = ("referred", "已转办", "Referred to the competent body")
    RESOLVED = ("resolved", "已处理", "Resolved")
    CLOSED = ("closed", "已办结归档", "Closed and archived")


#: Statuses in which a complaint is still being worked on by the hall.
OPEN_STATUSES = (ComplaintStatus.RECEIVED, ComplaintStatus.ACCEPTED)

#: The ground recorded when a blacklisted contact complains again (nanbu 投诉处理制度 三(二)).
BLACKLISTED_GROUND = ("blacklisted", "投诉人因恶意投诉已列入黑名单", "the complainant is blacklisted for malicious complaints")


class Complaint(SQLModel, table=True):
    __tablename__ = "complaint"
    __table_args__ = (sa.Index("ix_complaint_hall_id_received_at", "hall_id", "received_at"),)

    id: uuid.UUID = uuid_pk()
    reference: str = Field(max_length=40, unique=True)  # 投诉登记号, told to the complainant
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    channel: str = Field(max_length=40)  # a code of the jurisdiction's complaint_channels()
    channel_note: str | None = Field(default=None, max_length=100)  # e.g. the medium of 其他合法方式
    # personal data: sealed at rest (core.pii); the contact is found by its blind index
    complainant_name: str | None = Field(default=None, max_length=100, sa_type=Encrypted("complaint.complainant_name"))
    complainant_contact: str | None = Field(default=None, max_length=100,
                                            sa_type=Encrypted("complaint.complainant_contact"))
    complainant_contact_bidx: str | None = bidx_column()
    confidential: bool = False  # 保密: the complainant asked to stay unnamed to the target
    target_kind: str | None = Field(default=None, max_length=20)  # None: no clear target given
    target_id: uuid.UUID | None = Field(default=None, index=True)
    case_serial_number: str | None = Field(default=None, max_length=40)
    work_order_id: str | None = Field(default=None, max_length=40)  # 12345 工单号
    work_order_due_on: date | None = None  # the work order's own deadline (jiedong Art 33)
    facts: str = Field(max_length=4000)
    demand: str | None = Field(default=None, max_length=2000)
    status: str = Field(default=ComplaintStatus.RECEIVED, max_length=20)
    received_at: datetime = created_at_field()
    # 受理 / 不予受理 / 转办: the decision, with every ground and the rules that decided
    decided_at: datetime | None = timestamp_field()
    rejection_grounds: list = Field(default_factory=list, sa_type=sa.JSON)  # ground codes
    rejection_reason: str | None = Field(default=None, max_length=500)  # told to the complainant
    referral: str | None = Field(default=None, max_length=100)
    accepted_at: datetime | None = timestamp_field()
    deadline_on: date | None = Field(default=None, index=True)  # the current deadline (after any extension)
    # 延期: with a leader's approval and an explanation to the complainant
    extended_from_on: date | None = None
    extension_explanation: str | None = Field(default=None, max_length=2000)
    # User ids as the audit log keeps them: no foreign key, the record outlives the account.
    extended_by_user_id: uuid.UUID | None = Field(default=None)
    extended_at: datetime | None = timestamp_field()
    # 处理结果
    resolution: str | None = Field(default=None, max_length=4000)
    substantiated: bool | None = None  # 投诉属实
    resolved_at: datetime | None = timestamp_field()
    # 反馈投诉人
    feedback: str | None = Field(default=None, max_length=4000)
    complainant_satisfied: bool | None = None
    feedback_at: datetime | None = timestamp_field()
    closed_at: datetime | None = timestamp_field()  # archived
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)  # every rule applied to this complaint


class ComplaintNote(SQLModel, table=True):
    """调查记录: a note of the investigation of an accepted complaint."""

    __tablename__ = "complaint_note"

    id: uuid.UUID = uuid_pk()
    complaint_id: uuid.UUID = Field(foreign_key="complaint.id", index=True)
    text: str = Field(max_length=4000)
    author_user_id: uuid.UUID | None = Field(default=None)
    created_at: datetime = created_at_field()


class ComplaintBlacklistEntry(SQLModel, table=True):
    """黑名单: a contact blacklisted for malicious complaints (nanbu 投诉处理制度 三(二)), per jurisdiction."""

    __tablename__ = "complaint_blacklist_entry"
    __table_args__ = (sa.UniqueConstraint("jurisdiction_code", "contact_bidx"),)

    id: uuid.UUID = uuid_pk()
    jurisdiction_code: str = Field(max_length=64, foreign_key="jurisdiction.code")
    # normalised (digits of a phone number, lower-case e-mail), sealed; matched by contact_bidx
    contact: str = Field(max_length=100, sa_type=Encrypted("complaint_blacklist_entry.contact"))
    contact_bidx: str | None = bidx_column(index=False)
    complaint_id: uuid.UUID = Field(foreign_key="complaint.id")
    consequences: list = Field(default_factory=list, sa_type=sa.JSON)  # e.g. public_exposure, notify_employer
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)
    created_by_user_id: uuid.UUID | None = Field(default=None)
    created_at: datetime = created_at_field()


blind_indexed(Complaint, "complainant_contact", "complainant_contact_bidx", contact_index)
blind_indexed(ComplaintBlacklistEntry, "contact", "contact_bidx", contact_index)
