"""GraphQL types for leave."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from core.graphql.enums import _describe
from core.graphql.helpers import loader
from core.graphql.relay import Node, to_global_id
from core.leave.approvers import deciders_for
from core.leave.dataloaders import LeaveAttachmentsByRequestIdLoader, LeaveStepsByRequestIdLoader
from core.leave.models import (
    LeaveAttachmentKind,
    LeaveKind,
    LeaveRequest,
    LeaveSession,
    LeaveStatus,
    LeaveStep,
    StepStatus,
)
from core.staff.dataloaders import StaffByIdLoader
from core import clock
from core.timezones import to_local

LeaveKindEnum = _describe(LeaveKind, "请假类别")
LeaveSessionEnum = _describe(LeaveSession, "半天: 上午或下午")
LeaveStatusEnum = _describe(LeaveStatus, "请假单状态")
LeaveStepStatusEnum = _describe(StepStatus, "审批步骤状态")


@strawberry.type(name="LeaveStep", description="审批步骤: a role on a side doing an action, and who did it")
class LeaveStepType(Node):
    id: strawberry.ID
    position: int
    role: str = strawberry.field(description="stable role code from the jurisdiction's chain, e.g. chief_representative")
    side: str = strawberry.field(description="hall | department: whose domain decides this step")
    title: str = strawberry.field(description="e.g. 首席代表, 区政务和数据局分管领导")
    action: str = strawberry.field(description="approve | agree | sign | file | report | register")
    status: LeaveStepStatusEnum
    status_label: str
    decided_by_name: str | None
    decided_at: datetime | None
    comment: str | None
    decider_roles: list[str] = strawberry.field(
        description="Tingwu roles that may decide this step (in the staff member's hall or department)")
    row: strawberry.Private[LeaveStep]

    @classmethod
    def from_model(cls, row) -> "LeaveStepType":
        status = StepStatus(row.status)
        deciders = deciders_for(row.role, row.side)
        return cls(
            id=to_global_id("LeaveStep", row.id), position=row.position, role=row.role, side=row.side,
            title=row.title, action=row.action, status=status, status_label=status.label,
            decided_by_name=row.decided_by_name, decided_at=to_local(row.decided_at), comment=row.comment,
            decider_roles=sorted(r.value for r in deciders.roles) if deciders else [], row=row,
        )


@strawberry.type(name="LeaveAttachment", description="请假附件 (R6): a PDF, JPEG or PNG stored with the request")
class LeaveAttachmentType:
    id: strawberry.ID
    kind: str = strawberry.field(description="hospital_certificate (医院证明) | proof (有效证明)")
    kind_label: str
    filename: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime

    @classmethod
    def from_row(cls, row) -> "LeaveAttachmentType":
        return cls(id=to_global_id("LeaveAttachment", row.id), kind=row.kind,
                   kind_label=LeaveAttachmentKind(row.kind).label, filename=row.filename,
                   content_type=row.content_type, size=row.size, sha256=row.sha256,
                   uploaded_at=to_local(row.uploaded_at))


@strawberry.type(name="LeaveRequest", description="请假单: an absence, the chain the jurisdiction gave it, and where it stands")
class LeaveRequestType(Node):
    id: strawberry.ID
    kind: LeaveKindEnum
    kind_label: str
    handling: str = strawberry.field(description="approved (请假, walks the chain) | reported (报备, effective at once)")
    starts_at: datetime
    ends_at: datetime = strawberry.field(description="exclusive")
    days: float = strawberry.field(description="working days (a half day per session)")
    hours: float | None = strawberry.field(description="for an absence shorter than a session")
    band: str = strawberry.field(description="the duration band of the chain, e.g. half_day_or_more")
    reason: str | None
    status: LeaveStatusEnum
    status_label: str
    substitute_required: bool
    b_role_substitute_required: bool
    window_must_stay_staffed: bool = strawberry.field(description="窗口不空岗 (jiedong Art 27)")
    return_report_required: bool = strawberry.field(description="销假 required on return")
    form: str | None = strawberry.field(description="the paper form, e.g. 揭阳市揭东区政务服务大厅请假单")
    rule_ids: list[str] = strawberry.field(description="the rules that gave this chain")
    requested_at: datetime
    decided_at: datetime | None
    cancelled_at: datetime | None
    returned_at: datetime | None = strawberry.field(description="销假")
    by_phone: bool = strawberry.field(description="电话请假: effective at once, the paperwork follows (R6)")
    paperwork_due_on: date | None = strawberry.field(description="电话请假: paperwork (chain and documents) due by")
    row: strawberry.Private[LeaveRequest]

    @classmethod
    def from_model(cls, row) -> "LeaveRequestType":
        kind, status = LeaveKind(row.kind), LeaveStatus(row.status)
        return cls(
            id=to_global_id("LeaveRequest", row.id), kind=kind, kind_label=kind.label, handling=row.handling,
            starts_at=to_local(row.starts_at), ends_at=to_local(row.ends_at), days=row.days, hours=row.hours,
            band=row.band, reason=row.reason, status=status, status_label=status.label,
            substitute_required=row.substitute_required, b_role_substitute_required=row.b_role_substitute_required,
            window_must_stay_staffed=row.window_must_stay_staffed,
            return_report_required=row.return_report_required, form=row.form, rule_ids=list(row.rule_ids or []),
            requested_at=to_local(row.requested_at), decided_at=to_local(row.decided_at),
            cancelled_at=to_local(row.cancelled_at), returned_at=to_local(row.returned_at),
            by_phone=row.by_phone, paperwork_due_on=row.paperwork_due_on, row=row,
        )

    @strawberry.field(description="电话请假 whose paperwork is still not done after its deadline")
    def paperwork_overdue(self) -> bool:
        return (self.row.by_phone and self.row.status == LeaveStatus.PENDING and self.row.paperwork_due_on is not None
                and clock.today() > self.row.paperwork_due_on)

    @strawberry.field(description="附件 stored with the request (R6: e.g. 医院证明), without their content")
    async def attachments(self, info: Info) -> list[LeaveAttachmentType]:
        return [LeaveAttachmentType.from_row(r) for r in await loader(info, LeaveAttachmentsByRequestIdLoader).load(self.row.id)]

    @strawberry.field
    async def staff(self, info: Info) -> Annotated["StaffType", strawberry.lazy("core.staff.types")]:
        return staff_types.StaffType.from_model(await loader(info, StaffByIdLoader).load(self.row.staff_id))

    @strawberry.field(description="替岗人员 (B角 where the jurisdiction requires it)")
    async def substitute(self, info: Info) -> Annotated["StaffType", strawberry.lazy("core.staff.types")] | None:
        if self.row.substitute_staff_id is None:
            return None
        return staff_types.StaffType.from_model(await loader(info, StaffByIdLoader).load(self.row.substitute_staff_id))

    @strawberry.field(description="the chain, in order")
    async def steps(self, info: Info) -> list[LeaveStepType]:
        return [LeaveStepType.from_model(s) for s in await loader(info, LeaveStepsByRequestIdLoader).load(self.row.id)]

    @strawberry.field(description="the step awaiting a decision, if any")
    async def current_step(self, info: Info) -> LeaveStepType | None:
        if self.row.current_position is None:
            return None
        steps = await loader(info, LeaveStepsByRequestIdLoader).load(self.row.id)
        return next((LeaveStepType.from_model(s) for s in steps if s.position == self.row.current_position), None)


from core.staff import types as staff_types  # noqa: E402
