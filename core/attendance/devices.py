"""Attendance devices (考勤机, 人脸识别终端) a hall registers, and the proof of a check-in's method (R2).

A check-in exists at the server's clock at the moment it arrives, through a device or method the hall has
registered (jiedong Art 24: face recognition); a past check-in exists only through a signed correction slip
(panyu Art 64). The device sends its credential (``core.auth.device_credentials``).
"""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.attendance.models import AttendanceDevice, CheckInMethod
from core.auth.device_credentials import credential_hash, new_credential
from core.errors import ConflictError, DomainError, RuleViolation
from core.policy.attendance import SERVER_CLOCK_RULE
from core.policy.types import CheckInPlan, Violation
from core.validation import text

DEVICE_METHODS = (CheckInMethod.DEVICE, CheckInMethod.FACE_RECOGNITION)


def allowed_methods(plan: CheckInPlan) -> tuple[str, ...]:
    """The device methods the day's plan allows: the one it names (jiedong: face recognition), else both."""
    return (plan.method,) if plan.method else tuple(m.value for m in DEVICE_METHODS)


async def register(session: AsyncSession, *, hall_id: uuid.UUID, method: CheckInMethod, name: str,
                   user_id: uuid.UUID | None, now: datetime) -> tuple[AttendanceDevice, str]:
    if method not in DEVICE_METHODS:
        raise DomainError("VALIDATION_FAILED", {"field": "method", "reason": "考勤设备为考勤机或人脸识别终端",
                                                "reason_en": "an attendance device is a device or face recognition"},
                          field_name="method")
    credential = new_credential("ad")
    device = AttendanceDevice(hall_id=hall_id, method=method.value, credential_hash=credential_hash(credential),
                              name=text(name, field="name", label="设备名称", max_length=100, required=True),
                              registered_by_user_id=user_id, registered_at=now)
    session.add(device)
    await session.flush()
    return device, credential


async def revoke(session: AsyncSession, *, device: AttendanceDevice, now: datetime) -> AttendanceDevice:
    if device.revoked_at is not None:
        raise ConflictError("ATTENDANCE_DEVICE_REVOKED", {"name": device.name})
    device.revoked_at = now
    session.add(device)
    await session.flush()
    return device


async def by_credential(session: AsyncSession, *, credential: str) -> AttendanceDevice | None:
    return (await session.execute(sa.select(AttendanceDevice).where(
        AttendanceDevice.credential_hash == credential_hash(credential),
        AttendanceDevice.revoked_at.is_(None)))).scalar_one_or_none()


def list_statement(*, hall_id: uuid.UUID, include_revoked: bool = False):
    stmt = sa.select(AttendanceDevice).where(AttendanceDevice.hall_id == hall_id)
    if not include_revoked:
        stmt = stmt.where(AttendanceDevice.revoked_at.is_(None))
    return stmt.order_by(AttendanceDevice.registered_at, AttendanceDevice.id)


def unproven(reason: str, reason_en: str, rule_id: str = SERVER_CLOCK_RULE.id) -> RuleViolation:
    return RuleViolation("ATTENDANCE_CHECK_IN_UNPROVEN", [Violation(rule_id, reason, reason_en, "method")])


def check_device(device: AttendanceDevice | None, *, hall_id: uuid.UUID, method: CheckInMethod,
                 plan: CheckInPlan) -> None:
    """The device proves the check-in: registered, active, in the staff member's hall, of an allowed method."""
    rule_id = (plan.rules[0].id if plan.method and plan.rules else SERVER_CLOCK_RULE.id)
    if method.value not in allowed_methods(plan):
        raise unproven(f"本辖区考勤方式为：{'、'.join(CheckInMethod(m).label for m in allowed_methods(plan))}",
                       f"this jurisdiction checks in by: {', '.join(allowed_methods(plan))}", rule_id)
    if device is None:
        raise unproven("考勤须由大厅登记的考勤设备提交（服务器时间），不能自行申报",
                       "a check-in comes from a device the hall registered (at the server's clock), not self-declared")
    if device.hall_id != hall_id or device.method != method.value:
        raise unproven("该考勤设备不属于此大厅或考勤方式不符", "the device is not this hall's or not of this method")
