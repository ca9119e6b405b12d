"""GraphQL types for departments."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
import strawberry.federation
from strawberry.types import Info

from core.departments.dataloaders import DepartmentByIdLoader
from core.departments.models import Department, HallDepartment
from core.federation import references
from core.graphql.helpers import loader
from core.graphql.relay import Node, to_global_id
from core.staff.dataloaders import StaffByDepartmentIdLoader, StaffByIdLoader


@strawberry.federation.type(name="Department", keys=["id"], description="进驻部门/派出单位: a department that dispatches staff to halls")
class DepartmentType(Node):
    id: strawberry.ID
    name: str
    short_name: str
    jurisdiction_code: str
    credit_code: str | None = strawberry.field(description="统一社会信用代码")
    parent_body: str | None = strawberry.field(description="主管单位")
    closed_on: date | None = strawberry.field(description="撤销 on this day; null while the department works")
    row: strawberry.Private[Department]

    @classmethod
    def from_model(cls, row: Department) -> "DepartmentType":
        return cls(
            id=to_global_id("Department", row.id),
            name=row.name,
            short_name=row.short_name,
            jurisdiction_code=row.jurisdiction_code,
            credit_code=row.credit_code,
            parent_body=row.parent_body,
            closed_on=row.closed_on,
            row=row,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "DepartmentType | None":
        """Federation: a department by global ID or UUID; null when its jurisdiction is not enabled."""
        return await references.resolve_by_id(info, "Department", id)

    @strawberry.field(description="派出的工作人员 (in every hall)")
    async def staff(self, info: Info) -> list[Annotated["StaffType", strawberry.lazy("core.staff.types")]]:
        return [staff_types.StaffType.from_model(s) for s in await loader(info, StaffByDepartmentIdLoader).load(self.row.id)]


@strawberry.type(
    name="StationedDepartment",
    description="进驻: a department stationed in a hall, with its chief representative (首席代表) there",
)
class StationedDepartmentType:
    stationed_on: date | None
    row: strawberry.Private[HallDepartment]

    @classmethod
    def from_model(cls, row: HallDepartment) -> "StationedDepartmentType":
        return cls(stationed_on=row.stationed_on, row=row)

    @strawberry.field
    async def department(self, info: Info) -> DepartmentType:
        return DepartmentType.from_model(await loader(info, DepartmentByIdLoader).load(self.row.department_id))

    @strawberry.field(description="首席代表: holds the department's delegated approval power in the hall")
    async def chief_representative(
        self, info: Info
    ) -> Annotated["StaffType", strawberry.lazy("core.staff.types")] | None:
        if self.row.chief_representative_id is None:
            return None
        staff = await loader(info, StaffByIdLoader).load(self.row.chief_representative_id)
        return staff_types.StaffType.from_model(staff) if staff else None


from core.staff import types as staff_types  # noqa: E402
