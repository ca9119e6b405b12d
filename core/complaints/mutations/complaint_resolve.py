"""resolveComplaint: 处理结果; a complaint found malicious goes to the jurisdiction's blacklist rule (nanbu 三(二))."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.audit.service import snapshot
from core.complaints import service as complaint_service
from core.complaints.mutations.handling import AUDITED, complaint_for
from core.complaints.types import ComplaintType
from core.db.base import utcnow
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.rules import RuleReferenceType


@strawberry.input(description="处理结果 of an accepted complaint")
class ResolveComplaintInput:
    complaint_id: strawberry.ID
    resolution: str = strawberry.field(description="what was found and what was done")
    substantiated: bool = strawberry.field(description="投诉属实")
    fabricated_facts: bool = strawberry.field(default=False, description="捏造事实: a malicious complaint")
    forged_evidence: bool = strawberry.field(default=False, description="伪造证据: a malicious complaint")


@strawberry.type(name="BlacklistDecision", description="黑名单: whether the complainant was blacklisted, and what follows")
class BlacklistDecisionType:
    blacklisted: bool
    consequences: list[str] = strawberry.field(description="e.g. blacklist, public_exposure, notify_employer")
    rules: list[RuleReferenceType]


@strawberry.type
class ResolveComplaintSuccess:
    complaint: ComplaintType
    blacklist: BlacklistDecisionType | None = strawberry.field(description="null unless the complaint was found malicious")


ResolveComplaintResult = Annotated[Union[ResolveComplaintSuccess, *ERROR_TYPES], strawberry.union("ResolveComplaintResult")]


async def resolve_complaint(info: Info, input: ResolveComplaintInput) -> ResolveComplaintResult:
    ctx = info.context

    async def body(session, call):
        complaint, _, _, policy = await complaint_for(session, ctx, call, input.complaint_id)
        before = snapshot(complaint, AUDITED)
        _, decision = await complaint_service.resolve(
            session, policy=policy, complaint=complaint, resolution=input.resolution, substantiated=input.substantiated,
            fabricated_facts=input.fabricated_facts, forged_evidence=input.forged_evidence,
            user_id=ctx.actor.user_id, now=utcnow(),
        )
        after = snapshot(complaint, AUDITED) | {"blacklisted": bool(decision and decision.blacklist)}
        call.acted(before=before, after=after)
        blacklist = None
        if decision is not None:
            blacklist = BlacklistDecisionType(blacklisted=decision.blacklist, consequences=list(decision.consequences),
                                              rules=RuleReferenceType.many(decision.rules))
        return ResolveComplaintSuccess(complaint=ComplaintType.from_model(complaint), blacklist=blacklist)

    return await run_mutation(info, "resolveComplaint", body)
