"""Imports every table so that `metadata` is complete (Alembic and tests use this)."""

from core.db.base import metadata
from core.jurisdictions.models import Jurisdiction
from core.halls.models import Hall
from core.departments.models import Department, HallDepartment
from core.staff.models import Staff
from core.windows.models import Window, WindowAssignment
from core.items.models import HallItem, ServiceItem
from core.cases.models import Case
from core.ratings.models import Rating
from core.complaints.models import Complaint
from core.auth.models import AccessToken, AuthzState, CasbinRule, User
from core.audit.models import AuditEntry
from core.calendar.models import CalendarConfirmedYear, CalendarOverride
# Staff management: onboarding, replacement, return, conduct, window handovers, attendance, leave, duty,
# patrols, assessment.
from core.staff.models import ConductRecord, StaffOnboarding, StaffReplacement, StaffReturn, StaffTraining
from core.windows.models import WindowHandover
from core.leave.models import LeaveRequest, LeaveStep
from core.attendance.models import AttendanceCorrection, AttendanceDay, AttendanceRecord
from core.duty.models import DutyAssignment
from core.patrols.models import PatrolRecord
from core.assessment.models import AssessmentAdjustment, AssessmentPeriod, AssessmentScore

__all__ = [
    "metadata",
    "Jurisdiction",
    "Hall",
    "Department",
    "HallDepartment",
    "Staff",
    "Window",
    "WindowAssignment",
    "ServiceItem",
    "HallItem",
    "Case",
    "Rating",
    "Complaint",
    "User",
    "AccessToken",
    "CasbinRule",
    "AuthzState",
    "AuditEntry",
    "CalendarOverride",
    "CalendarConfirmedYear",
    "StaffOnboarding",
    "StaffTraining",
    "StaffReplacement",
    "StaffReturn",
    "ConductRecord",
    "WindowHandover",
    "LeaveRequest",
    "LeaveStep",
    "AttendanceRecord",
    "AttendanceDay",
    "AttendanceCorrection",
    "DutyAssignment",
    "PatrolRecord",
    "AssessmentPeriod",
    "AssessmentScore",
    "AssessmentAdjustment",
]
