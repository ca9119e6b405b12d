"""Service item queries and mutations: the catalogue, requests to enter/change/withdraw, public notices."""

from __future__ import annotations

from typing import Annotated

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from core.auth.access import can, hall_scope, jurisdiction_scope
from core.cases.schema import _empty
from core.graphql.enums import ItemTypeEnum, RequestStatusEnum
from core.graphql.helpers import loader
from core.graphql.relay import Connection, from_global_id, paginate
from core.halls.schema import visible_hall
from core.items import service as item_service
from core.items.dataloaders import ServiceItemByCodeLoader
from core.items.models import HallItemRequest, ItemNotice, ServiceItem
from core.items.mutations.item_request_change import RequestItemChangeResult, request_item_change
from core.items.mutations.item_request_decide import DecideItemRequestResult, decide_item_request
from core.items.mutations.item_request_entry import RequestItemEntryResult, request_item_entry
from core.items.mutations.item_request_withdrawal import RequestItemWithdrawalResult, request_item_withdrawal
from core.items.types import HallItemRequestType, ItemNoticeType, ServiceItemType


@strawberry.type
class ItemQuery:
    @strawberry.field(description="事项目录: service items of the enabled jurisdictions, by 实施编码 (Relay connection)")
    async def service_items(
        self,
        info: Info,
        jurisdiction: str | None = None,
        department_id: strawberry.ID | None = None,
        hall_id: Annotated[strawberry.ID | None, strawberry.argument(description="offered (已进驻) in this hall")] = None,
        type: ItemTypeEnum | None = None,
        search: Annotated[str | None, strawberry.argument(description="名称或编码包含")] = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> Connection[ServiceItemType]:
        enabled = sorted(info.context.plugins.enabled_codes)
        codes = [c for c in enabled if c == jurisdiction] if jurisdiction else enabled
        stmt = item_service.list_statement(
            jurisdiction_codes=codes,
            department_id=from_global_id(department_id, "Department")[1] if department_id else None,
            hall_id=from_global_id(hall_id, "Hall")[1] if hall_id else None,
            item_type=type.value if type else None, search=search)
        async with info.context.db.session() as session:
            return await paginate(session, stmt, order_by=(ServiceItem.code, ServiceItem.id), first=first,
                                  after=after, to_node=ServiceItemType.from_model)

    @strawberry.field(description="一个事项, by its 实施编码")
    async def service_item(self, info: Info, code: str) -> ServiceItemType | None:
        row = await loader(info, ServiceItemByCodeLoader).load(code.strip())
        if row is None or not info.context.plugins.is_enabled(row.jurisdiction_code):
            return None
        return ServiceItemType.from_model(row)

    @strawberry.field(description="公示: a hall's item notices, newest first (public)")
    async def item_notices(self, info: Info, hall_id: strawberry.ID, first: int | None = 20,
                           after: str | None = None) -> Connection[ItemNoticeType]:
        hall = await visible_hall(info, from_global_id(hall_id, "Hall")[1])
        if hall is None:
            return _empty()
        stmt = sa.select(ItemNotice.__table__).where(ItemNotice.hall_id == hall.id)
        async with info.context.db.session() as session:
            return await paginate(session, stmt, order_by=(ItemNotice.created_at, ItemNotice.id), first=first,
                                  after=after, to_node=ItemNoticeType.from_model, descending=True)

    @strawberry.field(description="事项申请 of a hall, newest first: the hall office and the approver see all, a "
                                  "department its own")
    async def item_requests(self, info: Info, hall_id: strawberry.ID, status: RequestStatusEnum | None = None,
                            first: int | None = 20, after: str | None = None) -> Connection[HallItemRequestType]:
        ctx = info.context
        hall = await visible_hall(info, from_global_id(hall_id, "Hall")[1])
        if hall is None or ctx.actor is None:
            return _empty()
        stmt = sa.select(HallItemRequest.__table__).where(HallItemRequest.hall_id == hall.id)
        if not (can(ctx, "hall_item", "read", hall_scope(ctx, hall))
                or can(ctx, "hall_item", "read", jurisdiction_scope(ctx, hall.jurisdiction_code))):
            departments = [domain.partition(":")[2] for domain in
                           ctx.authorizer.domains_allowing(ctx.actor.user_id, "hall_item", "read")
                           if domain.startswith("dept:")]
            if not departments:
                return _empty()
            stmt = stmt.where(HallItemRequest.department_id.in_([from_global_id(d, "Department")[1] for d in departments]))
        if status is not None:
            stmt = stmt.where(HallItemRequest.status == status.value)
        async with ctx.db.session() as session:
            return await paginate(session, stmt, order_by=(HallItemRequest.requested_at, HallItemRequest.id),
                                  first=first, after=after, to_node=HallItemRequestType.from_model, descending=True)


@strawberry.type
class ItemMutation:
    request_item_entry: RequestItemEntryResult = strawberry.mutation(
        resolver=request_item_entry, description="事项进驻申请 (the owning department)")
    request_item_change: RequestItemChangeResult = strawberry.mutation(
        resolver=request_item_change, description="事项调整申请 (the owning department)")
    request_item_withdrawal: RequestItemWithdrawalResult = strawberry.mutation(
        resolver=request_item_withdrawal, description="事项撤出申请 (the owning department)")
    decide_item_request: DecideItemRequestResult = strawberry.mutation(
        resolver=decide_item_request,
        description="审批事项申请: the approver the jurisdiction names (hall office; dongying: 区政府); 公示 on approval")
