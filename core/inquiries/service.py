"""首问 services: ``record`` (who is responsible by the jurisdiction's rule) and ``rank_order``."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import DomainError
from core.inquiries.models import FirstInquiry, InquiryOutcome
from core.policy.service import JurisdictionPolicy
from core.policy.types import AskedStaff
from core.staff.models import Staff
from core.windows.models import Window

#: 职级/职务, highest first: a staff member's place in this list is the rank order 首问 compares (unknown: last).
RANKS = ("局长", "副局长", "主任", "副主任", "处长", "副处长", "科长", "副科长", "首席代表", "股长", "主任科员",
         "副主任科员", "科员", "办事员", "工作人员")


def rank_order(staff: Staff) -> int:
    """Smaller is higher; the position (职务) counts before the rank (职级)."""
    orders = [RANKS.index(value) for value in (staff.position, staff.rank) if value in RANKS]
    return min(orders) + 1 if orders else len(RANKS) + 1


async def record(session: AsyncSession, *, policy: JurisdictionPolicy, hall_id: uuid.UUID, staff_numbers: list[str],
                 question: str, outcome: str, handed_to_window: str | None, note: str | None,
                 user_id: uuid.UUID | None, at: datetime) -> tuple[FirstInquiry, Staff]:
    """首问: everyone asked at that moment; the jurisdiction's rule names the one responsible."""
    numbers = list(dict.fromkeys(n.strip() for n in staff_numbers if n and n.strip()))
    if not numbers:
        raise DomainError("VALIDATION_FAILED", {"field": "staffNumbers", "field_label": "被询问人员工号",
                                                "reason": "至少一人", "reason_en": "at least one"})
    staff = (await session.execute(sa.select(Staff).where(Staff.hall_id == hall_id,
                                                          Staff.staff_number.in_(numbers)))).scalars().all()
    unknown = sorted(set(numbers) - {s.staff_number for s in staff})
    if unknown:
        raise DomainError("VALIDATION_FAILED", {"field": "staffNumbers", "field_label": "被询问人员工号",
                                                "reason": "本大厅没有工号 " + "、".join(unknown),
                                                "reason_en": "no staff numbered " + ", ".join(unknown)})
    question = (question or "").strip()
    if not question:
        raise DomainError("VALIDATION_FAILED", {"field": "question", "field_label": "询问事项", "reason": "不能为空",
                                                "reason_en": "must not be empty"})
    window_id = None
    if outcome == InquiryOutcome.HANDED_OVER:
        window = (await session.execute(sa.select(Window).where(
            Window.hall_id == hall_id, Window.number == (handed_to_window or "").strip()))).scalar_one_or_none()
        if window is None:
            raise DomainError("VALIDATION_FAILED", {"field": "handedToWindow", "field_label": "移交窗口",
                                                    "reason": "移交须写明本大厅的窗口号",
                                                    "reason_en": "a hand-over names a window of this hall"})
        window_id = window.id
    if outcome == InquiryOutcome.GUIDED and not (note or "").strip():
        raise DomainError("VALIDATION_FAILED", {"field": "note", "field_label": "指引内容",
                                                "reason": "须写明如何指引", "reason_en": "say how the person was guided"})
    decision = policy.first_asker([AskedStaff(staff_id=str(s.id), asked_at=at, rank_order=rank_order(s))
                                   for s in staff])
    responsible = next(s for s in staff if str(s.id) == decision.responsible_staff_id)
    inquiry = FirstInquiry(hall_id=hall_id, responsible_staff_id=responsible.id,
                           asked_staff_ids=[str(s.id) for s in staff], question=question[:500], outcome=outcome,
                           handed_to_window_id=window_id, note=(note or "").strip()[:1000] or None, asked_at=at,
                           recorded_by_user_id=user_id, rule_ids=[r.id for r in decision.rules])
    session.add(inquiry)
    await session.flush()
    return inquiry, responsible
