"""requestItemWithdrawal: 事项撤出申请 (dongguan 6.1.6a)."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.audit.service import snapshot
from core.departments.models import Department
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.items import service as item_service
from core.items.mutations.common import load_hall, load_item, reason_text, require_proposer
from core.items.models import ItemChange
from core.items.types import HallItemRequestType
from core.policy.access import policy_in_session


@strawberry.input
class RequestItemWithdrawalInput:
    hall_id: strawberry.ID
    item_code: str
    reason: str = strawberry.field(description="e.g. 依法取消, 停止实施, 协商撤出")


@strawberry.type
class RequestItemWithdrawalSuccess:
    request: HallItemRequestType


RequestItemWithdrawalResult = Annotated[Union[RequestItemWithdrawalSuccess, *ERROR_TYPES],
                                        strawberry.union("RequestItemWithdrawalResult")]


async def request_item_withdrawal(info: Info, input: RequestItemWithdrawalInput) -> RequestItemWithdrawalResult:
    ctx = info.context

    async def body(session, call):
        hall = await load_hall(session, ctx, input.hall_id)
        item = await load_item(session, hall, input.item_code)
        department = await session.get(Department, item.department_id)
        policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
        domain = require_proposer(ctx, policy, ItemChange.WITHDRAWAL, department)
        request = await item_service.request_withdrawal(
            session, policy=policy, hall=hall,
            department=department, item=item, reason=reason_text(input.reason), user_id=ctx.actor.user_id,
            at=ctx.runtime.now())
        call.acted(domain=domain, target_type="HallItemRequest", target_id=request.id,
                   after=snapshot(request, ("change", "status", "item_id", "approver_role")))
        return RequestItemWithdrawalSuccess(request=HallItemRequestType.from_model(request))

    return await run_mutation(info, "requestItemWithdrawal", body)
