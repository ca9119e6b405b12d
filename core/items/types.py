"""GraphQL types for service items."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import strawberry
import strawberry.federation
from strawberry.types import Info

from core.departments.dataloaders import DepartmentByIdLoader
from core.federation import references
from core.graphql.enums import ItemTypeEnum
from core.graphql.helpers import loader
from core.graphql.relay import Node, to_global_id
from core.items.models import ItemType, ServiceItem


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
            row=row,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, code: str) -> "ServiceItemType | None":
        """Federation: an item by its 实施编码 (the key other services hold)."""
        return await references.resolve_service_item_by_code(info, code)

    @strawberry.field(description="实施部门")
    async def department(self, info: Info) -> Annotated["DepartmentType", strawberry.lazy("core.departments.types")]:
        return department_types.DepartmentType.from_model(await loader(info, DepartmentByIdLoader).load(self.row.department_id))


from core.departments import types as department_types  # noqa: E402
