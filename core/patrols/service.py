"""Patrol services: a supervisor records what a patrol saw (nanbu 巡查制度; panyu Art 58(三); dongying Art 8(三))."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import DomainError
from core.patrols.models import PatrolCategory, PatrolRecord
from core.staff.models import Staff
from core.windows.models import Window


async def record(session: AsyncSession, *, hall_id: uuid.UUID, category: PatrolCategory, patrolled_at: datetime,
                 staff: Staff | None, window: Window | None, compliant: bool, finding: str | None,
                 recorded_by: uuid.UUID | None, recorded_by_name: str | None, now: datetime) -> PatrolRecord:
    """One observation; a finding (not compliant) must say what was seen."""
    if patrolled_at > now:
        raise DomainError("VALIDATION_FAILED", {"field": "patrolledAt", "reason": "不能晚于当前时间",
                                                "reason_en": "cannot be in the future"}, "patrolledAt")
    if staff is None and window is None:
        raise DomainError("VALIDATION_FAILED", {"field": "staffId", "reason": "须指明被巡查的人员或窗口",
                                                "reason_en": "name the staff member or the window patrolled"}, "staffId")
    for row, field in ((staff, "staffId"), (window, "windowId")):
        if row is not None and row.hall_id != hall_id:
            raise DomainError("VALIDATION_FAILED", {"field": field, "reason": "不属于本厅",
                                                    "reason_en": "is not in this hall"}, field)
    if not compliant and not (finding or "").strip():
        raise DomainError("VALIDATION_FAILED", {"field": "finding", "reason": "发现问题须写明情况",
                                                "reason_en": "a finding must say what was seen"}, "finding")
    patrol = PatrolRecord(hall_id=hall_id, category=category, patrolled_at=patrolled_at,
                          staff_id=staff.id if staff else None, window_id=window.id if window else None,
                          compliant=compliant, finding=(finding or "").strip() or None, recorded_by=recorded_by,
                          recorded_by_name=recorded_by_name)
    session.add(patrol)
    await session.flush()
    return patrol


def list_statement(*, hall_ids=None, department_ids=None, staff_id=None, window_id=None, categories=None,
                   findings_only: bool = False, from_at=None, to_at=None) -> sa.Select:
    stmt = sa.select(PatrolRecord.__table__)
    if hall_ids is not None:
        stmt = stmt.where(PatrolRecord.hall_id.in_(hall_ids))
    if department_ids is not None:
        stmt = stmt.where(PatrolRecord.staff_id.in_(sa.select(Staff.id).where(Staff.department_id.in_(department_ids))))
    if staff_id is not None:
        stmt = stmt.where(PatrolRecord.staff_id == staff_id)
    if window_id is not None:
        stmt = stmt.where(PatrolRecord.window_id == window_id)
    if categories:
        stmt = stmt.where(PatrolRecord.category.in_(categories))
    if findings_only:
        stmt = stmt.where(PatrolRecord.compliant.is_(False))
    if from_at is not None:
        stmt = stmt.where(PatrolRecord.patrolled_at >= from_at)
    if to_at is not None:
        stmt = stmt.where(PatrolRecord.patrolled_at < to_at)
    return stmt
