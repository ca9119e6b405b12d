"""Hook implementations for nanbu: thin wrappers around the pure rules in ``rules.py``."""

from __future__ import annotations

from datetime import date

from core.plugins import hookimpl
from core.plugins.info import JurisdictionInfo, SourceDocument
from core.policy.calendar import WorkingCalendar
from core.policy.types import (
    BlacklistDecision,
    CaseDeadline,
    CheckInPlan,
    ComplaintAcceptance,
    ComplaintChannel,
    ComplaintDeadline,
    ComplaintFacts,
    DutyPlan,
    LeaveChain,
    LeaveKind,
    LeaveRequirements,
    PolicyRule,
    PublicationCadence,
    RatingScale,
    ServiceHours,
    StaffHours,
)
from plugins.nanbu import PLUGIN_VERSION, rules

CODE = "nanbu"


@hookimpl
def tingwu_jurisdiction_info() -> JurisdictionInfo:
    return JurisdictionInfo(
        code=CODE,
        name='济南市南部山区',
        name_en='Southern Mountain Area, Jinan',
        province='山东',
        province_code='37',
        region_code='370100',
        managing_body='南部山区政务服务中心',
        plugin_version=PLUGIN_VERSION,
        case_serial_prefix='NB',
        source_documents=(
            SourceDocument(title='南部山区政务服务中心工作制度汇编', issued_by='南部山区政务服务中心', year=2020, reference=None),
        ),
    )


# The policy hooks below answer only for this jurisdiction; for any other they
# return None and the next plugin (finally the national baseline) answers.


@hookimpl
def tingwu_policy_rules(jurisdiction: str) -> list[PolicyRule] | None:
    return rules.RULES.all() if jurisdiction == CODE else None


# -- Calendar & hours ----------------------------------------------------------


@hookimpl
def tingwu_service_hours(jurisdiction: str, calendar: WorkingCalendar, day: date) -> ServiceHours | None:
    if jurisdiction != CODE:
        return None
    return rules.service_hours(day, calendar.day_status(day))


@hookimpl
def tingwu_staff_hours(jurisdiction: str, calendar: WorkingCalendar, day: date) -> StaffHours | None:
    if jurisdiction != CODE:
        return None
    return rules.staff_hours(day, calendar.day_status(day))


# -- Attendance ------------------------------------------------------------------


@hookimpl
def tingwu_required_check_ins(jurisdiction: str, calendar: WorkingCalendar, day: date) -> CheckInPlan | None:
    if jurisdiction != CODE:
        return None
    return rules.check_in_plan(day, calendar.day_status(day))


@hookimpl
def tingwu_attendance_publication(jurisdiction: str) -> PublicationCadence | None:
    return rules.publication() if jurisdiction == CODE else None


# -- Leave -------------------------------------------------------------------------


@hookimpl
def tingwu_leave_chain(jurisdiction: str, days: float, hours: float | None, kind: str) -> LeaveChain | None:
    if jurisdiction != CODE:
        return None
    return rules.leave_chain(days, hours, kind)


@hookimpl
def tingwu_leave_kinds(jurisdiction: str) -> tuple[LeaveKind, ...] | None:
    return rules.leave_kinds() if jurisdiction == CODE else None


@hookimpl
def tingwu_leave_requirements(jurisdiction: str, kind: str, paperwork_working_days: int | None) -> LeaveRequirements | None:
    return rules.leave_requirements(kind, paperwork_working_days) if jurisdiction == CODE else None


# -- Ratings -------------------------------------------------------------------------


@hookimpl
def tingwu_rating_scale(jurisdiction: str) -> RatingScale | None:
    return rules.rating_scale() if jurisdiction == CODE else None


# -- Complaints ------------------------------------------------------------------------


@hookimpl
def tingwu_complaint_channels(jurisdiction: str) -> tuple[ComplaintChannel, ...] | None:
    return rules.CHANNELS if jurisdiction == CODE else None


@hookimpl
def tingwu_complaint_acceptance(jurisdiction: str, complaint: ComplaintFacts) -> ComplaintAcceptance | None:
    return rules.complaint_acceptance(complaint) if jurisdiction == CODE else None


@hookimpl
def tingwu_complaint_deadline(
    jurisdiction: str, calendar: WorkingCalendar, accepted_on: date
) -> ComplaintDeadline | None:
    return rules.complaint_deadline(calendar, accepted_on) if jurisdiction == CODE else None


@hookimpl
def tingwu_complaint_blacklist(jurisdiction: str, complaint: ComplaintFacts) -> BlacklistDecision | None:
    return rules.complaint_blacklist(complaint) if jurisdiction == CODE else None


# -- Cases -------------------------------------------------------------------------------


@hookimpl
def tingwu_case_deadline(
    jurisdiction: str,
    calendar: WorkingCalendar,
    category: str,
    accepted_on: date,
    promised_working_days: int | None,
    complex_case: bool,
    materials_completed_on: date | None,
) -> CaseDeadline | None:
    if jurisdiction != CODE:
        return None
    return rules.case_deadline(
        calendar, category, accepted_on, promised_working_days, complex_case, materials_completed_on
    )


# -- Duty ----------------------------------------------------------------------------------


@hookimpl
def tingwu_duty_plan(jurisdiction: str, calendar: WorkingCalendar, day: date) -> DutyPlan | None:
    if jurisdiction != CODE:
        return None
    return rules.duty_plan(day, calendar.day_status(day))


# -- 无否决权 -------------------------------------------------------------------


@hookimpl
def tingwu_refusal_review(jurisdiction: str):
    if jurisdiction != CODE:
        return None
    return rules.refusal_review()
