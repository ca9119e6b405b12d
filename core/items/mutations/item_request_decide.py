"""decideItemRequest: the approver the jurisdiction names approves or rejects (hall office by default;
dongying Art 4: the district government); an approval is applied and announced (公示)."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.auth.access import hall_scope, jurisdiction_scope, require
from core.errors import DomainError, NotFoundError
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.halls.models import Hall
from core.items import service as item_service
from core.items.models import HallItemRequest
from core.items.types import HallItemRequestType, ItemNoticeType, ServiceItemType

#: The permission each approver of the policy answers with (``ItemChangeApproval.approver.role``).
APPROVER_PERMISSIONS = {"hall_office": "approve", "government": "government_approve"}


@strawberry.input
class DecideItemRequestInput:
    request_id: strawberry.ID
    approve: bool
    note: str | None = strawberry.field(default=None, description="审批意见 (required when rejecting)")


@strawberry.type
class DecideItemRequestSuccess:
    request: HallItemRequestType
    item: ServiceItemType | None
    notice: ItemNoticeType | None = strawberry.field(description="公示, when approved")


DecideItemRequestResult = Annotated[Union[DecideItemRequestSuccess, *ERROR_TYPES],
                                    strawberry.union("DecideItemRequestResult")]


def require_approver(ctx, request: HallItemRequest, hall: Hall) -> str:
    act = APPROVER_PERMISSIONS.get(request.approver_role)
    if act is None:
        raise DomainError("POLICY_NO_ANSWER", {"reason": f"unknown approver {request.approver_role}"})
    scope = jurisdiction_scope(ctx, hall.jurisdiction_code) if act == "government_approve" else hall_scope(ctx, hall)
    return require(ctx, "hall_item", act, scope)


async def decide_item_request(info: Info, input: DecideItemRequestInput) -> DecideItemRequestResult:
    ctx = info.context

    async def body(session, call):
        request = await session.get(HallItemRequest, from_global_id(input.request_id, "HallItemRequest")[1],
                                    with_for_update=True)
        hall = await session.get(Hall, request.hall_id) if request else None
        if request is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("事项申请", "Item request")
        call.acted(target_type="HallItemRequest", target_id=request.id)
        domain = require_approver(ctx, request, hall)
        note = (input.note or "").strip() or None
        before = {"status": request.status}
        item = notice = None
        if input.approve:
            item, notice = await item_service.approve(session, request=request, hall=hall, user_id=ctx.actor.user_id,
                                                      note=note, at=ctx.runtime.now())
        else:
            if note is None:
                raise DomainError("VALIDATION_FAILED", {"field": "note", "field_label": "审批意见",
                                                        "reason": "不予批准须说明理由",
                                                        "reason_en": "a rejection needs its reason"})
            await item_service.reject(session, request=request, user_id=ctx.actor.user_id, note=note,
                                      at=ctx.runtime.now())
        call.acted(domain=domain, before=before, after={"status": request.status,
                                                        "notice": notice.title if notice else None})
        return DecideItemRequestSuccess(request=HallItemRequestType.from_model(request),
                                        item=ServiceItemType.from_model(item) if item else None,
                                        notice=ItemNoticeType.from_model(notice) if notice else None)

    return await run_mutation(info, "decideItemRequest", body)
