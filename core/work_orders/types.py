"""GraphQL types for 12345 work orders."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry.types import Info

from core.departments.dataloaders import DepartmentByIdLoader
from core.graphql.enums import ExtensionStatusEnum, WorkOrderStatusEnum
from core.graphql.helpers import loader
from core.graphql.relay import to_global_id
from core.halls.dataloaders import HallByIdLoader
from core.privacy import mask_name, mask_phone
from core.timezones import local_date, to_local
from core.work_orders import access
from core.work_orders import service as work_order_service
from core.work_orders.dataloaders import WorkOrderEventsByOrderIdLoader
from core.work_orders.models import ExtensionStatus, WorkOrder, WorkOrderEventKind, WorkOrderStatus


@strawberry.type(name="WorkOrderEvent", description="工单流转记录: one step")
class WorkOrderEventType:
    kind: str
    kind_label: str
    note: str | None
    at: datetime


@strawberry.type(name="WorkOrder", description="12345工单 forwarded to a unit of the hall (jiedong Art 33)")
class WorkOrderType:
    id: strawberry.ID
    number: str = strawberry.field(description="12345 工单号")
    category: str = strawberry.field(description="投诉, 咨询, 求助, 建议 or 举报")
    summary: str
    content: str
    case_serial_number: str | None
    status: WorkOrderStatusEnum
    status_label: str
    received_at: datetime
    sign_by: date = strawberry.field(description="签收期限")
    due_on: date = strawberry.field(description="答复期限 (moved by an approved extension)")
    original_due_on: date
    signed_at: datetime | None
    signed_late: bool
    replied_at: datetime | None
    reply: str | None
    extension_status: ExtensionStatusEnum | None
    extension_days: int | None
    extension_reason: str | None
    sent_back_reason: str | None
    follow_up_satisfied: bool | None = strawberry.field(description="回访: was the caller satisfied")
    follow_up_note: str | None
    closed_at: datetime | None
    rule_ids: list[str]
    row: strawberry.Private[WorkOrder]

    @classmethod
    def from_model(cls, row) -> "WorkOrderType":
        status = WorkOrderStatus(row.status)
        return cls(
            id=to_global_id("WorkOrder", row.id), number=row.number, category=row.category, summary=row.summary,
            content=row.content, case_serial_number=row.case_serial_number, status=status, status_label=status.label,
            received_at=to_local(row.received_at), sign_by=row.sign_by, due_on=row.due_on,
            original_due_on=row.original_due_on, signed_at=to_local(row.signed_at), signed_late=row.signed_late,
            replied_at=to_local(row.replied_at), reply=row.reply,
            extension_status=ExtensionStatus(row.extension_status) if row.extension_status else None,
            extension_days=row.extension_days, extension_reason=row.extension_reason,
            sent_back_reason=row.sent_back_reason, follow_up_satisfied=row.follow_up_satisfied,
            follow_up_note=row.follow_up_note, closed_at=to_local(row.closed_at), rule_ids=list(row.rule_ids),
            row=row)

    @strawberry.field(description="超期: replied after the deadline, or still open past it")
    def overdue(self, info: Info) -> bool:
        return work_order_service.is_overdue(self.row, local_date(info.context.runtime.now()))

    @strawberry.field(description="承办单位")
    async def department_name(self, info: Info) -> str:
        return (await loader(info, DepartmentByIdLoader).load(self.row.department_id)).name

    @strawberry.field(description="来电人, masked unless you may see personal data")
    async def caller_name(self, info: Info) -> str | None:
        return self.row.caller_name if await self._may_see_caller(info) else mask_name(self.row.caller_name)

    @strawberry.field(description="来电号码, masked unless you may see personal data")
    async def caller_phone(self, info: Info) -> str | None:
        return self.row.caller_phone if await self._may_see_caller(info) else mask_phone(self.row.caller_phone)

    @strawberry.field(description="流转记录, oldest first")
    async def events(self, info: Info) -> list[WorkOrderEventType]:
        rows = await loader(info, WorkOrderEventsByOrderIdLoader).load(self.row.id)
        return [WorkOrderEventType(kind=r.kind, kind_label=WorkOrderEventKind(r.kind).label, note=r.note,
                                   at=to_local(r.at)) for r in rows]

    async def _may_see_caller(self, info: Info) -> bool:
        ctx = info.context
        if ctx.actor is None:
            return False
        hall = await loader(info, HallByIdLoader).load(self.row.hall_id)
        department = await loader(info, DepartmentByIdLoader).load(self.row.department_id)
        return access.may_see_caller(ctx, hall, department)


@strawberry.type(name="WorkOrderUnitReport", description="超期工单通报: one unit's 12345 orders in a period")
class WorkOrderUnitReportType:
    department_id: strawberry.ID
    department_name: str
    received: int
    on_time: int = strawberry.field(description="replied by the deadline")
    overdue: int = strawberry.field(description="replied late, or open past the deadline")
    extended: int
    sent_back: int
    signed_late: int
