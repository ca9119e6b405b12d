"""proposeCaseReturn: 退件申请 — the window proposes a refusal for a second person's review (无否决权)."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.cases.access import require_case_write
from core.cases.mutations.case_return import reason_or_error
from core.cases.mutations.common import load_case
from core.graphql.errors import RULED_ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.refusals import service as refusal_service
from core.refusals.types import CaseReturnReviewType


@strawberry.input
class ProposeCaseReturnInput:
    serial_number: str
    reason: str = strawberry.field(description="退件理由, told to the applicant once approved")
    tolerance_offered: bool = strawberry.field(
        default=False, description="容缺后补 was offered and declined (required where the item allows it)")


@strawberry.type
class ProposeCaseReturnSuccess:
    review: CaseReturnReviewType


ProposeCaseReturnResult = Annotated[Union[ProposeCaseReturnSuccess, *RULED_ERROR_TYPES],
                                    strawberry.union("ProposeCaseReturnResult")]


async def propose_case_return(info: Info, input: ProposeCaseReturnInput) -> ProposeCaseReturnResult:
    ctx = info.context

    async def body(session, call):
        loaded = await load_case(session, ctx, input.serial_number)
        call.acted(target_type="Case", target_id=loaded.case.id)
        domain = require_case_write(ctx, loaded.hall, loaded.department)
        proposal = await refusal_service.propose(
            session, policy=loaded.policy, case=loaded.case, item=loaded.item, reason=reason_or_error(input.reason),
            tolerance_offered=input.tolerance_offered, user_id=ctx.actor.user_id if ctx.actor else None,
            at=loaded.now)
        call.acted(domain=domain, target_type="CaseReturnReview", target_id=proposal.id,
                   after={"status": proposal.status, "tolerance_offered": proposal.tolerance_offered})
        return ProposeCaseReturnSuccess(review=CaseReturnReviewType.from_model(proposal))

    return await run_mutation(info, "proposeCaseReturn", body)
