"""receiveWorkOrder: 接收12345工单 — from the hotline platform's integration (or an import), forwarded to a unit."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from core.departments.models import Department
from core.errors import NotFoundError
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.halls.models import Hall
from core.policy.access import policy_in_session
from core.work_orders import access
from core.work_orders import service as work_order_service
from core.work_orders.mutations.common import WorkOrderResult, WorkOrderSuccess, snapshot
from core.work_orders.types import WorkOrderType


@strawberry.input
class ReceiveWorkOrderInput:
    hall_id: strawberry.ID
    department_id: strawberry.ID = strawberry.field(description="承办单位: a department of the hall")
    number: str = strawberry.field(description="12345 工单号")
    category: str = strawberry.field(description="投诉, 咨询, 求助, 建议 or 举报")
    summary: str
    content: str = strawberry.field(description="诉求内容")
    caller_name: str | None = None
    caller_phone: str | None = None
    case_serial_number: str | None = strawberry.field(default=None, description="办件流水号 the order is about")
    due_on: date | None = strawberry.field(default=None, description="the platform's own deadline, if it sets one")


async def receive_work_order(info: Info, input: ReceiveWorkOrderInput) -> WorkOrderResult:
    ctx = info.context

    async def body(session, call):
        hall = await session.get(Hall, from_global_id(input.hall_id, "Hall")[1])
        if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("大厅", "Hall")
        domain = access.require_receive(ctx, hall)
        department = await session.get(Department, from_global_id(input.department_id, "Department")[1])
        if department is None:
            raise NotFoundError("承办单位", "Department")
        policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
        order = await work_order_service.receive(
            session, policy=policy, hall_id=hall.id, department_id=department.id, number=input.number,
            category=input.category.strip(), summary=input.summary, content=input.content,
            caller_name=input.caller_name, caller_phone=input.caller_phone,
            case_serial_number=input.case_serial_number, due_on=input.due_on,
            user_id=ctx.actor.user_id if ctx.actor else None, at=ctx.runtime.now())
        call.acted(domain=domain, target_type="WorkOrder", target_id=order.id, after=snapshot(order))
        return WorkOrderSuccess(work_order=WorkOrderType.from_model(order))

    return await run_mutation(info, "receiveWorkOrder", body)
