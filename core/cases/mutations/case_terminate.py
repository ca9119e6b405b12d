"""terminateCase: 终止办理, usually on the applicant's request (watched for repeats, panyu Art 21)."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.cases import service as case_service
from core.cases.access import require_case_write
from core.cases.mutations.case_return import reason_or_error
from core.cases.mutations.common import load_case
from core.cases.types import CaseType
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation


@strawberry.input
class TerminateCaseInput:
    serial_number: str
    reason: str
    on_request: bool = strawberry.field(default=True, description="申请人主动申请终止")


@strawberry.type
class TerminateCaseSuccess:
    case: CaseType


TerminateCaseResult = Annotated[Union[TerminateCaseSuccess, *ERROR_TYPES], strawberry.union("TerminateCaseResult")]


async def terminate_case(info: Info, input: TerminateCaseInput) -> TerminateCaseResult:
    ctx = info.context

    async def body(session, call):
        loaded = await load_case(session, ctx, input.serial_number)
        call.acted(target_type="Case", target_id=loaded.case.id)
        domain = require_case_write(ctx, loaded.hall, loaded.department)
        before = loaded.snapshot()
        await case_service.terminate(session, policy=loaded.policy, case=loaded.case, item=loaded.item,
                                     reason=reason_or_error(input.reason), on_request=input.on_request, at=loaded.now)
        call.acted(domain=domain, before=before, after=loaded.snapshot())
        return TerminateCaseSuccess(case=CaseType.from_model(loaded.case))

    return await run_mutation(info, "terminateCase", body)
