"""Imports every table so that `metadata` is complete (Alembic and tests use this)."""

from core.db.base import metadata
from core.jurisdictions.models import Jurisdiction, JurisdictionRuleSetting
from core.halls.models import Hall
from core.departments.models import Department, HallDepartment
from core.staff.models import Staff
from core.windows.models import Window, WindowAssignment
from core.items.models import HallItem, HallItemRequest, ItemNotice, ServiceItem
from core.cases.models import Case, CaseAnomaly, CorrectionNotice, CreditRecord
from core.queue.models import QueueEvent, QueueTicket
from core.appointments.models import Appointment, AppointmentSetting
from core.documents.models import CaseDocument
from core.work_orders.models import WorkOrder, WorkOrderEvent
from core.refusals.models import CaseReturnReview
from core.notifications.models import Notification, NotificationOptOut
from core.inquiries.models import FirstInquiry
from core.db.sequence import DailySequence
from core.ratings.models import Rating, RatingAppeal, RatingReminder
from core.complaints.models import Complaint, ComplaintBlacklistEntry, ComplaintNote
from core.auth.models import AccessToken, AuthzState, CasbinRule, User
from core.audit.models import AuditEntry
from core.calendar.models import CalendarConfirmedYear, CalendarOverride
from core.outbox.models import OutboxEvent
from core.reporting.models import IngestedEvent, ReportedCase, ReportedEntity, ReportedRating
from core.rollups.models import RollupCase, RollupCaseClock, RollupComplaint, RollupRating, RollupTicket
# Staff management: onboarding, replacement, return, conduct, window handovers, attendance, leave, duty,
# patrols, assessment.
from core.staff.models import ConductRecord, StaffOnboarding, StaffReplacement, StaffReturn, StaffTraining
from core.windows.models import WindowHandover
from core.leave.models import LeaveAttachment, LeaveRequest, LeaveStep
from core.attendance.models import (AfterHoursRegistration, AttendanceCorrection, AttendanceDay, AttendanceDevice,
                                    AttendanceRecord)
from core.duty.models import DutyAssignment
from core.patrols.models import PatrolRecord
from core.assessment.models import AssessmentAdjustment, AssessmentPeriod, AssessmentScore
from core.bulletin.models import BulletinEntry
# Personal data: the read log (core.pii).
from core.pii.models import PersonalDataAccess

__all__ = [
    "metadata",
    "BulletinEntry",
    "Appointment",
    "AppointmentSetting",
    "CaseDocument",
    "WorkOrder",
    "WorkOrderEvent",
    "CaseReturnReview",
    "Notification",
    "NotificationOptOut",
    "FirstInquiry",
    "PersonalDataAccess",
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
    "RatingAppeal",
    "RatingReminder",
    "ComplaintNote",
    "ComplaintBlacklistEntry",
    "User",
    "AccessToken",
    "CasbinRule",
    "AuthzState",
    "AuditEntry",
    "CalendarOverride",
    "CalendarConfirmedYear",
    "OutboxEvent",
    "IngestedEvent",
    "ReportedEntity",
    "ReportedRating",
    "ReportedCase",
    "HallItemRequest",
    "ItemNotice",
    "CorrectionNotice",
    "CreditRecord",
    "CaseAnomaly",
    "QueueTicket",
    "QueueEvent",
    "DailySequence",
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
    "RollupCase",
    "RollupCaseClock",
    "RollupTicket",
    "RollupRating",
    "RollupComplaint",
]
