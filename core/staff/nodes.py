"""`node(id:)` for the staff-management types, each visible to whoever may read it (its hall's office, the staff
member's department, the staff member)."""

from __future__ import annotations

from core.assessment.dataloaders import AssessmentPeriodByIdLoader, AssessmentScoreByIdLoader
from core.assessment.types import AssessmentPeriodType, AssessmentScoreType
from core.attendance.dataloaders import AttendanceCorrectionByIdLoader, AttendanceRecordByIdLoader
from core.attendance.types import AttendanceCorrectionType, AttendanceRecordType
from core.duty.types import DutyAssignmentType
from core.graphql.helpers import loader
from core.graphql.loaders import ByKeyLoader
from core.duty.models import DutyAssignment
from core.leave.dataloaders import LeaveRequestByIdLoader
from core.leave.models import LeaveStep
from core.leave.types import LeaveRequestType, LeaveStepType
from core.patrols.models import PatrolRecord
from core.patrols.types import PatrolRecordType
from core.staff.access import may_read
from core.staff.dataloaders import StaffByIdLoader, StaffOnboardingByIdLoader, StaffReplacementByIdLoader
from core.staff.types import StaffOnboardingType, StaffReplacementType
from core.windows.dataloaders import WindowHandoverByIdLoader
from core.windows.types import WindowHandoverType


class DutyAssignmentByIdLoader(ByKeyLoader):
    model = DutyAssignment


class PatrolRecordByIdLoader(ByKeyLoader):
    model = PatrolRecord


class LeaveStepByIdLoader(ByKeyLoader):
    model = LeaveStep


def _visible(loader_class, obj: str, to_type, *, department: bool = True, staff_field: str | None = "staff_id"):
    """A resolver: the row, if the caller may read ``obj`` for it (the row's department, or its staff member's)."""

    async def resolve(info, object_id):
        row = await loader(info, loader_class).load(object_id)
        if row is None:
            return None
        staff_id = getattr(row, staff_field, None) if staff_field else None
        department_id = getattr(row, "department_id", None)
        if department and department_id is None and staff_id is not None:
            member = await loader(info, StaffByIdLoader).load(staff_id)
            department_id = member.department_id if member else None
        allowed = await may_read(info, obj, hall_id=row.hall_id, department_id=department_id if department else None,
                                 staff_id=staff_id)
        return to_type(row) if allowed else None

    return resolve


async def _leave_step(info, object_id):
    step = await loader(info, LeaveStepByIdLoader).load(object_id)
    if step is None or await _visible(LeaveRequestByIdLoader, "leave", LeaveRequestType.from_model)(
            info, step.leave_request_id) is None:
        return None
    return LeaveStepType.from_model(step)


RESOLVERS = {
    "LeaveRequest": _visible(LeaveRequestByIdLoader, "leave", LeaveRequestType.from_model),
    "LeaveStep": _leave_step,
    "AttendanceRecord": _visible(AttendanceRecordByIdLoader, "attendance", AttendanceRecordType.from_model),
    "AttendanceCorrection": _visible(AttendanceCorrectionByIdLoader, "attendance", AttendanceCorrectionType.from_model),
    "PatrolRecord": _visible(PatrolRecordByIdLoader, "conduct", PatrolRecordType.from_model),
    "AssessmentScore": _visible(AssessmentScoreByIdLoader, "assessment", AssessmentScoreType.from_model),
    "AssessmentPeriod": _visible(AssessmentPeriodByIdLoader, "assessment", AssessmentPeriodType.from_model,
                                 department=False, staff_field=None),
    "StaffOnboarding": _visible(StaffOnboardingByIdLoader, "staff", StaffOnboardingType.from_model),
    "StaffReplacement": _visible(StaffReplacementByIdLoader, "staff", StaffReplacementType.from_model,
                                 staff_field="old_staff_id"),
    "DutyAssignment": _visible(DutyAssignmentByIdLoader, "duty", DutyAssignmentType.from_model, department=False,
                               staff_field="assignee_staff_id"),
    "WindowHandover": _visible(WindowHandoverByIdLoader, "staff", WindowHandoverType.from_model, department=False,
                               staff_field=None),
}
