"""signAttendanceCorrection: the signer the rule names (panyu Art 64: the department head or delegate) signs or refuses."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core import clock
from core.attendance import service as attendance_service
from core.attendance.types import AttendanceCorrectionType, AttendanceRecordType
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.policy.access import policy_in_session
from core.staff import service as staff_service
from core.staff.access import require_decider


@strawberry.input
class SignAttendanceCorrectionInput:
    correction_id: strawberry.ID
    approve: bool


@strawberry.type
class SignAttendanceCorrectionSuccess:
    correction: AttendanceCorrectionType
    record: AttendanceRecordType | None = strawberry.field(description="the check-in as recorded (null when refused)")


SignAttendanceCorrectionResult = Annotated[Union[SignAttendanceCorrectionSuccess, *ERROR_TYPES],
                                           strawberry.union("SignAttendanceCorrectionResult")]


async def sign_attendance_correction(info: Info, input: SignAttendanceCorrectionInput) -> SignAttendanceCorrectionResult:
    ctx = info.context

    async def body(session, call):
        correction = await attendance_service.get_correction(
            session, correction_id=from_global_id(input.correction_id, "AttendanceCorrection")[1])
        call.acted(target_type="AttendanceCorrection", target_id=correction.id)
        sides = await staff_service.get_with_sides(session, staff_id=correction.staff_id,
                                                   enabled=ctx.plugins.enabled_codes)
        domain = require_decider(ctx, obj="attendance", act="sign_correction", role=correction.signer_role,
                                 side=correction.signer_side, sides=sides)
        policy = await policy_in_session(session, ctx.plugins, sides.hall.jurisdiction_code)
        record = await attendance_service.sign_correction(session, policy=policy, correction=correction,
                                                          approve=input.approve, signed_by=ctx.actor.user_id,
                                                          now=clock.now())
        call.acted(domain=domain, before={"status": "filed"},
                   after={"status": correction.status, "record_verdict": record.verdict if record else None})
        return SignAttendanceCorrectionSuccess(
            correction=AttendanceCorrectionType.from_model(correction),
            record=AttendanceRecordType.from_model(record) if record else None)

    return await run_mutation(info, "signAttendanceCorrection", body)
