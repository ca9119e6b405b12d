"""The national baseline (全国通用规则), registered ``trylast``.

It answers every policy hook with the rulebook's national defaults, so a
jurisdiction plugin only implements what its own documents say. It is not a
jurisdiction and so does not implement ``tingwu_jurisdiction_info``.

Answers say ``source="default"`` for a configurable default no source fixes,
and ``source="national"`` for a rule all five source documents agree on
(首问责任制, 一次性告知, 限时办结, the national calendar). The rules and their
pure functions live in the ``core.policy`` family modules; these hookimpls
only forward.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, time

from core.plugins.hookspecs import hookimpl
from core.policy import assessment, attendance, bulletin, complaints, duty, leave, naming, ratings, staff, windows
from core.policy import cases as case_policy  # hook arguments are called ``cases`` and ``hours``
from core.policy import items as item_policy
from core.policy import appointments as appointments_policy
from core.policy import hours as hours_policy
from core.policy.appointments import AppointmentRules
from core.policy import documents as documents_policy
from core.policy.documents import DocumentKind, DocumentLayout
from core.policy import work_orders as work_order_policy
from core.policy.work_orders import WorkOrderRules
from core.policy import refusals as refusal_policy
from core.policy.refusals import RefusalReview
from core.policy import notifications as notification_policy
from core.policy.calendar import WorkingCalendar
from core.policy.rules import BASELINE
from core.policy.types import (
    PeriodScore,
    AnnualScore,
    AnomalyReport,
    AppealReview,
    AppealWindow,
    AskedStaff,
    AssessmentScheme,
    BlacklistDecision,
    BulletinSpec,
    CaseActivity,
    CaseCategory,
    CaseDeadline,
    CheckInPlan,
    CheckInVerdict,
    ComplaintAcceptance,
    ComplaintChannel,
    ComplaintDeadline,
    ComplaintFacts,
    CorrectionDecision,
    DayStatus,
    DeficiencyOutcome,
    DutyPlan,
    FirstAskerDecision,
    HallName,
    ItemChangeApproval,
    LeaveChain,
    LeaveKind,
    LeaveRequirements,
    NameValidation,
    NoticeCheck,
    OnboardingRule,
    PolicyRule,
    PublicationCadence,
    Ranking,
    RateResult,
    RatingDefaultRule,
    RatingReminderRule,
    RatingScale,
    RatingTargets,
    ReplacementRule,
    ReturnDecision,
    ServiceHours,
    StaffHours,
    StaffRecord,
    SystemFailureHandling,
    TimeSpan,
    WindowPlan,
)

# -- Rules catalogue ----------------------------------------------------------


@hookimpl(trylast=True)
def tingwu_policy_rules(jurisdiction: str) -> list[PolicyRule]:
    return BASELINE.all()


# -- Naming -------------------------------------------------------------------


@hookimpl(trylast=True)
def tingwu_standard_hall_name(place: str, level: str, pinyin: str | None) -> HallName:
    return naming.default_hall_name(place, level, pinyin)


@hookimpl(trylast=True)
def tingwu_validate_hall_name(name: str, level: str | None, name_en: str | None) -> NameValidation:
    return naming.default_validation(name, level, name_en)


# -- Calendar & hours ---------------------------------------------------------


@hookimpl(trylast=True)
def tingwu_day_status(calendar: WorkingCalendar, day: date) -> DayStatus:
    return hours_policy.calendar_day_status(calendar, day)


@hookimpl(trylast=True)
def tingwu_service_hours(
    calendar: WorkingCalendar, day: date, configured_hours: tuple[TimeSpan, ...] | None
) -> ServiceHours:
    return hours_policy.default_service_hours(day, calendar.day_status(day), configured_hours)


@hookimpl(trylast=True)
def tingwu_staff_hours(calendar: WorkingCalendar, day: date) -> StaffHours:
    return hours_policy.default_staff_hours(day, calendar.day_status(day))


# -- Attendance -----------------------------------------------------------------


@hookimpl(trylast=True)
def tingwu_required_check_ins(calendar: WorkingCalendar, day: date) -> CheckInPlan:
    status = calendar.day_status(day)
    return attendance.default_check_in_plan(day, status, hours_policy.default_staff_hours(day, status))


@hookimpl(trylast=True)
def tingwu_judge_check_in(plan: CheckInPlan, slot: str, at: time | None, excused: bool) -> CheckInVerdict:
    return attendance.judge_check_in(plan, slot, at, excused)


@hookimpl(trylast=True)
def tingwu_attendance_correction(reason: str) -> CorrectionDecision:
    return attendance.default_correction(reason)


@hookimpl(trylast=True)
def tingwu_attendance_system_failure(day: date) -> SystemFailureHandling:
    return attendance.default_system_failure(day)


@hookimpl(trylast=True)
def tingwu_attendance_publication() -> PublicationCadence:
    return attendance.default_publication()


# -- Leave ------------------------------------------------------------------------


@hookimpl(trylast=True)
def tingwu_leave_chain(days: float, hours: float | None, kind: str) -> LeaveChain:
    return leave.default_leave_chain(days, hours, kind)


@hookimpl(trylast=True)
def tingwu_leave_kinds() -> tuple[LeaveKind, ...]:
    return leave.default_leave_kinds()


@hookimpl(trylast=True)
def tingwu_leave_requirements(kind: str) -> LeaveRequirements:
    return leave.default_leave_requirements(kind)


# -- Staff changes ------------------------------------------------------------------


@hookimpl(trylast=True)
def tingwu_onboarding_rule() -> OnboardingRule:
    return staff.default_onboarding()


@hookimpl(trylast=True)
def tingwu_replacement_rule() -> ReplacementRule:
    return staff.default_replacement()


@hookimpl(trylast=True)
def tingwu_return_to_unit(record: StaffRecord) -> ReturnDecision:
    return staff.default_return()


# -- Ratings ------------------------------------------------------------------------


@hookimpl(trylast=True)
def tingwu_rating_scale() -> RatingScale:
    return ratings.default_rating_scale()


@hookimpl(trylast=True)
def tingwu_rating_default() -> RatingDefaultRule:
    return ratings.default_rating_default()


@hookimpl(trylast=True)
def tingwu_rating_reminder() -> RatingReminderRule:
    return ratings.default_reminder()


@hookimpl(trylast=True)
def tingwu_rating_appeal_window(calendar: WorkingCalendar, level: str, rated_on: date) -> AppealWindow:
    return ratings.default_appeal_window(calendar, level, rated_on)


@hookimpl(trylast=True)
def tingwu_rating_appeal_review(calendar: WorkingCalendar, filed_on: date) -> AppealReview:
    return ratings.default_appeal_review(calendar, filed_on)


@hookimpl(trylast=True)
def tingwu_rating_targets() -> RatingTargets:
    return ratings.default_targets()


@hookimpl(trylast=True)
def tingwu_satisfaction_rate(counts: Mapping[str, int]) -> RateResult:
    return ratings.satisfaction_rate(counts)


# -- Complaints -----------------------------------------------------------------------


@hookimpl(trylast=True)
def tingwu_complaint_channels() -> tuple[ComplaintChannel, ...]:
    return complaints.DEFAULT_CHANNELS


@hookimpl(trylast=True)
def tingwu_complaint_acceptance(complaint: ComplaintFacts) -> ComplaintAcceptance:
    return complaints.default_acceptance(complaint)


@hookimpl(trylast=True)
def tingwu_complaint_deadline(calendar: WorkingCalendar, accepted_on: date) -> ComplaintDeadline:
    return complaints.default_deadline(calendar, accepted_on)


@hookimpl(trylast=True)
def tingwu_complaint_blacklist() -> BlacklistDecision:
    return complaints.default_blacklist()


# -- Service items ----------------------------------------------------------------------


@hookimpl(trylast=True)
def tingwu_item_change_approval(change: str) -> ItemChangeApproval:
    return item_policy.default_item_change_approval(change)


# -- Cases ------------------------------------------------------------------------------


@hookimpl(trylast=True)
def tingwu_case_categories() -> tuple[CaseCategory, ...]:
    return case_policy.default_categories()


@hookimpl(trylast=True)
def tingwu_case_deadline(
    calendar: WorkingCalendar,
    category: str,
    accepted_on: date,
    promised_working_days: int | None,
    complex_case: bool,
    materials_completed_on: date | None,
) -> CaseDeadline:
    return case_policy.case_deadline(
        calendar,
        category=category,
        accepted_on=accepted_on,
        promised_working_days=promised_working_days,
        complex_case=complex_case,
        materials_completed_on=materials_completed_on,
        refs=case_policy.default_case_refs(),
    )


@hookimpl(trylast=True)
def tingwu_deficiency_acceptance(
    item_in_catalog: bool,
    main_materials_complete: bool,
    supplement_due_on: date,
    supplied_on: date | None,
    as_of: date,
) -> DeficiencyOutcome:
    return case_policy.deficiency_outcome(
        item_in_catalog=item_in_catalog,
        main_materials_complete=main_materials_complete,
        supplement_due_on=supplement_due_on,
        supplied_on=supplied_on,
        as_of=as_of,
        credit_record_when_late=False,
        rules=(case_policy.DEFAULT_DEFICIENCY_RULE.ref,),
    )


@hookimpl(trylast=True)
def tingwu_case_anomalies(cases: Sequence[CaseActivity], as_of: date) -> AnomalyReport:
    return case_policy.no_anomaly_watch(as_of)


@hookimpl(trylast=True)
def tingwu_first_asker(asked: Sequence[AskedStaff]) -> FirstAskerDecision:
    return case_policy.first_asker(asked)


@hookimpl(trylast=True)
def tingwu_correction_notice_check(
    required: Sequence[str], supplied: Sequence[str], listed: Sequence[str]
) -> NoticeCheck:
    return case_policy.check_correction_notice(required, supplied, listed)


# -- Assessment ---------------------------------------------------------------------------


@hookimpl(trylast=True)
def tingwu_assessment_scheme() -> AssessmentScheme:
    return assessment.default_scheme()


@hookimpl(trylast=True)
def tingwu_annual_assessment_score(quarterly_scores: Sequence[float], adjustments: Sequence[float]) -> AnnualScore:
    return assessment.default_annual_score(quarterly_scores, adjustments)


@hookimpl(trylast=True)
def tingwu_assessment_formula(cadence: str, metrics: Mapping[str, float]) -> PeriodScore:
    return assessment.default_period_score(cadence, metrics)


@hookimpl(trylast=True)
def tingwu_rank_assessment(scores: Mapping[str, float]) -> Ranking:
    return assessment.default_ranking(scores)


# -- Windows, duty, bulletin ----------------------------------------------------------------


@hookimpl(trylast=True)
def tingwu_window_plan(daily_case_volume: int) -> WindowPlan:
    return windows.default_window_plan(daily_case_volume)


@hookimpl(trylast=True)
def tingwu_duty_plan(day: date) -> DutyPlan:
    return duty.default_duty_plan(day)


@hookimpl(trylast=True)
def tingwu_bulletin_spec() -> BulletinSpec:
    return bulletin.default_bulletin()


# -- Appointments ---------------------------------------------------------------


@hookimpl(trylast=True)
def tingwu_appointment_rules() -> AppointmentRules:
    return appointments_policy.DEFAULT_RULES


# -- Documents ------------------------------------------------------------------


@hookimpl(trylast=True)
def tingwu_document_layout(kind: DocumentKind) -> DocumentLayout:
    return documents_policy.default_layout(DocumentKind(kind))


# -- 12345 work orders ------------------------------------------------------------


@hookimpl(trylast=True)
def tingwu_work_order_rules() -> WorkOrderRules:
    return work_order_policy.DEFAULT_RULES


# -- Refusals ---------------------------------------------------------------------


@hookimpl(trylast=True)
def tingwu_refusal_review() -> RefusalReview:
    return refusal_policy.DEFAULT


# -- Notifications ----------------------------------------------------------------


@hookimpl(trylast=True)
def tingwu_notification_template(kind):
    return notification_policy.default_template(kind)


@hookimpl(trylast=True)
def tingwu_send_notification(message, settings):
    from core.notifications.senders import default_sender

    return default_sender(message, settings)
