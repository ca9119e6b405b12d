"""What the work order mutations share: the order (locked), its hall and unit, and one flow for a step."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry

from core.departments.models import Department
from core.errors import NotFoundError
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.halls.models import Hall
from core.policy.access import policy_in_session
from core.work_orders import access
from core.work_orders.models import WorkOrder
from core.work_orders.types import WorkOrderType


@strawberry.type
class WorkOrderSuccess:
    work_order: WorkOrderType


WorkOrderResult = Annotated[Union[WorkOrderSuccess, *ERROR_TYPES], strawberry.union("WorkOrderResult")]


def snapshot(order: WorkOrder) -> dict:
    """What the audit log keeps (no caller data)."""
    return {"status": order.status, "due_on": order.due_on.isoformat(), "extension_status": order.extension_status,
            "extensions": order.extensions, "follow_up_satisfied": order.follow_up_satisfied}


async def load_order(session, ctx, work_order_id: str):
    order = await session.get(WorkOrder, from_global_id(work_order_id, "WorkOrder")[1], with_for_update=True)
    hall = await session.get(Hall, order.hall_id) if order else None
    if order is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
        raise NotFoundError("工单", "Work order")
    department = await session.get(Department, order.department_id)
    if ctx.actor is not None and not access.may_read(ctx, hall, department):
        raise NotFoundError("工单", "Work order")  # another's order looks like a missing one
    return order, hall, department


async def step(info, action: str, work_order_id: str, side: str, change):
    """Load, authorize (``side``: handle — the unit; supervise — the hall office), change, audit."""
    ctx = info.context

    async def body(session, call):
        order, hall, department = await load_order(session, ctx, work_order_id)
        call.acted(target_type="WorkOrder", target_id=order.id)
        domain = (access.require_handle(ctx, department) if side == "handle"
                  else access.require_supervise(ctx, hall))
        before = snapshot(order)
        policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
        user_id = ctx.actor.user_id if ctx.actor else None
        await change(session, order=order, policy=policy, user_id=user_id, at=ctx.runtime.now())
        call.acted(domain=domain, before=before, after=snapshot(order))
        return WorkOrderSuccess(work_order=WorkOrderType.from_model(order))

    return await run_mutation(info, action, body)
