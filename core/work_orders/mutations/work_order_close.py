"""closeWorkOrder: 办结 — a replied order after its follow-up call, or a sent-back one."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from core.work_orders import service as work_order_service
from core.work_orders.mutations.common import WorkOrderResult, step


@strawberry.input
class CloseWorkOrderInput:
    work_order_id: strawberry.ID


async def close_work_order(info: Info, input: CloseWorkOrderInput) -> WorkOrderResult:
    async def change(session, *, order, policy, user_id, at):
        await work_order_service.close(session, order=order, user_id=user_id, at=at)

    return await step(info, "closeWorkOrder", input.work_order_id, "supervise", change)
