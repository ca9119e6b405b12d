"""fileAttendanceCorrection: 考勤补签单 for a missed check-in — only for the reasons the jurisdiction allows."""

from __future__ import annotations

from datetime import date, time
from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core import clock
from core.attendance import service as attendance_service
from core.attendance.types import AttendanceCorrectionType, CorrectionReasonEnum
from core.audit.service import snapshot
from core.auth.access import hall_scope, require_self_or
from core.graphql.errors import RULED_ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.policy.access import policy_in_session
from core.staff import service as staff_service

AUDITED = ("staff_id", "attendance_on", "slot", "reason", "corrected_time", "status", "signer_role", "rule_ids")


@strawberry.input
class AttendanceCorrectionInput:
    staff_id: strawberry.ID
    day: date
    slot: str = strawberry.field(description="the plan's slot code, e.g. in")
    reason: CorrectionReasonEnum
    corrected_time: time = strawberry.field(description="when the staff member was actually there")
    note: str | None = None


@strawberry.type
class AttendanceCorrectionSuccess:
    correction: AttendanceCorrectionType


AttendanceCorrectionResult = Annotated[Union[AttendanceCorrectionSuccess, *RULED_ERROR_TYPES],
                                       strawberry.union("AttendanceCorrectionResult")]


async def file_attendance_correction(info: Info, input: AttendanceCorrectionInput) -> AttendanceCorrectionResult:
    ctx = info.context

    async def body(session, call):
        sides = await staff_service.get_with_sides(session, staff_id=from_global_id(input.staff_id, "Staff")[1],
                                                   enabled=ctx.plugins.enabled_codes)
        call.acted(target_type="Staff", target_id=sides.staff.id)
        domain = require_self_or(ctx, own=("attendance", "request_correction"), others=("attendance", "write"),
                                 scope=hall_scope(ctx, sides.hall), staff_id=sides.staff.id)
        policy = await policy_in_session(session, ctx.plugins, sides.hall.jurisdiction_code)
        correction = await attendance_service.file_correction(
            session, policy=policy, sides=sides, day=input.day, slot_code=input.slot, reason=input.reason.value,
            corrected_time=input.corrected_time, note=input.note, filed_by=ctx.actor.user_id, now=clock.now())
        call.acted(domain=domain, target_type="AttendanceCorrection", target_id=correction.id,
                   after=snapshot(correction, AUDITED))
        return AttendanceCorrectionSuccess(correction=AttendanceCorrectionType.from_model(correction))

    return await run_mutation(info, "fileAttendanceCorrection", body)
