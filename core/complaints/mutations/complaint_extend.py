"""extendComplaintDeadline: 延期 with what the rule requires: a leader's approval (the caller) and an explanation to the
complainant (nanbu 投诉处理制度)."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.audit.service import snapshot
from core.auth.access import hall_scope, require
from core.complaints import service as complaint_service
from core.complaints.mutations.handling import AUDITED, complaint_for
from core.complaints.types import ComplaintType
from core.db.base import utcnow
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation


@strawberry.input(description="延期 of an accepted complaint: once, by working days on the jurisdiction's calendar")
class ExtendComplaintInput:
    complaint_id: strawberry.ID
    working_days: int = strawberry.field(description="how many working days to add to the deadline")
    explanation: str | None = strawberry.field(
        default=None, description="向投诉人的说明: why it takes longer, as told to the complainant (required where the rule "
                                  "asks for it: nanbu)")


@strawberry.type
class ExtendComplaintSuccess:
    complaint: ComplaintType


ExtendComplaintResult = Annotated[Union[ExtendComplaintSuccess, *ERROR_TYPES], strawberry.union("ExtendComplaintResult")]


async def extend_complaint_deadline(info: Info, input: ExtendComplaintInput) -> ExtendComplaintResult:
    ctx = info.context

    async def body(session, call):
        complaint, hall, _, policy = await complaint_for(session, ctx, call, input.complaint_id, act="handle")
        # What an extension needs is the rule's (ComplaintDeadline.extension_requires): a leader's approval is
        # the leader doing it (`complaint extend`, the hall office leader).
        if "leader_approval" in complaint_service.extension_rule(policy, complaint).extension_requires:
            call.acted(domain=require(ctx, "complaint", "extend", hall_scope(ctx, hall)))
        before = snapshot(complaint, AUDITED)
        await complaint_service.extend_deadline(session, policy=policy, complaint=complaint, working_days=input.working_days,
                                                explanation=input.explanation, user_id=ctx.actor.user_id, now=utcnow())
        call.acted(before=before, after=snapshot(complaint, AUDITED))
        return ExtendComplaintSuccess(complaint=ComplaintType.from_model(complaint))

    return await run_mutation(info, "extendComplaintDeadline", body)
