"""sendBackWorkOrder: 退单 — not this unit's remit; back to the hall office with the reason."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from core.work_orders import service as work_order_service
from core.work_orders.mutations.common import WorkOrderResult, step


@strawberry.input
class SendBackWorkOrderInput:
    work_order_id: strawberry.ID
    reason: str = strawberry.field(description="退单理由: why it is not this unit's")


async def send_back_work_order(info: Info, input: SendBackWorkOrderInput) -> WorkOrderResult:
    async def change(session, *, order, policy, user_id, at):
        await work_order_service.send_back(session, order=order, reason=input.reason, user_id=user_id, at=at)

    return await step(info, "sendBackWorkOrder", input.work_order_id, "handle", change)
