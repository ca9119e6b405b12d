"""decideComplaintAcceptance: 受理 / 不予受理 / 转办, as the jurisdiction's acceptance rule decides (nanbu 投诉处理制度 一(二))."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.audit.service import snapshot
from core.complaints import service as complaint_service
from core.complaints.mutations.handling import AUDITED, complaint_for
from core.complaints.types import ComplaintDecisionType, ComplaintType
from core.db.base import utcnow
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation


@strawberry.input(description="What the hall established; the rule decides from these and the record")
class DecideComplaintInput:
    complaint_id: strawberry.ID
    repeated_without_new_facts: bool = strawberry.field(default=False, description="重复投诉且无新的事实、证据或线索")
    belongs_to_other_procedure: bool = strawberry.field(default=False, description="应通过信访、仲裁、行政复议、诉讼解决")
    outside_remit: bool = strawberry.field(default=False, description="不属于中心职责权限范围")
    involves_law_or_discipline_violation: bool = strawberry.field(default=False, description="涉及违法违纪")


@strawberry.type
class DecideComplaintSuccess:
    complaint: ComplaintType
    decision: ComplaintDecisionType


DecideComplaintResult = Annotated[Union[DecideComplaintSuccess, *ERROR_TYPES], strawberry.union("DecideComplaintResult")]


async def decide_complaint_acceptance(info: Info, input: DecideComplaintInput) -> DecideComplaintResult:
    ctx = info.context

    async def body(session, call):
        complaint, _, _, policy = await complaint_for(session, ctx, call, input.complaint_id)
        before = snapshot(complaint, AUDITED)
        acceptance = await complaint_service.decide(session, policy=policy, complaint=complaint, now=utcnow(),
                                                    judgement=complaint_service.Judgement(
                                                        repeated_without_new_facts=input.repeated_without_new_facts,
                                                        belongs_to_other_procedure=input.belongs_to_other_procedure,
                                                        outside_remit=input.outside_remit,
                                                        involves_law_or_discipline_violation=input.involves_law_or_discipline_violation))
        call.acted(before=before, after=snapshot(complaint, AUDITED))
        return DecideComplaintSuccess(complaint=ComplaintType.from_model(complaint),
                                      decision=ComplaintDecisionType.from_acceptance(acceptance))

    return await run_mutation(info, "decideComplaintAcceptance", body)
