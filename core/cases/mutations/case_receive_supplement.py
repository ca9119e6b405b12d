"""receiveSupplement: 材料补齐 — start, resume or keep the promise (容缺受理)."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.cases import service as case_service
from core.cases.access import require_case_write
from core.cases.mutations.common import load_case
from core.cases.types import CaseType, CreditRecordType
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation


@strawberry.input(description="The applicant has supplied every material the notice listed (today)")
class ReceiveSupplementInput:
    serial_number: str


@strawberry.type
class ReceiveSupplementSuccess:
    case: CaseType
    credit_record: CreditRecordType | None = strawberry.field(description="失信记录, when a 容缺 supplement came late")


ReceiveSupplementResult = Annotated[Union[ReceiveSupplementSuccess, *ERROR_TYPES],
                                    strawberry.union("ReceiveSupplementResult")]


async def receive_supplement(info: Info, input: ReceiveSupplementInput) -> ReceiveSupplementResult:
    ctx = info.context

    async def body(session, call):
        loaded = await load_case(session, ctx, input.serial_number)
        call.acted(target_type="Case", target_id=loaded.case.id)
        domain = require_case_write(ctx, loaded.hall, loaded.department)
        before = loaded.snapshot()
        credit = await case_service.receive_supplement(session, policy=loaded.policy, case=loaded.case,
                                                       item=loaded.item, at=loaded.now)
        call.acted(domain=domain, before=before, after=loaded.snapshot())
        return ReceiveSupplementSuccess(case=CaseType.from_model(loaded.case),
                                        credit_record=CreditRecordType.from_model(credit) if credit else None)

    return await run_mutation(info, "receiveSupplement", body)
