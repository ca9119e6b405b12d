"""Refusal review mutations (无否决权)."""

from __future__ import annotations

import strawberry

from core.refusals.mutations.refusal_propose import ProposeCaseReturnResult, propose_case_return
from core.refusals.mutations.refusal_review import ReviewCaseReturnResult, review_case_return


@strawberry.type
class RefusalMutation:
    propose_case_return: ProposeCaseReturnResult = strawberry.mutation(
        resolver=propose_case_return, description="退件申请: where 无否决权 applies, a window proposes a refusal")
    review_case_return: ReviewCaseReturnResult = strawberry.mutation(
        resolver=review_case_return, description="退件复核: a second person approves (the case is returned) or not")
