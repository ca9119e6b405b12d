"""Case table and its vocabulary."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, timestamp_field, uuid_pk
from core.enums import LabelledEnum
from core.pii.fields import Encrypted, bidx_column, blind_indexed
from core.pii.indexes import id_last4_index, id_number_index, name_index, phone_index, phone_last4_index


class CaseCategory(LabelledEnum):
    """Case categories (RULEBOOK §1, §10; the last three from jiedong Art 15)."""

    INSTANT = ("instant", "即办件", "Handled on the spot")
    PROMISED = ("promised", "承诺件", "Promised time limit")
    JOINT = ("joint", "联办件", "Handled jointly")
    SUPPLEMENT = ("supplement", "补办件", "Awaiting supplementary materials")
    RETURNED = ("returned", "退回件", "Returned")
    REPLY = ("reply", "答复件", "Reply")
    APPROVAL = ("approval", "报批件", "Submitted for approval")
    SPECIAL = ("special", "特办件", "Special handling")


class CaseStatus(LabelledEnum):
    ACCEPTED = ("accepted", "已受理", "Accepted")
    AWAITING_MATERIALS = ("awaiting_materials", "待补正", "Awaiting materials")
    COMPLETED = ("completed", "已办结", "Completed")
    RETURNED = ("returned", "已退回", "Returned")
    TERMINATED = ("terminated", "已终止", "Terminated on request")


class CaseOutcome(LabelledEnum):
    """办理结果."""

    APPROVED = ("approved", "准予办理", "Granted")
    DENIED = ("denied", "不予办理", "Denied")


class NoticePurpose(LabelledEnum):
    """Why a correction notice (补正告知书) was issued, which decides what it does to the clock."""

    SUPPLEMENT = ("supplement", "补办件通知书", "补办件: the clock starts when materials are complete")
    CORRECTION = ("correction", "材料补正告知书", "Correction: the clock pauses until materials are complete")
    TOLERANCE = ("tolerance", "容缺受理告知书", "容缺受理: the clock runs; secondary materials by the due date")


class AnomalyPattern(LabelledEnum):
    """办件异常 patterns (panyu Art 21)."""

    SAME_APPLICANT_SAME_ITEM = ("same_applicant_same_item", "同一申请人多次办理同一事项",
                                "The same applicant on the same item repeatedly")
    MANY_APPLICANTS_SAME_ITEM = ("many_applicants_same_item", "不同申请人多次办理同一事项",
                                 "Many applicants on the same item")
    REPEATED_TERMINATION = ("repeated_termination", "同一事项多次申请终止办理",
                            "One item terminated on request repeatedly")


class AnomalyStatus(LabelledEnum):
    OPEN = ("open", "调查中", "Under investigation")
    CLOSED = ("closed", "已结案", "Closed")


#: Cases still being handled: their deadline can pass.
OPEN_STATUSES = (CaseStatus.ACCEPTED, CaseStatus.AWAITING_MATERIALS)


class CaseBase(SQLModel):
    serial_number: str = Field(max_length=40, unique=True, index=True)  # 办件流水号
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    item_id: uuid.UUID = Field(foreign_key="service_item.id", index=True)
    window_id: uuid.UUID | None = Field(default=None, foreign_key="window.id", index=True)
    staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id", index=True)
    category: str = Field(max_length=20)
    status: str = Field(default=CaseStatus.ACCEPTED, max_length=30)
    # personal data: sealed at rest (core.pii), found by the blind indexes of Case
    applicant_name: str = Field(max_length=100, sa_type=Encrypted("case.applicant_name"))
    applicant_id_number: str | None = Field(default=None, max_length=30, sa_type=Encrypted("case.applicant_id_number"))
    applicant_phone: str | None = Field(default=None, max_length=20, sa_type=Encrypted("case.applicant_phone"))
    # 容缺受理: accepted with secondary materials missing, to be supplied by supplement_due_on.
    tolerance_acceptance: bool = False
    supplement_due_on: date | None = None
    deadline_on: date | None = Field(default=None, index=True)
    # What the deadline was computed from (限时办结), kept so that it can be recomputed and explained.
    promised_limit_days: int | None = None  # the item's promise at acceptance
    complex_case: bool = False  # a 退回件 that cannot be decided the same day
    supplied_materials: list = Field(default_factory=list, sa_type=sa.JSON)
    materials_completed_on: date | None = None  # 补办件: the clock starts here (CaseDeadline.clock_starts_on)
    paused_since: date | None = None  # awaiting corrected materials: the clock is paused
    paused_working_days: int = 0  # working days the clock stood still, added to the deadline
    supplement_supplied_on: date | None = None  # 容缺受理: secondary materials supplied
    deadline_rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)
    outcome: str | None = Field(default=None, max_length=20)  # CaseOutcome once completed
    closing_reason: str | None = Field(default=None, max_length=500)  # why returned or terminated
    terminated_on_request: bool = False
    completed_on: date | None = Field(default=None, index=True)  # local date of completion (or closing)


class Case(CaseBase, table=True):
    __tablename__ = "case"
    __table_args__ = (sa.Index("ix_case_hall_id_accepted_at", "hall_id", "accepted_at"),)

    id: uuid.UUID = uuid_pk()
    accepted_at: datetime = created_at_field()
    completed_at: datetime | None = timestamp_field()
    # Blind indexes (HMAC-SM3) of the sealed applicant data, kept by core.pii.fields.blind_indexed
    applicant_name_bidx: str | None = bidx_column(index=False)  # the bulletin counts visits by it
    applicant_id_number_bidx: str | None = bidx_column()
    applicant_phone_bidx: str | None = bidx_column()
    applicant_id_last4_bidx: str | None = bidx_column(index=False)  # with the serial number: progress look-up
    applicant_phone_last4_bidx: str | None = bidx_column(index=False)


# --- Correction notices (一次性告知) ------------------------------------------------------------


class CorrectionNotice(SQLModel, table=True):
    """补正告知书: lists every missing material at once (dongguan 5.2.3.2b; nanbu 一次性告知制度 四)."""

    __tablename__ = "case_correction_notice"
    __table_args__ = (sa.UniqueConstraint("case_id", "sequence"),)

    id: uuid.UUID = uuid_pk()
    case_id: uuid.UUID = Field(foreign_key="case.id", index=True)
    sequence: int = 1  # 1: the notice; later ones may only repeat materials the first one listed
    purpose: str = Field(max_length=20)  # NoticePurpose
    materials: list = Field(default_factory=list, sa_type=sa.JSON)
    issued_on: date
    due_on: date | None = None  # 补正期限 / 容缺材料补交期限
    supplied_on: date | None = None
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)
    issued_by_staff_id: uuid.UUID | None = Field(default=None, foreign_key="staff.id")
    issued_at: datetime = created_at_field()


# --- Credit records (失信) -------------------------------------------------------------------


class CreditRecord(SQLModel, table=True):
    """失信记录: an applicant did not supply 容缺 materials by the promised date (dongguan 5.2.7.3)."""

    __tablename__ = "credit_record"
    __table_args__ = (sa.UniqueConstraint("case_id", "reason"),)

    id: uuid.UUID = uuid_pk()
    case_id: uuid.UUID = Field(foreign_key="case.id", index=True)
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    applicant_name: str = Field(max_length=100, sa_type=Encrypted("credit_record.applicant_name"))  # personal data
    applicant_id_number: str | None = Field(default=None, max_length=30,
                                            sa_type=Encrypted("credit_record.applicant_id_number"))
    applicant_id_number_bidx: str | None = bidx_column()
    reason: str = Field(max_length=40)  # "tolerance_supplement_overdue"
    due_on: date
    recorded_on: date
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)
    created_at: datetime = created_at_field()


# --- Anomaly watch (办件异常监控, panyu Art 21) -------------------------------------------------------


class CaseAnomaly(SQLModel, table=True):
    """An anomaly investigation opened when a pattern of cases crossed the jurisdiction's threshold."""

    __tablename__ = "case_anomaly"
    # One open investigation per pattern: ``open_key`` is set while open and cleared when closed
    # (NULLs never collide), so concurrent detections cannot open it twice.
    __table_args__ = (sa.UniqueConstraint("hall_id", "open_key"),)

    id: uuid.UUID = uuid_pk()
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    pattern: str = Field(max_length=40)  # AnomalyPattern
    item_id: uuid.UUID = Field(foreign_key="service_item.id", index=True)
    # who, for same_applicant_same_item: sealed; open_key holds its blind index, never the key itself
    applicant_key: str | None = Field(default=None, max_length=120, sa_type=Encrypted("case_anomaly.applicant_key"))
    open_key: str | None = Field(default=None, max_length=250)
    status: str = Field(default=AnomalyStatus.OPEN, max_length=20)
    case_count: int
    threshold: int
    window_days: int
    case_ids: list = Field(default_factory=list, sa_type=sa.JSON)
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)
    detected_on: date
    last_detected_on: date
    conclusion: str | None = Field(default=None, max_length=2000)
    closed_at: datetime | None = timestamp_field()
    created_at: datetime = created_at_field()


blind_indexed(Case, "applicant_name", "applicant_name_bidx", name_index)
blind_indexed(Case, "applicant_id_number", "applicant_id_number_bidx", id_number_index)
blind_indexed(Case, "applicant_phone", "applicant_phone_bidx", phone_index)
blind_indexed(Case, "applicant_id_number", "applicant_id_last4_bidx", id_last4_index)
blind_indexed(Case, "applicant_phone", "applicant_phone_last4_bidx", phone_last4_index)
blind_indexed(CreditRecord, "applicant_id_number", "applicant_id_number_bidx", id_number_index)
