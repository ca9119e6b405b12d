"""12345 work order queries and mutations (工单)."""

from __future__ import annotations

import datetime

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from core.auth.access import allowed_domain, department_scope, hall_scope
from core.departments.models import Department
from core.graphql.relay import from_global_id, to_global_id
from core.halls.schema import visible_hall
from core.timezones import local_date
from core.work_orders import service as work_order_service
from core.work_orders.models import WorkOrder
from core.work_orders.mutations.common import WorkOrderResult
from core.work_orders.mutations.work_order_close import close_work_order
from core.work_orders.mutations.work_order_extension_decide import decide_work_order_extension
from core.work_orders.mutations.work_order_extension_request import request_work_order_extension
from core.work_orders.mutations.work_order_follow_up import record_work_order_follow_up
from core.work_orders.mutations.work_order_receive import receive_work_order
from core.work_orders.mutations.work_order_reply import reply_work_order
from core.work_orders.mutations.work_order_send_back import send_back_work_order
from core.work_orders.mutations.work_order_sign import sign_work_order
from core.work_orders.types import WorkOrderType, WorkOrderUnitReportType

MAX_LIST = 200


async def _readable_departments(info: Info, hall) -> list | None:
    """None: the caller reads the whole hall's orders; else the departments whose orders they read."""
    ctx = info.context
    if allowed_domain(ctx, "work_order", "read", hall_scope(ctx, hall)) is not None:
        return None
    async with ctx.db.session() as session:
        departments = (await session.execute(sa.select(Department).where(
            Department.id.in_(sa.select(WorkOrder.department_id).where(WorkOrder.hall_id == hall.id))))).scalars().all()
    return [d.id for d in departments if allowed_domain(ctx, "work_order", "read", department_scope(ctx, d))]


@strawberry.type
class WorkOrderQuery:
    @strawberry.field(description="12345工单 of a hall, nearest deadline first (the hall office: all; a unit: its own)")
    async def work_orders(self, info: Info, hall_id: strawberry.ID, open_only: bool = False,
                          overdue_only: bool = False, first: int = 50) -> list[WorkOrderType]:
        hall = await visible_hall(info, from_global_id(hall_id, "Hall")[1])
        if hall is None or info.context.actor is None:
            return []
        departments = await _readable_departments(info, hall)
        if departments == []:
            return []
        today = local_date(info.context.runtime.now())
        stmt = sa.select(WorkOrder).where(WorkOrder.hall_id == hall.id)
        if departments is not None:
            stmt = stmt.where(WorkOrder.department_id.in_(departments))
        if open_only:
            stmt = stmt.where(WorkOrder.status.in_(["received", "signed"]))
        if overdue_only:
            stmt = stmt.where(work_order_service.overdue_condition(today))
        stmt = stmt.order_by(WorkOrder.due_on, WorkOrder.number).limit(min(max(first, 0), MAX_LIST))
        async with info.context.db.session() as session:
            rows = (await session.execute(stmt)).scalars().all()
        return [WorkOrderType.from_model(row) for row in rows]

    @strawberry.field(description="超期工单通报 (jiedong Art 33): per unit, orders received in the period, replied on "
                                  "time, overdue, extended, sent back (the hall office)")
    async def work_order_report(self, info: Info, hall_id: strawberry.ID, since: datetime.date,
                                until: datetime.date) -> list[WorkOrderUnitReportType]:
        ctx = info.context
        hall = await visible_hall(info, from_global_id(hall_id, "Hall")[1])
        if hall is None or allowed_domain(ctx, "work_order", "read", hall_scope(ctx, hall)) is None:
            return []
        today = local_date(ctx.runtime.now())
        stmt = work_order_service.report_statement(hall_id=hall.id, since=since, until=until, as_of=min(today, until)
                                                   if until < today else today)
        async with ctx.db.session() as session:
            rows = (await session.execute(stmt)).all()
        return [WorkOrderUnitReportType(
            department_id=to_global_id("Department", row.id), department_name=row.name, received=row.received,
            on_time=int(row.on_time), overdue=int(row.overdue), extended=int(row.extended),
            sent_back=int(row.sent_back), signed_late=int(row.signed_late)) for row in rows]


@strawberry.type
class WorkOrderMutation:
    receive_work_order: WorkOrderResult = strawberry.mutation(
        resolver=receive_work_order, description="接收12345工单 (the hall office or the hotline integration)")
    sign_work_order: WorkOrderResult = strawberry.mutation(resolver=sign_work_order, description="签收 (the unit)")
    reply_work_order: WorkOrderResult = strawberry.mutation(resolver=reply_work_order, description="答复 (the unit)")
    request_work_order_extension: WorkOrderResult = strawberry.mutation(
        resolver=request_work_order_extension, description="申请延期 (the unit)")
    decide_work_order_extension: WorkOrderResult = strawberry.mutation(
        resolver=decide_work_order_extension, description="延期审批 (the hall office)")
    send_back_work_order: WorkOrderResult = strawberry.mutation(
        resolver=send_back_work_order, description="退单 (the unit)")
    record_work_order_follow_up: WorkOrderResult = strawberry.mutation(
        resolver=record_work_order_follow_up, description="回访 (the hall office)")
    close_work_order: WorkOrderResult = strawberry.mutation(resolver=close_work_order, description="办结 (the hall office)")
