"""GraphQL types for staff."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
import strawberry.federation
from strawberry.types import Info

from strawberry.permission import BasePermission

from core.auth.access import can, department_scope, hall_scope, is_own_staff
from core.auth.permissions import guarded
from core.departments.dataloaders import DepartmentByIdLoader
from core.federation import references
from core.graphql.enums import PostRoleEnum, StaffStatusEnum
from core.graphql.helpers import loader
from core.graphql.relay import Node, to_global_id
from core.halls.dataloaders import HallByIdLoader
from core.staff.models import Staff, StaffStatus
from core.windows.dataloaders import AssignmentsByStaffIdLoader, WindowByIdLoader
from core.windows.models import PostRole


class StaffRecordPermission(BasePermission):
    """Staff records (rank, phone): the hall office in the staff member's hall, or their own department."""

    message = "无权查看 / Not allowed"

    async def has_permission(self, source, info: Info, **kwargs) -> bool:
        ctx = info.context
        if ctx.actor is None:
            return False
        if is_own_staff(ctx, source.row.id):
            return True
        hall = await loader(info, HallByIdLoader).load(source.row.hall_id)
        if can(ctx, "staff", "read", hall_scope(ctx, hall)):
            return True
        department = await loader(info, DepartmentByIdLoader).load(source.row.department_id)
        return can(ctx, "staff", "read", department_scope(ctx, department))


@strawberry.federation.type(name="Staff", keys=["id"], description="窗口工作人员: staff dispatched by a department to a hall")
class StaffType(Node):
    id: strawberry.ID
    staff_number: str = strawberry.field(description="工号")
    name: str
    rank: str | None = strawberry.field(
        description="职级 (decided by the department); visible to the hall office and the department",
        extensions=guarded(StaffRecordPermission()),
    )
    position: str | None = strawberry.field(description="岗位")
    status: StaffStatusEnum
    status_label: str
    on_duty_since: date | None
    phone: str | None = strawberry.field(
        description="联系电话 (personal data): visible to the hall office and the department only",
        extensions=guarded(StaffRecordPermission()),
    )
    row: strawberry.Private[Staff]

    @classmethod
    def from_model(cls, row: Staff) -> "StaffType":
        status = StaffStatus(row.status)
        return cls(
            id=to_global_id("Staff", row.id),
            staff_number=row.staff_number,
            name=row.name,
            rank=row.rank,
            position=row.position,
            status=status,
            status_label=status.label,
            on_duty_since=row.on_duty_since,
            phone=row.phone,
            row=row,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "StaffType | None":
        """Federation: a staff member by global ID or UUID; null when the hall is not visible.

        Private fields (职级, 联系电话) stay guarded exactly as everywhere else.
        """
        return await references.resolve_by_id(info, "Staff", id)

    @strawberry.field(description="派出单位")
    async def department(self, info: Info) -> Annotated["DepartmentType", strawberry.lazy("core.departments.types")]:
        return department_types.DepartmentType.from_model(await loader(info, DepartmentByIdLoader).load(self.row.department_id))

    @strawberry.field(description="派驻大厅")
    async def hall(self, info: Info) -> Annotated["HallType", strawberry.lazy("core.halls.types")]:
        return hall_types.HallType.from_model(await loader(info, HallByIdLoader).load(self.row.hall_id))

    @strawberry.field(description="所在窗口及AB岗角色")
    async def windows(self, info: Info) -> list[StaffWindowType]:
        assignments = await loader(info, AssignmentsByStaffIdLoader).load(self.row.id)
        windows = await loader(info, WindowByIdLoader).load_many([a.window_id for a in assignments])
        return [StaffWindowType(role=PostRole(a.role), role_label=PostRole(a.role).label, window_row=w) for a, w in zip(assignments, windows)]


@strawberry.type(name="StaffWindow", description="A window a staff member works on, with the A/B role")
class StaffWindowType:
    role: PostRoleEnum
    role_label: str
    window_row: strawberry.Private[object]

    @strawberry.field
    def window(self) -> Annotated["WindowType", strawberry.lazy("core.windows.types")]:
        return window_types.WindowType.from_model(self.window_row)


from core.departments import types as department_types  # noqa: E402
from core.halls import types as hall_types  # noqa: E402
from core.windows import types as window_types  # noqa: E402
