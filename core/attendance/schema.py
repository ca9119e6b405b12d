"""Attendance queries and mutations."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Annotated

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from core.attendance import service as attendance_service
from core.attendance.models import AttendanceCorrection, AttendanceRecord
from core.attendance import devices as attendance_devices
from core.attendance.device_types import AttendanceDeviceType, CheckInShortfallReportType, CheckInShortfallType
from core.attendance.mutations.attendance_after_hours import (
    AfterHoursKindEnum,
    AfterHoursRegistrationType,
    AfterHoursResult,
    register_after_hours,
)
from core.attendance.mutations.attendance_check_in import CheckInResult, record_check_in
from core.attendance.mutations.attendance_device_register import (
    RegisterAttendanceDeviceResult,
    register_attendance_device,
)
from core.attendance.mutations.attendance_device_revoke import RevokeAttendanceDeviceResult, revoke_attendance_device
from core.attendance.mutations.attendance_close_day import CloseAttendanceDayResult, close_attendance_day
from core.attendance.mutations.attendance_file_correction import AttendanceCorrectionResult, file_attendance_correction
from core.attendance.mutations.attendance_manual_day import ManualAttendanceDayResult, declare_manual_attendance_day
from core.attendance.mutations.attendance_sign_correction import (
    SignAttendanceCorrectionResult,
    sign_attendance_correction,
)
from core.attendance.types import (
    AttendanceCorrectionType,
    AttendanceDayType,
    AttendancePublicationType,
    AttendanceRecordType,
    AttendanceSummaryType,
    CorrectionStatusEnum,
    VerdictEnum,
)
from core.errors import DomainError, NotFoundError
from core.graphql.helpers import loader
from core.graphql.relay import Connection, from_global_id, paginate
from core.policy.access import policy_for
from core.staff.access import list_scope, may_read, visible_hall_for
from core.staff.dataloaders import StaffByHallIdLoader, StaffByIdLoader
from core.staff.models import StaffStatus


async def _scope_or_staff(info: Info, *, hall_id, department_id, staff_id):
    """A hall's / a department's rows, or one staff member's (themselves, or either side that reads them)."""
    if hall_id or department_id:
        scope = await list_scope(info, "attendance", hall_id=hall_id, department_id=department_id)
        return scope.hall_ids, scope.department_ids, from_global_id(staff_id, "Staff")[1] if staff_id else None
    if staff_id is None:
        raise DomainError("VALIDATION_FAILED", {"field": "hallId", "reason": "须指定大厅、部门或工作人员",
                                                "reason_en": "give a hallId, a departmentId or a staffId"}, "hallId")
    staff = await loader(info, StaffByIdLoader).load(from_global_id(staff_id, "Staff")[1])
    if staff is None or not await may_read(info, "attendance", hall_id=staff.hall_id,
                                           department_id=staff.department_id, staff_id=staff.id):
        raise NotFoundError("工作人员", "Staff member")
    return None, None, staff.id


