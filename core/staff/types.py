"""GraphQL types for staff."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry
import strawberry.federation
from strawberry.types import Info

from strawberry.permission import BasePermission

from core.auth.access import can, department_scope, hall_scope, is_own_staff
from core.auth.permissions import guarded
from core.departments.dataloaders import DepartmentByIdLoader
from core.federation import references
from core.graphql.enums import PostRoleEnum, StaffStatusEnum, _describe
from core.graphql.compiler.spec import Code, Column, GlobalId, sql_type
from core.graphql.helpers import loader
from core.graphql.relay import Node, to_global_id
from core.halls.dataloaders import HallByIdLoader
from core.staff.dataloaders import ConductRecordsByStaffIdLoader, StaffByIdLoader, TrainingsByStaffIdLoader
from core.staff.models import (
    ConductKind,
    OnboardingStatus,
    ReplacementStatus,
    Staff,
    StaffOnboarding,
    StaffReplacement,
    StaffReturn,
    StaffStatus,
    TrainingKind,
)
from core.pii.access import note_read
from core.policy.access import policy_for
from core.timezones import to_local
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
    row: strawberry.Private[Staff]

    @strawberry.field(description="联系电话 (personal data): visible to the hall office and the department only; "
                                  "each read is logged", extensions=guarded(StaffRecordPermission()))
    def phone(self, info: Info) -> str | None:
        if self.row.phone is not None:
            note_read(info, record_type="Staff", record_id=self.row.id, field="phone", hall_id=self.row.hall_id)
        return self.row.phone

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

    @strawberry.field(description="培训记录 (pre-duty and in-service)", extensions=guarded(StaffRecordPermission()))
    async def trainings(self, info: Info) -> list[Annotated["StaffTrainingType", strawberry.lazy("core.staff.types")]]:
        return [StaffTrainingType.from_model(t) for t in await loader(info, TrainingsByStaffIdLoader).load(self.row.id)]

    @strawberry.field(description="行为记录 (criticisms, sanctions…): visible to the hall office and the department",
                      extensions=guarded(StaffRecordPermission()))
    async def conduct_records(self, info: Info) -> list[Annotated["ConductRecordType", strawberry.lazy("core.staff.types")]]:
        return [ConductRecordType.from_model(r) for r in await loader(info, ConductRecordsByStaffIdLoader).load(self.row.id)]

    @strawberry.field(description="所在窗口及AB岗角色")
    async def windows(self, info: Info) -> list[StaffWindowType]:
        assignments = await loader(info, AssignmentsByStaffIdLoader).load(self.row.id)
        windows = await loader(info, WindowByIdLoader).load_many([a.window_id for a in assignments])
        return [StaffWindowType(role=PostRole(a.role), role_label=PostRole(a.role).label, window_row=w) for a, w in zip(assignments, windows)]


# Compiled reads: rank and phone (guarded personal data, possibly encrypted) and every field that needs
# the caller's permission or a relation go the resolver way.
sql_type(
    "Staff", Staff,
    id=GlobalId("Staff"), staff_number=Column("staff_number"), name=Column("name"), position=Column("position"),
    status=Code("status", StaffStatus), status_label=Code("status", StaffStatus, label=True),
    on_duty_since=Column("on_duty_since", kind="date"),
)


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


# --- staff changes: onboarding, training, replacement, return, conduct ----------------------------------

OnboardingStatusEnum = _describe(OnboardingStatus, "上岗审定状态")
TrainingKindEnum = _describe(TrainingKind, "培训类别")
ReplacementStatusEnum = _describe(ReplacementStatus, "调换状态")
ConductKindEnum = _describe(ConductKind, "行为记录类别")


@strawberry.type(name="StaffTraining", description="培训记录 (panyu Art 17; dongguan 6.3.3c)")
class StaffTrainingType:
    kind: TrainingKindEnum
    kind_label: str
    title: str
    hours: float | None
    completed_on: date

    @classmethod
    def from_model(cls, row) -> "StaffTrainingType":
        kind = TrainingKind(row.kind)
        return cls(kind=kind, kind_label=kind.label, title=row.title, hours=row.hours, completed_on=row.completed_on)


@strawberry.type(name="ConductRecord", description="行为记录: a conduct fact the return-to-unit rules look at")
class ConductRecordType:
    kind: ConductKindEnum
    kind_label: str
    occurred_on: date
    description: str

    @classmethod
    def from_model(cls, row) -> "ConductRecordType":
        kind = ConductKind(row.kind)
        return cls(kind=kind, kind_label=kind.label, occurred_on=row.occurred_on, description=row.description)


@strawberry.type(name="StaffOnboarding", description="上岗申请: the department proposes, the hall approves before duty (jiedong Art 6)")
class StaffOnboardingType(Node):
    id: strawberry.ID
    status: OnboardingStatusEnum
    status_label: str
    as_substitute: bool = strawberry.field(description="预选替岗人员: onto the substitute list, not onto a window")
    post_role: PostRoleEnum | None
    duties: str | None
    proposed_at: datetime
    decided_at: datetime | None
    decision_note: str | None
    rule_ids: list[str]
    row: strawberry.Private[StaffOnboarding]

    @classmethod
    def from_model(cls, row) -> "StaffOnboardingType":
        status = OnboardingStatus(row.status)
        return cls(id=to_global_id("StaffOnboarding", row.id), status=status, status_label=status.label,
                   as_substitute=row.as_substitute, post_role=PostRole(row.post_role) if row.post_role else None,
                   duties=row.duties, proposed_at=to_local(row.proposed_at), decided_at=to_local(row.decided_at),
                   decision_note=row.decision_note, rule_ids=list(row.rule_ids or []), row=row)

    @strawberry.field
    async def staff(self, info: Info) -> StaffType:
        return StaffType.from_model(await loader(info, StaffByIdLoader).load(self.row.staff_id))

    @strawberry.field(description="登记备案表: the form the jurisdiction's rule has the department file for the new "
                                  "member (dongguan 6.3.3: 附录G), or null where the rule names none")
    async def registration_form(self, info: Info) -> str | None:
        hall = await loader(info, HallByIdLoader).load(self.row.hall_id)
        return (await policy_for(info.context, hall.jurisdiction_code)).onboarding_rule().registration_form

    @strawberry.field(description="the post on approval")
    async def window(self, info: Info) -> Annotated["WindowType", strawberry.lazy("core.windows.types")] | None:
        if self.row.window_id is None:
            return None
        return window_types.WindowType.from_model(await loader(info, WindowByIdLoader).load(self.row.window_id))


@strawberry.type(name="StaffReplacement", description="调换: the department replaces a member, with the hall's agreement "
                                                       "where the rule asks (dongguan 先进后出; panyu advance filing)")
class StaffReplacementType(Node):
    id: strawberry.ID
    status: ReplacementStatusEnum
    status_label: str
    reason: str
    written_report: str | None = strawberry.field(description="书面报告")
    planned_on: date
    filed_in_advance: bool = strawberry.field(description="提前报备: proposed before the planned day")
    substitute_preselected: bool = strawberry.field(description="the new member was a pre-selected substitute")
    proposed_at: datetime
    hall_decided_at: datetime | None
    new_on_duty_at: datetime | None
    old_left_at: datetime | None
    rule_ids: list[str]
    row: strawberry.Private[StaffReplacement]

    @classmethod
    def from_model(cls, row) -> "StaffReplacementType":
        status = ReplacementStatus(row.status)
        return cls(id=to_global_id("StaffReplacement", row.id), status=status, status_label=status.label,
                   reason=row.reason, written_report=row.written_report, planned_on=row.planned_on,
                   filed_in_advance=row.filed_in_advance, substitute_preselected=row.substitute_preselected,
                   proposed_at=to_local(row.proposed_at), hall_decided_at=to_local(row.hall_decided_at),
                   new_on_duty_at=to_local(row.new_on_duty_at), old_left_at=to_local(row.old_left_at),
                   rule_ids=list(row.rule_ids or []), row=row)

    @strawberry.field
    async def old_staff(self, info: Info) -> StaffType:
        return StaffType.from_model(await loader(info, StaffByIdLoader).load(self.row.old_staff_id))

    @strawberry.field
    async def new_staff(self, info: Info) -> StaffType:
        return StaffType.from_model(await loader(info, StaffByIdLoader).load(self.row.new_staff_id))


@strawberry.type(name="StaffReturn", description="退回原派出单位: the hall's decision and its reason")
class StaffReturnType:
    reason: str
    returned_on: date
    trigger_codes: list[str] = strawberry.field(description="the return rule's triggers met at the time, if any")
    rule_ids: list[str]
    row: strawberry.Private[StaffReturn]

    @classmethod
    def from_model(cls, row) -> "StaffReturnType":
        return cls(reason=row.reason, returned_on=row.returned_on, trigger_codes=list(row.trigger_codes or []),
                   rule_ids=list(row.rule_ids or []), row=row)

    @strawberry.field
    async def staff(self, info: Info) -> StaffType:
        return StaffType.from_model(await loader(info, StaffByIdLoader).load(self.row.staff_id))

