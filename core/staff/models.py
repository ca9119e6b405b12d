"""Staff table and its vocabulary."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, timestamp_field, uuid_pk
from core.enums import LabelledEnum
from core.pii.fields import Encrypted


class StaffStatus(LabelledEnum):
    PROPOSED = ("proposed", "待审批上岗", "Proposed by department")
    RESERVE = ("reserve", "预选替岗人员", "Pre-selected substitute (approved, not on duty)")
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
    phone: str | None = Field(default=None, max_length=20, sa_type=Encrypted("staff.phone"))  # personal data: sealed, masked by default
    status: str = Field(default=StaffStatus.ON_DUTY, max_length=20)
    on_duty_since: date | None = None


class Staff(StaffBase, table=True):
    __tablename__ = "staff"
    __table_args__ = (sa.UniqueConstraint("hall_id", "staff_number"),)

    id: uuid.UUID = uuid_pk()
    created_at: datetime = created_at_field()


# --- Onboarding (上岗): the department proposes, the hall approves before duty (jiedong Art 6; dongguan 6.3.3)


class OnboardingStatus(LabelledEnum):
    PROPOSED = ("proposed", "待大厅审定", "Awaiting the hall's approval")
    APPROVED = ("approved", "已审定上岗", "Approved")
    REJECTED = ("rejected", "未予审定", "Rejected")


class StaffOnboarding(SQLModel, table=True):
    """A department's proposal to put a staff member on duty in a hall (or on its substitute list)."""

    __tablename__ = "staff_onboarding"

    id: uuid.UUID = uuid_pk()
    staff_id: uuid.UUID = Field(foreign_key="staff.id", index=True)
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    department_id: uuid.UUID = Field(foreign_key="department.id", index=True)
    window_id: uuid.UUID | None = Field(default=None, foreign_key="window.id")  # the post, applied on approval
    post_role: str | None = Field(default=None, max_length=1)
    as_substitute: bool = False  # 预选替岗人员: approved onto the substitute list, not onto a window
    duties: str | None = Field(default=None, max_length=1000)  # 承担职责, as in the department's letter
    status: str = Field(default=OnboardingStatus.PROPOSED, max_length=20, index=True)
    proposed_by: uuid.UUID | None = None
    proposed_at: datetime = created_at_field()
    decided_by: uuid.UUID | None = None
    decided_at: datetime | None = timestamp_field()
    decision_note: str | None = Field(default=None, max_length=500)
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)
    version: int = 1


class TrainingKind(LabelledEnum):
    PRE_DUTY = ("pre_duty", "岗前培训", "Pre-duty training")
    IN_SERVICE = ("in_service", "在岗培训", "In-service training")


class StaffTraining(SQLModel, table=True):
    """Training a staff member completed (panyu Art 17; dongguan 6.3.3c)."""

    __tablename__ = "staff_training"

    id: uuid.UUID = uuid_pk()
    staff_id: uuid.UUID = Field(foreign_key="staff.id", index=True)
    kind: str = Field(max_length=20)
    title: str = Field(max_length=200)
    hours: float | None = None
    completed_on: date
    recorded_by: uuid.UUID | None = None
    created_at: datetime = created_at_field()


# --- Replacement (调换) and return (退回) ----------------------------------------


class ReplacementStatus(LabelledEnum):
    PROPOSED = ("proposed", "已报告待协商", "Proposed")
    AGREED = ("agreed", "大厅已同意", "Agreed by the hall")
    NEW_ON_DUTY = ("new_on_duty", "新人员已上岗", "New member on duty")
    OLD_LEFT = ("old_left", "原人员已离岗，新人员未上岗", "Old member left first (where the rule allows)")
    COMPLETED = ("completed", "已完成调换", "Completed")
    REJECTED = ("rejected", "大厅不同意", "Rejected by the hall")


class StaffReplacement(SQLModel, table=True):
    """One replacement of a window staff member by another (dongguan 6.3.4b-c; panyu Art 20)."""

    __tablename__ = "staff_replacement"

    id: uuid.UUID = uuid_pk()
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    department_id: uuid.UUID = Field(foreign_key="department.id", index=True)
    old_staff_id: uuid.UUID = Field(foreign_key="staff.id", index=True)
    new_staff_id: uuid.UUID = Field(foreign_key="staff.id", index=True)
    reason: str = Field(max_length=500)
    written_report: str | None = Field(default=None, max_length=4000)  # 书面报告
    planned_on: date  # the day the change is to happen
    filed_in_advance: bool = False  # 提前报备: proposed before the planned day
    substitute_preselected: bool = False  # the new member was on the pre-selected substitute list
    status: str = Field(default=ReplacementStatus.PROPOSED, max_length=20, index=True)
    proposed_by: uuid.UUID | None = None
    proposed_at: datetime = created_at_field()
    hall_decided_by: uuid.UUID | None = None
    hall_decided_at: datetime | None = timestamp_field()
    new_on_duty_at: datetime | None = timestamp_field()
    old_left_at: datetime | None = timestamp_field()
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)
    version: int = 1


class StaffReturn(SQLModel, table=True):
    """退回原派出单位: the hall returns a staff member to the department, with the reason (dongying Art 7(四))."""

    __tablename__ = "staff_return"

    id: uuid.UUID = uuid_pk()
    staff_id: uuid.UUID = Field(foreign_key="staff.id", index=True)
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    department_id: uuid.UUID = Field(foreign_key="department.id")
    reason: str = Field(max_length=1000)
    trigger_codes: list = Field(default_factory=list, sa_type=sa.JSON)  # the rule's triggers met, if any
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)
    returned_on: date
    decided_by: uuid.UUID | None = None
    created_at: datetime = created_at_field()


class ConductKind(LabelledEnum):
    """Conduct facts the return-to-unit rules look at (dongying Art 7(四); dongguan 6.3.4d)."""

    CRITICISM = ("criticism", "被监督机关通报批评", "Criticized by a supervising body")
    DISOBEDIENCE = ("disobedience", "不服从大厅日常管理", "Disobeyed the hall's daily management")
    REPEATED_DISOBEDIENCE = ("repeated_disobedience", "不服从管理且屡教不改", "Repeated disobedience")
    SERIOUS_VIOLATION = ("serious_violation", "严重违纪违规，造成恶劣影响", "Serious violation with bad effects")
    DISCIPLINARY_SANCTION = ("disciplinary_sanction", "受到党纪政纪处分", "Party or administrative sanction")
    CANNOT_DO_JOB = ("cannot_do_job", "不能胜任窗口工作", "Cannot do the window job")


class ConductRecord(SQLModel, table=True):
    """A conduct fact about a staff member, recorded by the hall (daily discipline is the hall's)."""

    __tablename__ = "conduct_record"

    id: uuid.UUID = uuid_pk()
    staff_id: uuid.UUID = Field(foreign_key="staff.id", index=True)
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    kind: str = Field(max_length=30)
    occurred_on: date
    description: str = Field(max_length=1000)
    recorded_by: uuid.UUID | None = None
    created_at: datetime = created_at_field()