@strawberry.type
class AttendanceQuery:
    @strawberry.field(description="加班登记 and 非工作时间进入登记 of a hall overlapping a period (attendance readers; R3)")
    async def after_hours_registrations(self, info: Info, hall_id: strawberry.ID, from_: Annotated[
            date | None, strawberry.argument(name="from")] = None, to: date | None = None,
            kind: AfterHoursKindEnum | None = None) -> list[AfterHoursRegistrationType]:
        from core.attendance import after_hours
        from core.attendance.models import AfterHoursKind, AfterHoursRegistration
        from core.auth.access import hall_scope, require
        from core.halls.schema import visible_hall
        from core.periods import period_bounds

        hall = await visible_hall(info, from_global_id(hall_id, "Hall")[1])
        if hall is None:
            raise NotFoundError("大厅", "Hall")
        require(info.context, "attendance", "read", hall_scope(info.context, hall))
        start, end = period_bounds(from_, to)
        stmt = after_hours.list_statement(hall_id=hall.id, start=start, end=end,
                                          kind=AfterHoursKind(kind.value) if kind else None)
        async with info.context.db.session() as session:
            rows = (await session.execute(stmt.order_by(AfterHoursRegistration.starts_at,
                                                        AfterHoursRegistration.id))).scalars().all()
        return [AfterHoursRegistrationType.from_model(row) for row in rows]

    @strawberry.field(description="每月到厅考勤不足: staff whose role has a monthly minimum of check-ins (jiedong Art 24: "
                      "首席代表、业务骨干 at least 4 a month), with the month's count (attendance readers; R7)")
    async def check_in_shortfall(self, info: Info, hall_id: strawberry.ID,
                                 month: Annotated[str, strawberry.argument(description="YYYY-MM")],
                                 only_short: bool = False) -> CheckInShortfallReportType:
        import calendar as _calendar

        from core.auth.access import hall_scope, require
        from core.halls.schema import visible_hall

        hall = await visible_hall(info, from_global_id(hall_id, "Hall")[1])
        if hall is None:
            raise NotFoundError("大厅", "Hall")
        require(info.context, "attendance", "read", hall_scope(info.context, hall))
        try:
            year, number = (int(part) for part in month.split("-"))
            first = date(year, number, 1)
        except ValueError:
            raise DomainError("VALIDATION_FAILED", {"field": "month", "reason": "格式为 YYYY-MM",
                                                    "reason_en": "use YYYY-MM"}, "month") from None
        last = date(year, number, _calendar.monthrange(year, number)[1])
        policy = await policy_for(info.context, hall.jurisdiction_code)
        async with info.context.db.session() as session:
            plan, rows = await attendance_service.check_in_shortfall(session, policy=policy, hall_id=hall.id,
                                                                     first=first, last=last)
        entries = [CheckInShortfallType(staff_id=staff.id, name=staff.name, position=staff.position, role=role,
                                        required=required, counted=counted, shortfall=max(0, required - counted))
                   for staff, role, required, counted in rows]
        if only_short:
            entries = [e for e in entries if e.shortfall > 0]
        # The jurisdiction's check-in rule sets the minimums (jiedong Art 24); the calendar's rule is not one of them.
        own = [r.id for r in plan.rules if r.id != "national.calendar"][:1]
        return CheckInShortfallReportType(month=month, rule_ids=own, entries=entries)

    @strawberry.field(description="考勤设备 registered in a hall (its attendance-device managers; R2)")
    async def attendance_devices(self, info: Info, hall_id: strawberry.ID,
                                 include_revoked: bool = False) -> list[AttendanceDeviceType]:
        from core.auth.access import hall_scope, require
        from core.halls.schema import visible_hall

        hall = await visible_hall(info, from_global_id(hall_id, "Hall")[1])
        if hall is None:
            raise NotFoundError("大厅", "Hall")
        require(info.context, "attendance_device", "manage", hall_scope(info.context, hall))
        async with info.context.db.session() as session:
            rows = (await session.execute(attendance_devices.list_statement(
                hall_id=hall.id, include_revoked=include_revoked))).scalars().all()
        return [AttendanceDeviceType.from_model(row) for row in rows]

    @strawberry.field(description="考勤记录, newest day first: a hall's, a department's or one staff member's, with filters")
    async def attendance_records(
        self,
        info: Info,
        hall_id: strawberry.ID | None = None,
        department_id: strawberry.ID | None = None,
        staff_id: strawberry.ID | None = None,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
        verdict: list[VerdictEnum] | None = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> Connection[AttendanceRecordType]:
        hall_ids, department_ids, one_staff = await _scope_or_staff(info, hall_id=hall_id, department_id=department_id,
                                                                    staff_id=staff_id)
        stmt = attendance_service.list_statement(hall_ids=hall_ids, department_ids=department_ids, staff_id=one_staff,
                                                 from_on=from_, to_on=to,
                                                 verdicts=[v.value for v in verdict] if verdict else None)
        async with info.context.db.session() as session:
            return await paginate(session, stmt, order_by=(AttendanceRecord.attendance_on, AttendanceRecord.id),
                                  descending=True, first=first, after=after, to_node=AttendanceRecordType.from_model)

    @strawberry.field(description="考勤补签单, newest first")
    async def attendance_corrections(
        self,
        info: Info,
        hall_id: strawberry.ID | None = None,
        department_id: strawberry.ID | None = None,
        staff_id: strawberry.ID | None = None,
        status: list[CorrectionStatusEnum] | None = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> Connection[AttendanceCorrectionType]:
        hall_ids, department_ids, one_staff = await _scope_or_staff(info, hall_id=hall_id, department_id=department_id,
                                                                    staff_id=staff_id)
        stmt = sa.select(AttendanceCorrection.__table__)
        if hall_ids is not None:
            stmt = stmt.where(AttendanceCorrection.hall_id.in_(hall_ids))
        if department_ids is not None:
            stmt = stmt.where(AttendanceCorrection.department_id.in_(department_ids))
        if one_staff is not None:
            stmt = stmt.where(AttendanceCorrection.staff_id == one_staff)
        if status:
            stmt = stmt.where(AttendanceCorrection.status.in_([s.value for s in status]))
        async with info.context.db.session() as session:
            return await paginate(session, stmt, order_by=(AttendanceCorrection.filed_at, AttendanceCorrection.id),
                                  descending=True, first=first, after=after, to_node=AttendanceCorrectionType.from_model)

    @strawberry.field(description="考勤日: manual attendance (system failure) and closing of one day in a hall")
    async def attendance_day(self, info: Info, hall_id: strawberry.ID, day: date) -> AttendanceDayType | None:
        hall = await visible_hall_for(info, "attendance", hall_id)
        async with info.context.db.session() as session:
            row = await attendance_service.get_day(session, hall_id=hall.id, day=day)
        return AttendanceDayType.from_model(row) if row else None

    @strawberry.field(description="考勤公示: the publication period containing `on` (weekly, half-monthly or monthly "
                                  "per the jurisdiction's rule) and each staff member's verdicts in it")
    async def attendance_publication(self, info: Info, hall_id: strawberry.ID, on: date) -> AttendancePublicationType:
        hall = await visible_hall_for(info, "attendance", hall_id)
        policy = await policy_for(info.context, hall.jurisdiction_code)
        cadence = policy.attendance_publication()
        first_on, last_on = cadence.period_containing(on)
        async with info.context.db.session() as session:
            counts = await attendance_service.verdict_counts(session, hall_id=hall.id, first_on=first_on, last_on=last_on)
        by_staff: dict = defaultdict(lambda: defaultdict(int))
        for staff_id, verdict, count in counts:
            by_staff[staff_id][verdict] += count
        staff = await loader(info, StaffByHallIdLoader).load(hall.id)
        listed = [s.id for s in staff if s.status == StaffStatus.ON_DUTY or s.id in by_staff]
        entries = [AttendanceSummaryType(
            on_time=by_staff[s]["on_time"], late=by_staff[s]["late"], early=by_staff[s]["early"],
            missing=by_staff[s]["missing"], off_post=by_staff[s]["off_post"], excused=by_staff[s]["excused"],
            total=sum(by_staff[s].values()), staff_id=s) for s in listed]
        return AttendancePublicationType(cadence=cadence.cadence, period_start=first_on, period_end=last_on,
                                         rule_ids=[r.id for r in cadence.rules], entries=entries)


@strawberry.type
class AttendanceMutation:
    record_check_in: CheckInResult = strawberry.mutation(
        resolver=record_check_in,
        description="考勤打卡: sent by a registered device at the server's clock (R2), or by hand by the hall on a "
        "manual-attendance day; judged on time / late / early / 脱岗 by the jurisdiction's plan")
    register_after_hours: AfterHoursResult = strawberry.mutation(
        resolver=register_after_hours,
        description="加班登记 / 非工作时间进入登记 with the hall (R3: panyu Art 84; nanbu 安全保卫制度 七)")
    register_attendance_device: RegisterAttendanceDeviceResult = strawberry.mutation(
        resolver=register_attendance_device,
        description="登记考勤设备: a 考勤机 or 人脸识别终端 of the hall; returns its credential once (R2)")
    revoke_attendance_device: RevokeAttendanceDeviceResult = strawberry.mutation(
        resolver=revoke_attendance_device, description="停用考勤设备 (R2)")
    declare_manual_attendance_day: ManualAttendanceDayResult = strawberry.mutation(
        resolver=declare_manual_attendance_day, description="考勤系统故障: attendance by hand that day (panyu Art 65)")
    close_attendance_day: CloseAttendanceDayResult = strawberry.mutation(
        resolver=close_attendance_day, description="日终核定: record every missing check-in of the day")
    file_attendance_correction: AttendanceCorrectionResult = strawberry.mutation(
        resolver=file_attendance_correction,
        description="考勤补签单: only for forgetting or a system fault, never to cover lateness (panyu Art 64)")
    sign_attendance_correction: SignAttendanceCorrectionResult = strawberry.mutation(
        resolver=sign_attendance_correction, description="补签单签字: by the signer the jurisdiction's rule names")
