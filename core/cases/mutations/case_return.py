"""returnCase: 退件 — the application does not qualify and goes back with the reason.

Where 无否决权 applies (tingwu_refusal_review), a window may not return a case on its own: REFUSAL_NEEDS_REVIEW;
the refusal goes through proposeCaseReturn and reviewCaseReturn instead.
"""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.cases import service as case_service
from core.cases.access import require_case_write
from core.cases.mutations.common import load_case
from core.cases.types import CaseType
from core.errors import DomainError
from core.graphql.errors import RULED_ERROR_TYPES
from core.graphql.mutations import run_mutation


@strawberry.input
class ReturnCaseInput:
    serial_number: str
    reason: str = strawberry.field(description="退回理由, told to the applicant")


@strawberry.type
class ReturnCaseSuccess:
    case: CaseType


ReturnCaseResult = Annotated[Union[ReturnCaseSuccess, *RULED_ERROR_TYPES], strawberry.union("ReturnCaseResult")]


def reason_or_error(text: str, field: str = "reason") -> str:
    reason = text.strip()
    if not reason:
        raise DomainError("VALIDATION_FAILED", {"field": field, "field_label": "理由",
                                                "reason": "不能为空", "reason_en": "must not be empty"})
    return reason[:500]


async def return_case(info: Info, input: ReturnCaseInput) -> ReturnCaseResult:
    ctx = info.context

    async def body(session, call):
        loaded = await load_case(session, ctx, input.serial_number)
        call.acted(target_type="Case", target_id=loaded.case.id)
        domain = require_case_write(ctx, loaded.hall, loaded.department)
        if loaded.policy.refusal_review().required:  # 无否决权: proposeCaseReturn, then a second person's review
            from core.refusals.service import needs_review_error
            raise needs_review_error(loaded.policy)
        before = loaded.snapshot()
        await case_service.return_case(session, case=loaded.case, reason=reason_or_error(input.reason), at=loaded.now)
        call.acted(domain=domain, before=before, after=loaded.snapshot())
        return ReturnCaseSuccess(case=CaseType.from_model(loaded.case))

    return await run_mutation(info, "returnCase", body)
