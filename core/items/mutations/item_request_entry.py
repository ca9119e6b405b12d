"""requestItemEntry: 事项进驻申请 by the owning department (dongguan 6.1.3)."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.audit.service import snapshot
from core.errors import DomainError
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.items import service as item_service
from core.items.mutations.common import (
    NewServiceItemInput,
    load_department,
    load_hall,
    load_item,
    reason_text,
    require_proposer,
)
from core.items.models import ItemChange
from core.items.types import HallItemRequestType
from core.policy.access import policy_in_session


@strawberry.input
class RequestItemEntryInput:
    hall_id: strawberry.ID
    department_id: strawberry.ID = strawberry.field(description="the owning department")
    item_code: str | None = strawberry.field(default=None, description="an item already in the catalogue")
    new_item: NewServiceItemInput | None = strawberry.field(default=None, description="or a new item of the catalogue")
    reason: str


@strawberry.type
class RequestItemEntrySuccess:
    request: HallItemRequestType


RequestItemEntryResult = Annotated[Union[RequestItemEntrySuccess, *ERROR_TYPES], strawberry.union("RequestItemEntryResult")]


async def request_item_entry(info: Info, input: RequestItemEntryInput) -> RequestItemEntryResult:
    ctx = info.context

    async def body(session, call):
        hall = await load_hall(session, ctx, input.hall_id)
        department = await load_department(session, hall, input.department_id)
        policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
        domain = require_proposer(ctx, policy, ItemChange.ENTRY, department)
        if (input.item_code is None) == (input.new_item is None):
            raise DomainError("VALIDATION_FAILED", {"field": "itemCode", "field_label": "事项",
                                                    "reason": "须指定已有事项或新事项之一",
                                                    "reason_en": "give either an existing item or a new one"})
        item = await load_item(session, hall, input.item_code) if input.item_code else None
        request = await item_service.request_entry(
            session, policy=policy, hall=hall,
            department=department, item=item, new_item=input.new_item.values() if input.new_item else None,
            reason=reason_text(input.reason), user_id=ctx.actor.user_id, at=ctx.runtime.now())
        call.acted(domain=domain, target_type="HallItemRequest", target_id=request.id,
                   after=snapshot(request, ("change", "status", "item_id", "proposed", "approver_role")))
        return RequestItemEntrySuccess(request=HallItemRequestType.from_model(request))

    return await run_mutation(info, "requestItemEntry", body)
