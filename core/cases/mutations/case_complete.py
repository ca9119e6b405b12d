"""completeCase: 办结 — the decision (准予/不予). Business decisions are the department's, through its chief
representative (jiedong Art 4; dongguan 6.3.2b); window staff complete 即办件 on the spot."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.auth.access import department_scope, require
from core.cases import service as case_service
from core.cases.access import require_case_write
from core.cases.models import CaseCategory, CaseOutcome
from core.cases.mutations.common import load_case
from core.cases.types import CaseType
from core.graphql.enums import CaseOutcomeEnum
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.notifications import service as notification_service
from core.policy.notifications import NotificationKind


@strawberry.input
class CompleteCaseInput:
    serial_number: str
    outcome: CaseOutcomeEnum = strawberry.field(description="准予办理 / 不予办理")


@strawberry.type
class CompleteCaseSuccess:
    case: CaseType


CompleteCaseResult = Annotated[Union[CompleteCaseSuccess, *ERROR_TYPES], strawberry.union("CompleteCaseResult")]


async def complete_case(info: Info, input: CompleteCaseInput) -> CompleteCaseResult:
    ctx = info.context

    async def body(session, call):
        loaded = await load_case(session, ctx, input.serial_number)
        call.acted(target_type="Case", target_id=loaded.case.id)
        if loaded.case.category == CaseCategory.INSTANT:
            domain = require_case_write(ctx, loaded.hall, loaded.department)
        else:
            domain = require(ctx, "case_decision", "approve", department_scope(ctx, loaded.department))
        before = loaded.snapshot()
        await case_service.complete(session, case=loaded.case, outcome=input.outcome.value, at=loaded.now)
        call.acted(domain=domain, before=before, after=loaded.snapshot())
        await notification_service.enqueue(
            session, plugins=ctx.plugins, jurisdiction=loaded.hall.jurisdiction_code, hall_id=loaded.hall.id,
            kind=NotificationKind.CASE_COMPLETED, phone=loaded.case.applicant_phone,
            values={"hall": loaded.hall.name, "serial": loaded.case.serial_number, "item": loaded.item.name,
                    "result": CaseOutcome(loaded.case.outcome).label if loaded.case.outcome else "已办结"},
            dedupe_key=f"completed:{loaded.case.id}", at=loaded.now)
        return CompleteCaseSuccess(case=CaseType.from_model(loaded.case))

    return await run_mutation(info, "completeCase", body)
