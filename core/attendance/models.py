"""Attendance records, attendance days and correction slips."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.db.base import created_at_field, timestamp_field, uuid_pk
from core.enums import LabelledEnum


class CheckInMethod(LabelledEnum):
    DEVICE = ("device", "考勤机", "Attendance device")
    FACE_RECOGNITION = ("face_recognition", "人脸识别", "Face recognition")
    MANUAL = ("manual", "手工考勤", "Manual (the attendance system failed)")
    CORRECTION = ("correction", "考勤补签单", "Correction slip")
    CLOSING = ("closing", "日终核定", "Set when the day was closed (no check-in)")


class Verdict(LabelledEnum):
    """The policy's check-in verdicts (``CHECK_IN_VERDICTS``)."""

    ON_TIME = ("on_time", "正常", "On time")
    LATE = ("late", "迟到", "Late")
    EARLY = ("early", "早退", "Left early")
    MISSING = ("missing", "缺卡", "Missing")
    OFF_POST = ("off_post", "脱岗", "Off post")
    EXCUSED = ("excused", "请假/报备", "Excused by leave or a report")
    OVERTIME = ("overtime", "加班出勤", "Worked on a day the hall is closed (R3)")


class CorrectionReason(LabelledEnum):
    """Why a check-in is missing (the policy's ``CORRECTION_REASONS``)."""

    FORGOT = ("forgot", "忘记打卡", "Forgot to check in")
    SYSTEM_FAULT = ("system_fault", "系统故障", "System fault")
    LATE = ("late", "迟到", "Late")
    EARLY_LEAVE = ("early_leave", "早退", "Left early")
    ABSENCE = ("absence", "缺勤", "Absent")


class CorrectionStatus(LabelledEnum):
    FILED = ("filed", "待签字", "Awaiting signature")
    SIGNED = ("signed", "已签字生效", "Signed")
    REJECTED = ("rejected", "未签字", "Refused")


class AttendanceRecord(SQLModel, table=True):
    """One required check-in of one staff member on one day, and its verdict under the jurisdiction's rules."""

    __tablename__ = "attendance_record"
    __table_args__ = (
        sa.UniqueConstraint("staff_id", "attendance_on", "slot"),
        sa.Index("ix_attendance_record_hall_id_attendance_on", "hall_id", "attendance_on"),
    )

    id: uuid.UUID = uuid_pk()
    staff_id: uuid.UUID = Field(foreign_key="staff.id")
    hall_id: uuid.UUID = Field(foreign_key="hall.id")
    attendance_on: date
    slot: str = Field(max_length=20)  # the plan's slot code, e.g. am_in
    slot_title: str = Field(max_length=40)  # e.g. 上午上班
    expected_at: time  # in by / out from, as the plan said that day
    checked_at: datetime | None = timestamp_field()  # None: no check-in (missing or excused at closing)
    method: str = Field(max_length=20)
    verdict: str = Field(max_length=20, index=True)
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)
    correction_id: uuid.UUID | None = Field(default=None, foreign_key="attendance_correction.id")
    recorded_by: uuid.UUID | None = None
    device_id: uuid.UUID | None = Field(default=None, foreign_key="attendance_device.id")  # R2: the device that sent it
    created_at: datetime = created_at_field()
    updated_at: datetime | None = timestamp_field()
    version: int = 1


class AttendanceDay(SQLModel, table=True):
    """A hall's attendance day: whether it is a manual-attendance day (the system failed) and whether it is closed."""

    __tablename__ = "attendance_day"
    __table_args__ = (sa.UniqueConstraint("hall_id", "attendance_on"),)

    id: uuid.UUID = uuid_pk()
    hall_id: uuid.UUID = Field(foreign_key="hall.id")
    attendance_on: date
    manual: bool = False
    manual_reason: str | None = Field(default=None, max_length=500)
    report_to: str | None = Field(default=None, max_length=40)
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)
    declared_by: uuid.UUID | None = None
    declared_at: datetime | None = timestamp_field()
    closed_by: uuid.UUID | None = None
    closed_at: datetime | None = timestamp_field()
    version: int = 1


class AttendanceCorrection(SQLModel, table=True):
    """考勤补签单: a slip asking that a missed check-in be recorded; signed by the side the rule names."""

    __tablename__ = "attendance_correction"

    id: uuid.UUID = uuid_pk()
    staff_id: uuid.UUID = Field(foreign_key="staff.id", index=True)
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    department_id: uuid.UUID = Field(foreign_key="department.id", index=True)
    attendance_on: date
    slot: str = Field(max_length=20)
    reason: str = Field(max_length=20)
    corrected_time: time  # when the staff member says they were actually there
    note: str | None = Field(default=None, max_length=500)
    status: str = Field(default=CorrectionStatus.FILED, max_length=20, index=True)
    signer_role: str = Field(max_length=40)
    signer_side: str = Field(max_length=20)
    signer_title: str = Field(max_length=100)
    kept_by: str | None = Field(default=None, max_length=40)
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)
    filed_by: uuid.UUID | None = None
    filed_at: datetime = created_at_field()
    signed_by: uuid.UUID | None = None
    signed_at: datetime | None = timestamp_field()
    version: int = 1


class AttendanceDevice(SQLModel, table=True):
    """考勤机 / 人脸识别终端 registered by the hall (R2: panyu Art 64; jiedong Art 24 人脸识别考勤).

    A check-in by device or face recognition is sent by the device itself with its credential
    (``X-Device-Token``), at the server's clock; only the credential's SHA-256 is kept.
    """

    __tablename__ = "attendance_device"

    id: uuid.UUID = uuid_pk()
    hall_id: uuid.UUID = Field(foreign_key="hall.id", index=True)
    method: str = Field(max_length=20)  # CheckInMethod.DEVICE or FACE_RECOGNITION
    name: str = Field(max_length=100)
    credential_hash: str = Field(max_length=64, unique=True)
    registered_by_user_id: uuid.UUID | None = Field(default=None)
    registered_at: datetime = created_at_field()
    revoked_at: datetime | None = timestamp_field()


class AfterHoursKind(LabelledEnum):
    """What is registered outside working hours (R3: panyu Art 84; nanbu 安全保卫制度 七, 考勤制度 五(二))."""

    OVERTIME = ("overtime", "加班登记", "Overtime")
    ENTRY = ("entry", "非工作时间进入", "After-hours entry")


class AfterHoursRegistration(SQLModel, table=True):
    """加班登记 / 非工作时间进入登记: registered with the hall before (or as) it happens."""

    __tablename__ = "after_hours_registration"
    __table_args__ = (sa.Index("ix_after_hours_registration_hall_id_starts_at", "hall_id", "starts_at"),)

    id: uuid.UUID = uuid_pk()
    hall_id: uuid.UUID = Field(foreign_key="hall.id")
    staff_id: uuid.UUID = Field(foreign_key="staff.id", index=True)
    department_id: uuid.UUID = Field(foreign_key="department.id")
    kind: str = Field(max_length=20)
    starts_at: datetime = timestamp_field(nullable=False)
    ends_at: datetime = timestamp_field(nullable=False)
    purpose: str = Field(max_length=500)
    rule_ids: list = Field(default_factory=list, sa_type=sa.JSON)
    registered_by_user_id: uuid.UUID | None = Field(default=None)
    registered_at: datetime = created_at_field()
