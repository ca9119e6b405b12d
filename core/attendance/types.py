"""GraphQL types for attendance."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated

import strawberry
from strawberry.types import Info

from core.attendance.models import (
    AttendanceCorrection,
    AttendanceDay,
    AttendanceRecord,
    CheckInMethod,
    CorrectionReason,
    CorrectionStatus,
    Verdict,
)
from core.graphql.enums import _describe
from core.graphql.helpers import loader
from core.graphql.relay import Node, to_global_id
from core.leave.approvers import deciders_for
from core.staff.dataloaders import StaffByIdLoader
from core.timezones import to_local

CheckInMethodEnum = _describe(CheckInMethod, "考勤方式")
VerdictEnum = _describe(Verdict, "考勤结果")
CorrectionReasonEnum = _describe(CorrectionReason, "补签原因")
CorrectionStatusEnum = _describe(CorrectionStatus, "补签单状态")


@strawberry.type(name="AttendanceRecord", description="考勤记录: one required check-in and its verdict under the jurisdiction's rules")
class AttendanceRecordType(Node):
    id: strawberry.ID
    attendance_on: date
    slot: str = strawberry.field(description="the plan's slot code, e.g. am_in")
    slot_title: str = strawberry.field(description="e.g. 上午上班")
    expected_at: time = strawberry.field(description="due by (in) / allowed from (out), as the plan said that day")
    checked_at: datetime | None = strawberry.field(description="null: no check-in (set when the day was closed)")
    method: CheckInMethodEnum
    verdict: VerdictEnum
    verdict_label: str
    rule_ids: list[str] = strawberry.field(description="the rules that gave the verdict")
    row: strawberry.Private[AttendanceRecord]

    @classmethod
    def from_model(cls, row) -> "AttendanceRecordType":
        verdict = Verdict(row.verdict)
        return cls(id=to_global_id("AttendanceRecord", row.id), attendance_on=row.attendance_on, slot=row.slot,
                   slot_title=row.slot_title, expected_at=row.expected_at, checked_at=to_local(row.checked_at),
                   method=CheckInMethod(row.method), verdict=verdict, verdict_label=verdict.label,
                   rule_ids=list(row.rule_ids or []), row=row)

    @strawberry.field
    async def staff(self, info: Info) -> Annotated["StaffType", strawberry.lazy("core.staff.types")]:
        return staff_types.StaffType.from_model(await loader(info, StaffByIdLoader).load(self.row.staff_id))


@strawberry.type(name="AttendanceDay", description="考勤日: whether attendance is taken by hand that day (the system failed) and whether it is closed")
class AttendanceDayType:
    attendance_on: date
    manual: bool = strawberry.field(description="手工考勤: the attendance system failed")
    manual_reason: str | None
    report_to: str | None = strawberry.field(description="who the failure is reported to, e.g. maintenance")
    closed_at: datetime | None = strawberry.field(description="日终核定: missing check-ins were recorded")
    rule_ids: list[str]

    @classmethod
    def from_model(cls, row: AttendanceDay) -> "AttendanceDayType":
        return cls(attendance_on=row.attendance_on, manual=row.manual, manual_reason=row.manual_reason,
                   report_to=row.report_to, closed_at=to_local(row.closed_at), rule_ids=list(row.rule_ids or []))


@strawberry.type(name="AttendanceCorrection", description="考勤补签单: a slip for a missed check-in, signed by the side the rule names")
class AttendanceCorrectionType(Node):
    id: strawberry.ID
    attendance_on: date
    slot: str
    reason: CorrectionReasonEnum
    reason_label: str
    corrected_time: time
    note: str | None
    status: CorrectionStatusEnum
    status_label: str
    signer_role: str = strawberry.field(description="the rule's signer, e.g. department_head")
    signer_side: str
    signer_title: str = strawberry.field(description="e.g. 本部门负责人或其委托的责任人")
    signer_roles: list[str] = strawberry.field(description="Tingwu roles that may sign it")
    kept_by: str | None = strawberry.field(description="who keeps the slip, e.g. hall_admin")
    rule_ids: list[str]
    filed_at: datetime
    signed_at: datetime | None
    row: strawberry.Private[AttendanceCorrection]

    @classmethod
    def from_model(cls, row) -> "AttendanceCorrectionType":
        reason, status = CorrectionReason(row.reason), CorrectionStatus(row.status)
        deciders = deciders_for(row.signer_role, row.signer_side)
        return cls(id=to_global_id("AttendanceCorrection", row.id), attendance_on=row.attendance_on, slot=row.slot,
                   reason=reason, reason_label=reason.label, corrected_time=row.corrected_time, note=row.note,
                   status=status, status_label=status.label, signer_role=row.signer_role,
                   signer_side=row.signer_side, signer_title=row.signer_title,
                   signer_roles=sorted(r.value for r in deciders.roles) if deciders else [], kept_by=row.kept_by,
                   rule_ids=list(row.rule_ids or []), filed_at=to_local(row.filed_at),
                   signed_at=to_local(row.signed_at), row=row)

    @strawberry.field
    async def staff(self, info: Info) -> Annotated["StaffType", strawberry.lazy("core.staff.types")]:
        return staff_types.StaffType.from_model(await loader(info, StaffByIdLoader).load(self.row.staff_id))


@strawberry.type(name="AttendanceSummary", description="One staff member's verdicts in a publication period")
class AttendanceSummaryType:
    on_time: int
    late: int
    early: int
    missing: int
    off_post: int = strawberry.field(description="脱岗")
    excused: int
    total: int
    staff_id: strawberry.Private[object]

    @strawberry.field
    async def staff(self, info: Info) -> Annotated["StaffType", strawberry.lazy("core.staff.types")]:
        return staff_types.StaffType.from_model(await loader(info, StaffByIdLoader).load(self.staff_id))


@strawberry.type(name="AttendancePublication", description="考勤公示: a hall's attendance for the publication period "
                                                            "(weekly, half-monthly or monthly, per the jurisdiction)")
class AttendancePublicationType:
    cadence: str = strawberry.field(description="weekly | half_monthly | monthly")
    period_start: date
    period_end: date
    rule_ids: list[str]
    entries: list[AttendanceSummaryType]


from core.staff import types as staff_types  # noqa: E402
