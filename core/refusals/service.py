"""Refusal review services: ``propose``, ``review``, ``pending_for``."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.cases import service as case_service
from core.cases.models import OPEN_STATUSES, Case
from core.errors import DomainError, RuleViolation
from core.items.models import ServiceItem
from core.policy.service import JurisdictionPolicy
from core.policy.types import Violation
from core.refusals.models import CaseReturnReview, RefusalStatus


def needs_review_error(policy: JurisdictionPolicy) -> RuleViolation:
    review = policy.refusal_review()
    return RuleViolation("REFUSAL_NEEDS_REVIEW", [Violation(
        rule_id=rule.id, message_zh="窗口不能自行退件：请提出退件申请，经第二人复核同意后退回",
        message_en="a window may not refuse on its own: propose the return for a second person's review")
        for rule in review.rules])


async def pending_for(session: AsyncSession, *, case_id: uuid.UUID) -> CaseReturnReview | None:
    return (await session.execute(sa.select(CaseReturnReview).where(
        CaseReturnReview.case_id == case_id, CaseReturnReview.status == RefusalStatus.PENDING))).scalar_one_or_none()


async def propose(session: AsyncSession, *, policy: JurisdictionPolicy, case: Case, item: ServiceItem, reason: str,
                  tolerance_offered: bool, user_id: uuid.UUID | None, at: datetime) -> CaseReturnReview:
    """退件申请: the reason and (where the item allows 容缺受理 and the rule asks it) that it was offered."""
    if case.status not in OPEN_STATUSES:
        raise case_service._state_error(case, "申请退件", "proposed for return")
    review_rule = policy.refusal_review()
    if review_rule.tolerance_first and item.tolerance_acceptance_allowed and not tolerance_offered:
        raise RuleViolation("TOLERANCE_NOT_OFFERED", [Violation(
            rule_id=rule.id, message_zh=f"事项“{item.name}”可容缺受理：退件前须先告知并提供容缺后补",
            message_en=f"item {item.name} allows acceptance with deficiency: offer 容缺后补 before refusing",
            field="toleranceOffered") for rule in review_rule.rules])
    if await pending_for(session, case_id=case.id) is not None:
        raise DomainError("REFUSAL_PENDING", {"serial_number": case.serial_number})
    proposal = CaseReturnReview(case_id=case.id, open_key=str(case.id), reason=reason,
                                tolerance_offered=tolerance_offered, proposed_by_user_id=user_id, proposed_at=at,
                                rule_ids=[r.id for r in review_rule.rules])
    session.add(proposal)
    await session.flush()
    return proposal


async def review(session: AsyncSession, *, proposal: CaseReturnReview, case: Case, approve: bool, note: str | None,
                 user_id: uuid.UUID | None, at: datetime) -> None:
    """退件复核 by a second person: approved, the case is returned with the proposal's reason; rejected, it goes on."""
    if proposal.status != RefusalStatus.PENDING:
        raise DomainError("REFUSAL_ALREADY_REVIEWED", {"serial_number": case.serial_number})
    if user_id is not None and user_id == proposal.proposed_by_user_id:
        raise DomainError("REFUSAL_SAME_PERSON", {"serial_number": case.serial_number})
    proposal.status = RefusalStatus.APPROVED if approve else RefusalStatus.REJECTED
    proposal.reviewed_by_user_id, proposal.reviewed_at = user_id, at
    proposal.review_note = (note or "").strip()[:1000] or None
    proposal.open_key = None
    await session.flush()
    if approve:
        await case_service.return_case(session, case=case, reason=proposal.reason, at=at)
