"""加班登记 and 非工作时间进入登记 (R3: panyu Art 84 "非工作时间…进入…登记手续；进驻部门如需加班，须在区政数局登记备案";
nanbu 安全保卫制度 七 / 考勤制度 五(二) "下班后如需加班，需报告"). One service: register, list."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.attendance.models import AfterHoursKind, AfterHoursRegistration
from core.errors import DomainError, RuleViolation
from core.policy.attendance import HOLIDAY_OVERTIME_RULE
from core.policy.service import JurisdictionPolicy
from core.policy.types import Violation
from core.staff.models import Staff
from core.timezones import SHANGHAI
from core.validation import text

MAX_SPAN = timedelta(hours=24)


def _within_hours(policy: JurisdictionPolicy, starts_at: datetime, ends_at: datetime) -> bool:
    """Whether the span lies wholly inside the staff's working hours of a working day (then it is not after hours)."""
    start, end = starts_at.astimezone(SHANGHAI), ends_at.astimezone(SHANGHAI)
    if start.date() != end.date():
        return False
    hours = policy.staff_hours(start.date())
    if not hours.working or hours.sign_in_by is None or hours.sign_out_from is None:
        return False
    return hours.sign_in_by <= start.time() and end.time() <= hours.sign_out_from


async def register(session: AsyncSession, *, policy: JurisdictionPolicy, staff: Staff, kind: AfterHoursKind,
                   starts_at: datetime, ends_at: datetime, purpose: str, user_id: uuid.UUID | None) -> AfterHoursRegistration:
    if not starts_at < ends_at <= starts_at + MAX_SPAN:
        raise DomainError("VALIDATION_FAILED", {"field": "endsAt", "reason": "须晚于开始时间且不超过24小时",
                                                "reason_en": "must be after the start and within 24 hours"}, "endsAt")
    if _within_hours(policy, starts_at, ends_at):
        raise RuleViolation("AFTER_HOURS_DURING_WORKING_HOURS", [Violation(
            HOLIDAY_OVERTIME_RULE.id, "该时段在正常工作时间内，无需加班或进入登记",
            "the span is within working hours: nothing to register", "startsAt")])
    row = AfterHoursRegistration(
        hall_id=staff.hall_id, staff_id=staff.id, department_id=staff.department_id, kind=kind.value,
        starts_at=starts_at, ends_at=ends_at,
        purpose=text(purpose, field="purpose", label="事由", max_length=500, required=True),
        rule_ids=[HOLIDAY_OVERTIME_RULE.id], registered_by_user_id=user_id)
    session.add(row)
    await session.flush()
    return row


def list_statement(*, hall_id: uuid.UUID, start: datetime | None, end: datetime | None,
                   kind: AfterHoursKind | None = None) -> sa.Select:
    stmt = sa.select(AfterHoursRegistration).where(AfterHoursRegistration.hall_id == hall_id)
    if start is not None:
        stmt = stmt.where(AfterHoursRegistration.ends_at > start)
    if end is not None:
        stmt = stmt.where(AfterHoursRegistration.starts_at < end)
    if kind is not None:
        stmt = stmt.where(AfterHoursRegistration.kind == kind.value)
    return stmt
