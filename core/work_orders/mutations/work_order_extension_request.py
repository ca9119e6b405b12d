"""requestWorkOrderExtension: 申请延期 — before the deadline, within the jurisdiction's limits."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from core.work_orders import service as work_order_service
from core.work_orders.mutations.common import WorkOrderResult, step


@strawberry.input
class RequestWorkOrderExtensionInput:
    work_order_id: strawberry.ID
    days: int = strawberry.field(description="working days asked for")
    reason: str


async def request_work_order_extension(info: Info, input: RequestWorkOrderExtensionInput) -> WorkOrderResult:
    async def change(session, *, order, policy, user_id, at):
        await work_order_service.request_extension(session, policy=policy, order=order, days=input.days, reason=input.reason, user_id=user_id, at=at)

    return await step(info, "requestWorkOrderExtension", input.work_order_id, "handle", change)
