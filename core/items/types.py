"""GraphQL types for service items."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

import strawberry
import strawberry.federation
from strawberry.scalars import JSON
from strawberry.types import Info

from core.departments.dataloaders import DepartmentByIdLoader
from core.federation import references
from core.graphql.enums import ItemChangeEnum, ItemTypeEnum, RequestStatusEnum
from core.graphql.compiler.spec import Code, Column, GlobalId, sql_type
from core.graphql.helpers import loader
from core.graphql.rules import RuleReferenceType, rule_references
from core.halls.dataloaders import HallByIdLoader
from core.items.dataloaders import ServiceItemByIdLoader
from core.timezones import to_local
from core.graphql.relay import Node, to_global_id
from core.items.models import HallItemRequest, ItemChange, ItemNotice, ItemType, RequestStatus, ServiceItem


@strawberry.federation.type(name="ServiceItem", keys=["code"], description="政务服务事项: an item of the service catalogue")
class ServiceItemType(Node):
    id: strawberry.ID
    code: str = strawberry.field(description="实施编码: this implementation's unique code")
    catalog_code: str = strawberry.field(description="事项编码: the catalogue code")
    name: str
    type: ItemTypeEnum
    type_label: str = strawberry.field(description="事项类型, e.g. 行政许可")
    legal_limit_days: int | None = strawberry.field(description="法定办结时限 (working days)")
    promised_limit_days: int | None = strawberry.field(description="承诺办结时限 (working days); 0 = 即办件")
    materials: list[str] = strawberry.field(description="申请材料")
    fee: Decimal | None = strawberry.field(description="收费标准 (yuan); null = 不收费")
    fee_basis: str | None
    legal_basis: str | None = strawberry.field(description="设定依据")
    jurisdiction_code: str
    tolerance_acceptance_allowed: bool = strawberry.field(description="列入容缺受理事项目录 (dongguan 5.2.7.1)")
    row: strawberry.Private[ServiceItem]

    @classmethod
    def from_model(cls, row: ServiceItem) -> "ServiceItemType":
        item_type = ItemType(row.type)
        return cls(
            id=to_global_id("ServiceItem", row.id),
            code=row.code,
            catalog_code=row.catalog_code,
            name=row.name,
            type=item_type,
            type_label=item_type.label,
            legal_limit_days=row.legal_limit_days,
            promised_limit_days=row.promised_limit_days,
            materials=list(row.materials or []),
            fee=row.fee,
            fee_basis=row.fee_basis,
            legal_basis=row.legal_basis,
            jurisdiction_code=row.jurisdiction_code,
            tolerance_acceptance_allowed=row.tolerance_acceptance_allowed,
            row=row,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, code: str) -> "ServiceItemType | None":
        """Federation: an item by its 实施编码 (the key other services hold)."""
        return await references.resolve_service_item_by_code(info, code)

    @strawberry.field(description="实施部门")
    async def department(self, info: Info) -> Annotated["DepartmentType", strawberry.lazy("core.departments.types")]:
        return department_types.DepartmentType.from_model(await loader(info, DepartmentByIdLoader).load(self.row.department_id))


# Compiled reads: materials (a JSON list), fee (a decimal) and department go the resolver way.
sql_type(
    "ServiceItem", ServiceItem,
    id=GlobalId("ServiceItem"), code=Column("code"), catalog_code=Column("catalog_code"), name=Column("name"),
    type=Code("type", ItemType), type_label=Code("type", ItemType, label=True),
    legal_limit_days=Column("legal_limit_days"), promised_limit_days=Column("promised_limit_days"),
    fee_basis=Column("fee_basis"), legal_basis=Column("legal_basis"), jurisdiction_code=Column("jurisdiction_code"),
    tolerance_acceptance_allowed=Column("tolerance_acceptance_allowed", kind="bool"),
)


@strawberry.type(name="HallItemRequest", description="事项进驻、调整、撤出申请: the department asks, the approver the "
                                                    "jurisdiction names decides")
class HallItemRequestType(Node):
    id: strawberry.ID
    change: ItemChangeEnum
    change_label: str
    status: RequestStatusEnum
    status_label: str
    proposed: JSON = strawberry.field(description="entry of a new item: its catalogue entry; change: the fields to change")
    reason: str
    approver_role: str = strawberry.field(description="hall_office (中心管理办公室) or government (本级政府)")
    approver_title: str = strawberry.field(description="审批机关, e.g. 区政府")
    public_notice_required: bool = strawberry.field(description="公示 once approved")
    requested_at: datetime
    decided_at: datetime | None
    decision_note: str | None
    row: strawberry.Private[HallItemRequest]

    @classmethod
    def from_model(cls, row) -> "HallItemRequestType":
        change, status = ItemChange(row.change), RequestStatus(row.status)
        return cls(id=to_global_id("HallItemRequest", row.id), change=change, change_label=change.label,
                   status=status, status_label=status.label, proposed=dict(row.proposed or {}), reason=row.reason,
                   approver_role=row.approver_role, approver_title=row.approver_title,
                   public_notice_required=row.public_notice_required, requested_at=to_local(row.requested_at),
                   decided_at=to_local(row.decided_at), decision_note=row.decision_note, row=row)

    @strawberry.field(description="依据: who approves, by which rule")
    async def rules(self, info: Info) -> list[RuleReferenceType]:
        hall = await loader(info, HallByIdLoader).load(self.row.hall_id)
        return await rule_references(info, hall.jurisdiction_code, self.row.rule_ids)

    @strawberry.field
    async def item(self, info: Info) -> ServiceItemType | None:
        if self.row.item_id is None:
            return None
        return ServiceItemType.from_model(await loader(info, ServiceItemByIdLoader).load(self.row.item_id))

    @strawberry.field
    async def department(self, info: Info) -> Annotated["DepartmentType", strawberry.lazy("core.departments.types")]:
        return department_types.DepartmentType.from_model(await loader(info, DepartmentByIdLoader).load(self.row.department_id))

    @strawberry.field
    async def hall(self, info: Info) -> Annotated["HallType", strawberry.lazy("core.halls.types")]:
        return hall_types.HallType.from_model(await loader(info, HallByIdLoader).load(self.row.hall_id))


@strawberry.type(name="ItemNotice", description="公示: an approved entry, change or withdrawal, announced to the public")
class ItemNoticeType(Node):
    id: strawberry.ID
    change: ItemChangeEnum
    change_label: str
    title: str
    content: str
    published_on: date
    row: strawberry.Private[ItemNotice]

    @classmethod
    def from_model(cls, row) -> "ItemNoticeType":
        change = ItemChange(row.change)
        return cls(id=to_global_id("ItemNotice", row.id), change=change, change_label=change.label, title=row.title,
                   content=row.content, published_on=row.published_on, row=row)

    @strawberry.field
    async def item(self, info: Info) -> ServiceItemType:
        return ServiceItemType.from_model(await loader(info, ServiceItemByIdLoader).load(self.row.item_id))

    @strawberry.field
    async def hall(self, info: Info) -> Annotated["HallType", strawberry.lazy("core.halls.types")]:
        return hall_types.HallType.from_model(await loader(info, HallByIdLoader).load(self.row.hall_id))


from core.departments import types as department_types  # noqa: E402
from core.halls import types as hall_types  # noqa: E402
