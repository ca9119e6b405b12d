"""GraphQL types for complaints (投诉)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from core.complaints.access import identity_visible
from core.complaints.dataloaders import NotesByComplaintIdLoader
from core.complaints.models import Complaint, ComplaintNote, ComplaintStatus, ComplaintTarget
from core.complaints.service import GROUND_TITLES
from core.departments.dataloaders import DepartmentByIdLoader
from core.graphql.enums import ComplaintStatusEnum, ComplaintTargetEnum
from core.graphql.helpers import loader
from core.graphql.relay import Node, to_global_id
from core.graphql.rules import RuleReferenceType
from core.halls.dataloaders import HallByIdLoader
from core.policy.access import policy_for
from core.policy.types import ComplaintAcceptance
from core.pii.access import note_read
from core.privacy import mask_name, mask_phone
from core.staff.dataloaders import StaffByIdLoader
from core.timezones import local_today, to_local
from core.windows.dataloaders import WindowByIdLoader


@strawberry.type(name="ComplaintGround", description="不予受理的理由: a ground the jurisdiction's rule names")
class ComplaintGroundType:
    code: str = strawberry.field(description="e.g. anonymous_or_no_contact, other_procedure, blacklisted")
    title: str
    title_en: str

    @classmethod
    def many(cls, codes) -> list["ComplaintGroundType"]:
        return [cls(code=code, title=GROUND_TITLES[code][0], title_en=GROUND_TITLES[code][1]) for code in codes or ()]


@strawberry.type(name="ComplaintChannel", description="投诉渠道 of a jurisdiction (its plugin's list)")
class ComplaintChannelType:
    code: str = strawberry.field(description="what submitComplaint takes as channel, e.g. 12345")
    title: str


@strawberry.type(name="ComplaintNote", description="调查记录")
class ComplaintNoteType:
    text: str
    created_at: datetime
    row: strawberry.Private[ComplaintNote]

    @classmethod
    def from_model(cls, row: ComplaintNote) -> "ComplaintNoteType":
        return cls(text=row.text, created_at=to_local(row.created_at), row=row)


def _mask_contact(value: str | None) -> str | None:
    if value and "@" in value:
        name, _, domain = value.partition("@")
        return f"{name[:1]}***@{domain}"
    return mask_phone(value)


@strawberry.type(name="Complaint", description="投诉: intake, acceptance, deadline, investigation, resolution, feedback")
class ComplaintType(Node):
    id: strawberry.ID
    reference: str = strawberry.field(description="投诉登记号, as told to the complainant")
    channel: str = strawberry.field(description="a code of the jurisdiction's complaint channels")
    channel_note: str | None = strawberry.field(description="e.g. the medium, for 其他合法方式")
    confidential: bool = strawberry.field(description="保密: the complainant asked not to be named to the target")
    target_kind: ComplaintTargetEnum | None = strawberry.field(description="null: no clear target given")
    case_serial_number: str | None
    work_order_id: str | None = strawberry.field(description="12345 工单号")
    work_order_due_on: date | None
    facts: str
    demand: str | None = strawberry.field(description="诉求")
    status: ComplaintStatusEnum
    status_label: str
    received_at: datetime
    decided_at: datetime | None
    rejection_grounds: list[ComplaintGroundType]
    rejection_reason: str | None = strawberry.field(description="as told to the complainant")
    referral: str | None = strawberry.field(description="转办: where a complaint was referred to")
    accepted_at: datetime | None
    deadline_on: date | None = strawberry.field(description="办结期限 (after any extension), on the working-day calendar")
    extended_from_on: date | None = strawberry.field(description="the deadline before the extension")
    extension_explanation: str | None = strawberry.field(description="the explanation given to the complainant")
    extended_at: datetime | None
    resolution: str | None
    substantiated: bool | None = strawberry.field(description="投诉属实")
    resolved_at: datetime | None
    feedback: str | None = strawberry.field(description="what the complainant was told")
    complainant_satisfied: bool | None
    feedback_at: datetime | None
    closed_at: datetime | None = strawberry.field(description="办结归档")
    rule_ids: list[str] = strawberry.field(description="依据: the rules applied to this complaint")
    row: strawberry.Private[Complaint]

    @classmethod
    def from_model(cls, row: Complaint) -> "ComplaintType":
        status = ComplaintStatus(row.status)
        return cls(
            id=to_global_id("Complaint", row.id),
            reference=row.reference,
            channel=row.channel,
            channel_note=row.channel_note,
            confidential=row.confidential,
            target_kind=ComplaintTarget(row.target_kind) if row.target_kind else None,
            case_serial_number=row.case_serial_number,
            work_order_id=row.work_order_id,
            work_order_due_on=row.work_order_due_on,
            facts=row.facts,
            demand=row.demand,
            status=status,
            status_label=status.label,
            received_at=to_local(row.received_at),
            decided_at=to_local(row.decided_at),
            rejection_grounds=ComplaintGroundType.many(row.rejection_grounds),
            rejection_reason=row.rejection_reason,
            referral=row.referral,
            accepted_at=to_local(row.accepted_at),
            deadline_on=row.deadline_on,
            extended_from_on=row.extended_from_on,
            extension_explanation=row.extension_explanation,
            extended_at=to_local(row.extended_at),
            resolution=row.resolution,
            substantiated=row.substantiated,
            resolved_at=to_local(row.resolved_at),
            feedback=row.feedback,
            complainant_satisfied=row.complainant_satisfied,
            feedback_at=to_local(row.feedback_at),
            closed_at=to_local(row.closed_at),
            rule_ids=list(row.rule_ids or ()),
            row=row,
        )

    @strawberry.field(description="渠道名称, as the jurisdiction calls it")
    async def channel_label(self, info: Info) -> str:
        hall = await loader(info, HallByIdLoader).load(self.row.hall_id)
        policy = await policy_for(info.context, hall.jurisdiction_code)
        return {c.code: c.title for c in policy.complaint_channels()}.get(self.row.channel, self.row.channel)

    @strawberry.field(description="超期: resolved after the deadline, or still unresolved past it")
    def overdue(self) -> bool:
        if self.row.deadline_on is None:
            return False
        done_on = to_local(self.row.resolved_at).date() if self.row.resolved_at else local_today()
        return done_on > self.row.deadline_on

    @strawberry.field(description="投诉人 (masked unless you may see it; never shown to the staff complained about)")
    async def complainant_name(self, info: Info) -> str | None:
        value = self.row.complainant_name
        if value is None or not await identity_visible(info, self.row):
            return mask_name(value)
        note_read(info, record_type="Complaint", record_id=self.row.id, field="complainantName", hall_id=self.row.hall_id)
        return value

    @strawberry.field(description="联系方式 (masked like the name)")
    async def complainant_contact(self, info: Info) -> str | None:
        value = self.row.complainant_contact
        if value is None or not await identity_visible(info, self.row):
            return _mask_contact(value)
        note_read(info, record_type="Complaint", record_id=self.row.id, field="complainantContact",
                  hall_id=self.row.hall_id)
        return value

    @strawberry.field
    async def hall(self, info: Info) -> Annotated["HallType", strawberry.lazy("core.halls.types")]:
        return hall_types.HallType.from_model(await loader(info, HallByIdLoader).load(self.row.hall_id))

    @strawberry.field(description="被投诉的工作人员")
    async def target_staff(self, info: Info) -> Annotated["StaffType", strawberry.lazy("core.staff.types")] | None:
        if self.row.target_kind != ComplaintTarget.STAFF:
            return None
        return staff_types.StaffType.from_model(await loader(info, StaffByIdLoader).load(self.row.target_id))

    @strawberry.field(description="被投诉的窗口")
    async def target_window(self, info: Info) -> Annotated["WindowType", strawberry.lazy("core.windows.types")] | None:
        if self.row.target_kind != ComplaintTarget.WINDOW:
            return None
        return window_types.WindowType.from_model(await loader(info, WindowByIdLoader).load(self.row.target_id))

    @strawberry.field(description="被投诉的部门")
    async def target_department(
        self, info: Info
    ) -> Annotated["DepartmentType", strawberry.lazy("core.departments.types")] | None:
        if self.row.target_kind != ComplaintTarget.DEPARTMENT:
            return None
        return department_types.DepartmentType.from_model(
            await loader(info, DepartmentByIdLoader).load(self.row.target_id))

    @strawberry.field(description="调查记录, oldest first")
    async def notes(self, info: Info) -> list[ComplaintNoteType]:
        return [ComplaintNoteType.from_model(n) for n in await loader(info, NotesByComplaintIdLoader).load(self.row.id)]


@strawberry.type(name="ComplaintReceipt", description="投诉回执: what the complainant may know of their complaint")
class ComplaintReceiptType:
    reference: str = strawberry.field(description="投诉登记号: keep it to follow the complaint up")
    status: ComplaintStatusEnum
    status_label: str
    received_at: datetime
    deadline_on: date | None
    extension_explanation: str | None
    rejection_grounds: list[ComplaintGroundType]
    rejection_reason: str | None
    referral: str | None
    feedback: str | None
    rule_ids: list[str]

    @classmethod
    def from_model(cls, row: Complaint) -> "ComplaintReceiptType":
        status = ComplaintStatus(row.status)
        return cls(reference=row.reference, status=status, status_label=status.label,
                   received_at=to_local(row.received_at), deadline_on=row.deadline_on,
                   extension_explanation=row.extension_explanation,
                   rejection_grounds=ComplaintGroundType.many(row.rejection_grounds),
                   rejection_reason=row.rejection_reason, referral=row.referral, feedback=row.feedback,
                   rule_ids=list(row.rule_ids or ()))


@strawberry.type(name="ComplaintDecision", description="受理决定 as the jurisdiction's acceptance rule gave it")
class ComplaintDecisionType:
    outcome: str = strawberry.field(description="accepted | rejected | referred")
    grounds: list[ComplaintGroundType]
    referral: str | None
    confidential: bool = strawberry.field(description="investigate in confidence (dongguan 5.2.8.2c)")
    forwarded_to_responsible_unit: bool = strawberry.field(description="12345 work order forwarded (jiedong Art 33)")
    feedback_required: bool
    rules: list[RuleReferenceType]

    @classmethod
    def from_acceptance(cls, acceptance: ComplaintAcceptance) -> "ComplaintDecisionType":
        return cls(outcome=acceptance.outcome, grounds=ComplaintGroundType.many(g.code for g in acceptance.grounds),
                   referral=acceptance.referral, confidential=acceptance.confidential,
                   forwarded_to_responsible_unit=acceptance.forwarded_to_responsible_unit,
                   feedback_required=acceptance.feedback_required, rules=RuleReferenceType.many(acceptance.rules))


from core.departments import types as department_types  # noqa: E402
from core.halls import types as hall_types  # noqa: E402
from core.staff import types as staff_types  # noqa: E402
from core.windows import types as window_types  # noqa: E402
