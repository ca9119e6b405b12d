"""recordWorkOrderFollowUp: 回访 — the hall office calls the caller back about the reply."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from core.work_orders import service as work_order_service
from core.work_orders.mutations.common import WorkOrderResult, step


@strawberry.input
class RecordWorkOrderFollowUpInput:
    work_order_id: strawberry.ID
    satisfied: bool = strawberry.field(description="was the caller satisfied with the reply")
    note: str | None = None


async def record_work_order_follow_up(info: Info, input: RecordWorkOrderFollowUpInput) -> WorkOrderResult:
    async def change(session, *, order, policy, user_id, at):
        await work_order_service.record_follow_up(session, order=order, satisfied=input.satisfied, note=input.note, user_id=user_id, at=at)

    return await step(info, "recordWorkOrderFollowUp", input.work_order_id, "supervise", change)
