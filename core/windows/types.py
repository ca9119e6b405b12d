"""GraphQL types for windows."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
import strawberry.federation
from strawberry.types import Info

from core.departments.dataloaders import DepartmentByIdLoader
from core.federation import references
from core.graphql.enums import PostRoleEnum, WindowStatusEnum, WindowTypeEnum
from core.graphql.helpers import loader
from core.graphql.relay import Node, to_global_id
from core.halls.dataloaders import HallByIdLoader
from core.staff.models import Staff
from core.timezones import to_local
from core.windows.dataloaders import AssignmentsByWindowIdLoader
from core.windows import models as window_models
from core.windows.models import PostRole, Window, WindowStatus


@strawberry.federation.type(name="Window", keys=["id"], description="窗口: a service window in a hall")
class WindowType(Node):
    id: strawberry.ID
    number: str = strawberry.field(description="窗口号, as on the sign and the calling screen")
    name: str
    type: WindowTypeEnum
    type_label: str = strawberry.field(description="窗口类型中文名, e.g. 综合办事窗口")
    status: WindowStatusEnum
    status_label: str = strawberry.field(description="服务中 / 请您稍候 / 暂停服务")
    row: strawberry.Private[Window]

    @classmethod
    def from_model(cls, row: Window) -> "WindowType":
        window_type = window_models.WindowType(row.type)
        status = WindowStatus(row.status)
        return cls(
            id=to_global_id("Window", row.id),
            number=row.number,
            name=row.name,
            type=window_type,
            type_label=window_type.label,
            status=status,
            status_label=status.label,
            row=row,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "WindowType | None":
        """Federation: a window by global ID or UUID; null when its hall is not visible."""
        return await references.resolve_by_id(info, "Window", id)

    @strawberry.field
    async def hall(self, info: Info) -> Annotated["HallType", strawberry.lazy("core.halls.types")]:
        return hall_types.HallType.from_model(await loader(info, HallByIdLoader).load(self.row.hall_id))

    @strawberry.field(description="专业窗口所属部门")
    async def department(self, info: Info) -> Annotated["DepartmentType", strawberry.lazy("core.departments.types")] | None:
        if self.row.department_id is None:
            return None
        department = await loader(info, DepartmentByIdLoader).load(self.row.department_id)
        return department_types.DepartmentType.from_model(department) if department else None

    @strawberry.field(description="窗口人员及其AB岗角色, A role first")
    async def staff(self, info: Info) -> list[WindowStaffType]:
        return [WindowStaffType.from_row(row) for row in await loader(info, AssignmentsByWindowIdLoader).load(self.row.id)]


@strawberry.type(name="WindowStaff", description="A staff member on a window in the A (主办) or B (协办) role")
class WindowStaffType:
    role: PostRoleEnum
    role_label: str
    assigned_at: datetime
    staff_row: strawberry.Private[Staff]

    @classmethod
    def from_row(cls, row) -> "WindowStaffType":
        """From a staff row carrying its post (see AssignmentsByWindowIdLoader)."""
        role = PostRole(row.post_role)
        return cls(role=role, role_label=role.label, assigned_at=to_local(row.assigned_at), staff_row=row)

    @strawberry.field
    def staff(self) -> Annotated["StaffType", strawberry.lazy("core.staff.types")]:
        return staff_types.StaffType.from_model(self.staff_row)


from core.departments import types as department_types  # noqa: E402
from core.halls import types as hall_types  # noqa: E402
from core.staff import types as staff_types  # noqa: E402
