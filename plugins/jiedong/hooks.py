"""Hook implementations for jiedong: thin wrappers around the pure rules in ``rules.py``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time

from core.plugins import hookimpl
from core.plugins.info import JurisdictionInfo, SourceDocument
from core.policy.calendar import WorkingCalendar
from core.policy.types import (
    AssessmentScheme,
    PeriodScore,
    CaseCategory,
    CaseDeadline,
    CheckInPlan,
    CheckInVerdict,
    ComplaintAcceptance,
    ComplaintDeadline,
    ComplaintFacts,
    LeaveChain,
    LeaveKind,
    OnboardingRule,
    PolicyRule,
    ServiceHours,
    StaffHours,
)
from plugins.guangdong import hooks as guangdong
from plugins.jiedong import PLUGIN_VERSION, rules

CODE = "jiedong"

# 好差评: the Guangdong provincial rules, answered once for all Guangdong counties.
guangdong.join(CODE)


@hookimpl
def tingwu_jurisdiction_info() -> JurisdictionInfo:
    return JurisdictionInfo(
        code=CODE,
        name='揭阳市揭东区',
        name_en='Jiedong District, Jieyang',
        province='广东',
        province_code='44',
        region_code='445203',
        managing_body='揭东区政务服务和数据管理局',
        plugin_version=PLUGIN_VERSION,
        case_serial_prefix='JD',
        source_documents=(
            SourceDocument(title='关于进一步优化政务服务中心管理制度（试行）', issued_by='揭阳市揭东区政务服务和数据管理局', year=2024, reference='揭东政务和数据局〔2024〕7号'),
        ),
    )


# The policy hooks below answer only for this jurisdiction; for any other they
# return None and the next plugin (finally the national baseline) answers.


@hookimpl
def tingwu_policy_rules(jurisdiction: str) -> list[PolicyRule] | None:
    if jurisdiction != CODE:
        return None
    return list(rules.RULES.all())


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
def tingwu_judge_check_in(
    jurisdiction: str, plan: CheckInPlan, slot: str, at: time | None, excused: bool
) -> CheckInVerdict | None:
    if jurisdiction != CODE:
        return None
    return rules.judge_check_in(plan, slot, at, excused)


# -- Leave -------------------------------------------------------------------------


@hookimpl
def tingwu_leave_chain(jurisdiction: str, days: float, hours: float | None, kind: str) -> LeaveChain | None:
    if jurisdiction != CODE:
        return None
    return rules.leave_chain(days, hours, kind)


@hookimpl
def tingwu_leave_kinds(jurisdiction: str) -> tuple[LeaveKind, ...] | None:
    if jurisdiction != CODE:
        return None
    return rules.leave_kinds()


# -- Staff changes -----------------------------------------------------------------


@hookimpl
def tingwu_onboarding_rule(jurisdiction: str) -> OnboardingRule | None:
    if jurisdiction != CODE:
        return None
    return rules.onboarding()


# -- Complaints ----------------------------------------------------------------------------


@hookimpl
def tingwu_complaint_acceptance(jurisdiction: str, complaint: ComplaintFacts) -> ComplaintAcceptance | None:
    if jurisdiction != CODE:
        return None
    return rules.complaint_acceptance(complaint)


@hookimpl
def tingwu_complaint_deadline(
    jurisdiction: str, calendar: WorkingCalendar, accepted_on: date, work_order_due_on: date | None
) -> ComplaintDeadline | None:
    if jurisdiction != CODE:
        return None
    return rules.complaint_deadline(calendar, accepted_on, work_order_due_on)


# -- Cases -------------------------------------------------------------------------------------


@hookimpl
def tingwu_case_categories(jurisdiction: str) -> tuple[CaseCategory, ...] | None:
    if jurisdiction != CODE:
        return None
    return rules.case_categories()


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


# --- assessment (R4: monthly cadence, Art 26) -----------------------------------------------------------


@hookimpl
def tingwu_assessment_scheme(jurisdiction: str) -> AssessmentScheme | None:
    return rules.assessment_scheme() if jurisdiction == CODE else None


@hookimpl
def tingwu_assessment_formula(jurisdiction: str, cadence: str, metrics: Mapping[str, float]) -> PeriodScore | None:
    return rules.period_score(cadence, metrics) if jurisdiction == CODE else None
