"""Hook implementations for panyu: thin wrappers around the pure rules in ``rules.py``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from core.plugins import hookimpl
from core.plugins.info import JurisdictionInfo, SourceDocument
from core.policy.calendar import WorkingCalendar
from core.policy.types import (
    AnomalyReport,
    AssessmentScheme,
    BulletinSpec,
    CaseActivity,
    CheckInPlan,
    CorrectionDecision,
    DutyPlan,
    OnboardingRule,
    PolicyRule,
    ReplacementRule,
    StaffHours,
    SystemFailureHandling,
)
from plugins.guangdong import hooks as guangdong
from plugins.panyu import PLUGIN_VERSION, rules

CODE = "panyu"

# 好差评: the Guangdong provincial rules, answered once for all Guangdong counties.
guangdong.join(CODE)


@hookimpl
def tingwu_jurisdiction_info() -> JurisdictionInfo:
    return JurisdictionInfo(
        code=CODE,
        name='广州市番禺区',
        name_en='Panyu District, Guangzhou',
        province='广东',
        province_code='44',
        region_code='440113',
        managing_body='番禺区政务服务数据管理局',
        plugin_version=PLUGIN_VERSION,
        case_serial_prefix='PY',
        source_documents=(
            SourceDocument(title='番禺区政务服务中心管理办法', issued_by='番禺区政务服务数据管理局', year=None, reference=None),
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
def tingwu_attendance_correction(jurisdiction: str, reason: str) -> CorrectionDecision | None:
    return rules.correction(reason) if jurisdiction == CODE else None


@hookimpl
def tingwu_attendance_system_failure(jurisdiction: str, day: date) -> SystemFailureHandling | None:
    return rules.system_failure(day) if jurisdiction == CODE else None


# -- Staff changes -----------------------------------------------------------------


@hookimpl
def tingwu_onboarding_rule(jurisdiction: str) -> OnboardingRule | None:
    return rules.onboarding() if jurisdiction == CODE else None


@hookimpl
def tingwu_replacement_rule(jurisdiction: str) -> ReplacementRule | None:
    return rules.replacement() if jurisdiction == CODE else None


# -- Cases -------------------------------------------------------------------------------


@hookimpl
def tingwu_case_anomalies(
    jurisdiction: str,
    cases: Sequence[CaseActivity],
    as_of: date,
    threshold: int | None,
    window_days: int | None,
    volume_multiple: float | None,
    volume_floor: int | None,
) -> AnomalyReport | None:
    if jurisdiction != CODE:
        return None
    return rules.case_anomalies(cases, as_of, threshold, window_days, volume_multiple, volume_floor)


# -- Assessment ----------------------------------------------------------------------------


@hookimpl
def tingwu_assessment_scheme(jurisdiction: str) -> AssessmentScheme | None:
    return rules.scheme() if jurisdiction == CODE else None


# -- Duty, bulletin ------------------------------------------------------------------------


@hookimpl
def tingwu_duty_plan(jurisdiction: str, calendar: WorkingCalendar, day: date) -> DutyPlan | None:
    if jurisdiction != CODE:
        return None
    return rules.duty_plan(day, calendar.day_status(day))


@hookimpl
def tingwu_bulletin_spec(jurisdiction: str) -> BulletinSpec | None:
    return rules.bulletin() if jurisdiction == CODE else None


# -- Documents ------------------------------------------------------------------


@hookimpl
def tingwu_document_layout(jurisdiction: str, kind):
    if jurisdiction != CODE:
        return None
    return rules.document_layout(kind)
