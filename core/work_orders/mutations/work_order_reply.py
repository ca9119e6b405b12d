"""replyWorkOrder: 答复 — the unit's answer (after the deadline it counts as overdue)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from core.work_orders import service as work_order_service
from core.work_orders.mutations.common import WorkOrderResult, step


@strawberry.input
class ReplyWorkOrderInput:
    work_order_id: strawberry.ID
    reply: str = strawberry.field(description="答复内容")


async def reply_work_order(info: Info, input: ReplyWorkOrderInput) -> WorkOrderResult:
    async def change(session, *, order, policy, user_id, at):
        await work_order_service.reply(session, order=order, text=input.reply, user_id=user_id, at=at)

    return await step(info, "replyWorkOrder", input.work_order_id, "handle", change)
