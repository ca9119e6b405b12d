"""reviewCaseReturn: 退件复核 — a second person (hall office, supervisor, leader on duty or the department's chief
representative; never the proposer) approves the return or sends the case back to be handled."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.auth.access import allowed_domain, department_scope, hall_scope, require
from core.cases.mutations.common import load_case
from core.cases.types import CaseType
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.refusals import service as refusal_service
from core.refusals.types import CaseReturnReviewType


@strawberry.input
class ReviewCaseReturnInput:
    serial_number: str
    approve: bool
    note: str | None = strawberry.field(default=None, description="复核意见")


@strawberry.type
class ReviewCaseReturnSuccess:
    review: CaseReturnReviewType
    case: CaseType


ReviewCaseReturnResult = Annotated[Union[ReviewCaseReturnSuccess, *ERROR_TYPES],
                                   strawberry.union("ReviewCaseReturnResult")]


def require_reviewer(ctx, hall, department) -> str:
    domain = allowed_domain(ctx, "case", "review_return", hall_scope(ctx, hall))
    if domain is None and department is not None:
        domain = allowed_domain(ctx, "case", "review_return", department_scope(ctx, department))
    return domain or require(ctx, "case", "review_return", hall_scope(ctx, hall))


async def review_case_return(info: Info, input: ReviewCaseReturnInput) -> ReviewCaseReturnResult:
    ctx = info.context

    async def body(session, call):
        loaded = await load_case(session, ctx, input.serial_number)
        call.acted(target_type="Case", target_id=loaded.case.id)
        domain = require_reviewer(ctx, loaded.hall, loaded.department)
        proposal = await refusal_service.pending_for(session, case_id=loaded.case.id)
        if proposal is None:
            from core.errors import NotFoundError
            raise NotFoundError(f"办件 {loaded.case.serial_number} 的退件申请",
                                f"A proposed return of case {loaded.case.serial_number}")
        before = loaded.snapshot()
        await refusal_service.review(session, proposal=proposal, case=loaded.case, approve=input.approve,
                                     note=input.note, user_id=ctx.actor.user_id if ctx.actor else None, at=loaded.now)
        call.acted(domain=domain, target_type="CaseReturnReview", target_id=proposal.id, before=before,
                   after={**loaded.snapshot(), "review": proposal.status})
        return ReviewCaseReturnSuccess(review=CaseReturnReviewType.from_model(proposal),
                                       case=CaseType.from_model(loaded.case))

    return await run_mutation(info, "reviewCaseReturn", body)
