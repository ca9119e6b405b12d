"""GraphQL types for windows."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
import strawberry.federation
from strawberry.types import Info

from core import clock
from core.departments.dataloaders import DepartmentByIdLoader, HallDepartmentsByHallIdLoader
from core.federation import references
from core.graphql.enums import _describe
from core.leave.dataloaders import AbsenceByStaffAtLoader
from core.staff.access import local_moment, may_read
from core.staff.dataloaders import StaffByIdLoader
from core.windows import service as window_service
from core.graphql.enums import PostRoleEnum, WindowStatusEnum, WindowTypeEnum
from core.graphql.compiler.spec import Code, Column, GlobalId, Joined, Related, sql_type
from core.graphql.helpers import loader
from core.graphql.relay import Node, to_global_id
from core.halls.dataloaders import HallByIdLoader
from core.staff.models import Staff
from core.timezones import to_local
from core.windows.dataloaders import AssignmentsByWindowIdLoader, WindowByIdLoader
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

    @strawberry.field(description="当前叫号: the ticket this window has called or is serving (public, as the calling "
                                  "screen shows it); null when it is free")
    async def current_ticket(self, info: Info) -> Annotated["TicketType", strawberry.lazy("core.queue.types")] | None:
        from core.queue.dataloaders import CurrentTicketByWindowIdLoader
        from core.queue.types import TicketType

        row = await loader(info, CurrentTicketByWindowIdLoader).load(self.row.id)
        return TicketType.from_model(row) if row is not None else None

    @strawberry.field(description="当前负责人: the A member on the post; while A is away, the named substitute or the B "
                                  "member; with nobody on the post, the chief representative. Never nobody while anyone "
                                  "is answerable")
    async def responsible(
        self, info: Info,
        at: Annotated[datetime | None, strawberry.argument(description="at this moment (default: now)")] = None,
    ) -> "WindowResponsibilityType":
        return await responsibility_of(info, self.row, local_moment(at) or clock.now())


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


# Compiled reads: department, hall and responsible (a rule computed in Python) go the resolver way,
# and so does WindowStaff.assignedAt (a local time).
sql_type(
    "Window", Window,
    id=GlobalId("Window"), number=Column("number"), name=Column("name"),
    type=Code("type", window_models.WindowType), type_label=Code("type", window_models.WindowType, label=True),
    status=Code("status", WindowStatus), status_label=Code("status", WindowStatus, label=True),
    staff=Related("WindowStaff", where="{self}.window_id = {parent}.id", order_by=("{self}.role", "{self}_s.staff_number")),
)
sql_type(
    "WindowStaff", window_models.WindowAssignment,
    sql_joins="JOIN staff AS {self}_s ON {self}_s.id = {self}.staff_id",  # as AssignmentsByWindowIdLoader
    role=Code("role", PostRole), role_label=Code("role", PostRole, label=True),
    staff=Joined("Staff", alias="{self}_s"),
)


from core.departments import types as department_types  # noqa: E402
from core.halls import types as hall_types  # noqa: E402
from core.staff import types as staff_types  # noqa: E402


ResponsibilityBasisEnum = strawberry.enum(window_service.Basis, name="ResponsibilityBasis",
                                          description="Why someone holds a window now")


@strawberry.type(name="WindowResponsibility", description="Who holds a window at a moment, and why")
class WindowResponsibilityType:
    at: datetime
    basis: ResponsibilityBasisEnum
    basis_label: str
    staff_row: strawberry.Private[object]
    leave_row: strawberry.Private[object]

    @strawberry.field(description="null only when the window has no staff and no chief representative")
    def staff(self) -> Annotated["StaffType", strawberry.lazy("core.staff.types")] | None:
        return staff_types.StaffType.from_model(self.staff_row) if self.staff_row is not None else None

    @strawberry.field(description="the absence that moved responsibility (to those who may read leave)")
    async def leave(self, info: Info) -> Annotated["LeaveRequestType", strawberry.lazy("core.leave.types")] | None:
        row = self.leave_row
        if row is None or not await may_read(info, "leave", hall_id=row.hall_id, department_id=row.department_id,
                                             staff_id=row.staff_id):
            return None
        return leave_types.LeaveRequestType.from_model(row)


async def responsibility_of(info: Info, window, moment: datetime) -> WindowResponsibilityType:
    """Through loaders only: the same few statements for one window or a hundred."""
    posts = await loader(info, AssignmentsByWindowIdLoader).load(window.id)
    chief = None
    if window.department_id is not None:
        stationed = await loader(info, HallDepartmentsByHallIdLoader).load(window.hall_id)
        chief_id = next((s.chief_representative_id for s in stationed if s.department_id == window.department_id), None)
        chief = await loader(info, StaffByIdLoader).load(chief_id) if chief_id else None
    absences = await loader(info, AbsenceByStaffAtLoader).load_many([(p.id, moment) for p in posts])
    away = {p.id: a for p, a in zip(posts, absences) if a is not None}
    substitute_ids = [a.substitute_staff_id for a in away.values() if a.substitute_staff_id]
    substitutes = {s.id: s for s in await loader(info, StaffByIdLoader).load_many(substitute_ids) if s is not None}
    for staff_id, absence in zip(substitute_ids, await loader(info, AbsenceByStaffAtLoader).load_many(
            [(i, moment) for i in substitute_ids])):
        if absence is not None:
            away[staff_id] = absence
    holder = window_service.responsible(posts, away, substitutes, chief)
    return WindowResponsibilityType(at=to_local(moment), basis=holder.basis, basis_label=window_service.BASIS_LABELS[holder.basis],
                                    staff_row=holder.staff, leave_row=holder.leave)


HandoverReasonEnum = _describe(window_models.HandoverReason, "交接原因")


@strawberry.type(name="WindowHandover", description="交接记录: who holds the window from when (until when, for leave)")
class WindowHandoverType(Node):
    id: strawberry.ID
    reason: HandoverReasonEnum
    reason_label: str
    starts_at: datetime
    ends_at: datetime | None = strawberry.field(description="a temporary handover (leave) ends; null: permanent")
    row: strawberry.Private[object]

    @classmethod
    def from_model(cls, row) -> "WindowHandoverType":
        reason = window_models.HandoverReason(row.reason)
        return cls(id=to_global_id("WindowHandover", row.id), reason=reason, reason_label=reason.label,
                   starts_at=to_local(row.starts_at), ends_at=to_local(row.ends_at), row=row)

    @strawberry.field
    async def window(self, info: Info) -> WindowType:
        return WindowType.from_model(await loader(info, WindowByIdLoader).load(self.row.window_id))

    @strawberry.field
    async def from_staff(self, info: Info) -> Annotated["StaffType", strawberry.lazy("core.staff.types")] | None:
        row = await loader(info, StaffByIdLoader).load(self.row.from_staff_id) if self.row.from_staff_id else None
        return staff_types.StaffType.from_model(row) if row else None

    @strawberry.field(description="null: nobody took the post over (the chief representative answers for the window)")
    async def to_staff(self, info: Info) -> Annotated["StaffType", strawberry.lazy("core.staff.types")] | None:
        row = await loader(info, StaffByIdLoader).load(self.row.to_staff_id) if self.row.to_staff_id else None
        return staff_types.StaffType.from_model(row) if row else None


from core.leave import types as leave_types  # noqa: E402
