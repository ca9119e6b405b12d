"""decideWorkOrderExtension: 延期审批 — the hall office approves (the deadline moves by working days) or denies."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from core.work_orders import service as work_order_service
from core.work_orders.mutations.common import WorkOrderResult, step


@strawberry.input
class DecideWorkOrderExtensionInput:
    work_order_id: strawberry.ID
    approve: bool
    note: str | None = None


async def decide_work_order_extension(info: Info, input: DecideWorkOrderExtensionInput) -> WorkOrderResult:
    async def change(session, *, order, policy, user_id, at):
        await work_order_service.decide_extension(session, policy=policy, order=order, approve=input.approve, note=input.note, user_id=user_id, at=at)

    return await step(info, "decideWorkOrderExtension", input.work_order_id, "supervise", change)
