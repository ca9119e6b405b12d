"""signWorkOrder: 签收 — the unit takes the order on (late after its sign-by day)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from core.work_orders import service as work_order_service
from core.work_orders.mutations.common import WorkOrderResult, step


@strawberry.input
class SignWorkOrderInput:
    work_order_id: strawberry.ID


async def sign_work_order(info: Info, input: SignWorkOrderInput) -> WorkOrderResult:
    async def change(session, *, order, policy, user_id, at):
        await work_order_service.sign(session, order=order, user_id=user_id, at=at)

    return await step(info, "signWorkOrder", input.work_order_id, "handle", change)
