"""requestItemChange: 事项调整申请 — time limits, materials, fees or basis (dongguan 6.1.5; dongying Art 4(三))."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.audit.service import snapshot
from core.departments.models import Department
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.items import service as item_service
from core.items.mutations.common import ServiceItemFieldsInput, load_hall, load_item, reason_text, require_proposer
from core.items.models import ItemChange
from core.items.types import HallItemRequestType
from core.policy.access import policy_in_session


@strawberry.input
class RequestItemChangeInput:
    hall_id: strawberry.ID
    item_code: str
    changes: ServiceItemFieldsInput
    reason: str


@strawberry.type
class RequestItemChangeSuccess:
    request: HallItemRequestType


RequestItemChangeResult = Annotated[Union[RequestItemChangeSuccess, *ERROR_TYPES],
                                    strawberry.union("RequestItemChangeResult")]


async def request_item_change(info: Info, input: RequestItemChangeInput) -> RequestItemChangeResult:
    ctx = info.context

    async def body(session, call):
        hall = await load_hall(session, ctx, input.hall_id)
        item = await load_item(session, hall, input.item_code)
        department = await session.get(Department, item.department_id)
        policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
        domain = require_proposer(ctx, policy, ItemChange.CHANGE, department)
        request = await item_service.request_change(
            session, policy=policy, hall=hall,
            department=department, item=item, changes=input.changes.values(), reason=reason_text(input.reason),
            user_id=ctx.actor.user_id, at=ctx.runtime.now())
        call.acted(domain=domain, target_type="HallItemRequest", target_id=request.id,
                   after=snapshot(request, ("change", "status", "item_id", "proposed", "approver_role")))
        return RequestItemChangeSuccess(request=HallItemRequestType.from_model(request))

    return await run_mutation(info, "requestItemChange", body)
