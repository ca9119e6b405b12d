"""Panyu's rules: 《番禺区政务服务中心管理办法》 (seed 000).

Public service hours are the baseline default (hall-configurable); ratings are
the shared Guangdong rules (:mod:`plugins.guangdong.rules`). Pure functions;
each answer names its rule.
"""

from __future__ import annotations

from dataclasses import replace

from collections.abc import Sequence
from datetime import date, time

from core.policy import assessment, attendance, cases
from core.policy.bulletin import SERVICE_QUALITY_METRICS, bulletin as make_bulletin
from core.policy.duty import duty_plan as make_duty_plan, holiday_duty_slots
from core.policy.hours import staff_hours as make_staff_hours
from core.policy.rules import RuleSet
from core.policy.types import (
    SOURCE_DEFAULT,
    AnomalyReport,
    ApprovalStep,
    AssessmentCadence,
    AssessmentScheme,
    BulletinSpec,
    CaseActivity,
    CheckInPlan,
    CorrectionDecision,
    DayStatus,
    DutyPlan,
    DutySlot,
    OnboardingRule,
    ReplacementRule,
    StaffHours,
    SystemFailureHandling,
    TimeSpan,
)
from plugins.panyu import PLUGIN_VERSION

CODE = "panyu"
DOCUMENT = "番禺区政务服务中心管理办法"

RULES = RuleSet(source=CODE, source_document=DOCUMENT, plugin_version=PLUGIN_VERSION)

# ---------------------------------------------------------------------------
# Attendance (Art 60-65)
# ---------------------------------------------------------------------------

SIGN_IN_OUT = RULES.define(
    "panyu.attendance.sign_in_out",
    topic="staff_hours",
    title="每天两次签到",
    summary="Sign in before 08:30 and sign out after 17:00 each working day; on holidays as actually worked.",
    article="Art 62",
)
TWO_CHECK_INS = RULES.define(
    "panyu.attendance.check_ins",
    topic="check_ins",
    title="每天两次考勤",
    summary="Two check-ins a day: in before 08:30, out after 17:00.",
    article="Art 62",
)
CORRECTION = RULES.define(
    "panyu.attendance.correction",
    topic="attendance_correction",
    title="考勤补签单",
    summary="A missed check-in is corrected with a 考勤补签单 signed by the department head or their delegate "
    "and kept by the hall administrator; only for people at work (forgetting, system fault), never for "
    "lateness, leaving early or absence.",
    article="Art 64",
)
SYSTEM_FAILURE = RULES.define(
    "panyu.attendance.system_failure",
    topic="attendance_system_failure",
    title="考勤系统故障手工考勤",
    summary="When the attendance system fails, call maintenance; attendance is taken by hand that day.",
    article="Art 65",
)

SIGN_IN_BY = time(8, 30)
SIGN_OUT_FROM = time(17, 0)


def staff_hours(day: date, status: DayStatus) -> StaffHours:
    return make_staff_hours(day, status, SIGN_IN_BY, SIGN_OUT_FROM, (SIGN_IN_OUT.ref,))


def check_in_plan(day: date, status: DayStatus) -> CheckInPlan:
    slots = attendance.sign_in_and_out(SIGN_IN_BY, SIGN_OUT_FROM)
    return attendance.check_in_plan(day, status, slots, (TWO_CHECK_INS.ref,))


def correction(reason: str) -> CorrectionDecision:
    signer = ApprovalStep("department_head", "department", "本部门负责人或其委托的责任人", "sign")
    return attendance.correction_decision(reason, (signer,), "hall_admin", (CORRECTION.ref,))


def system_failure(day: date) -> SystemFailureHandling:
    return SystemFailureHandling(day, True, "maintenance", (SYSTEM_FAILURE.ref,))


# ---------------------------------------------------------------------------
# Staff (Art 3, 15, 17-20)
# ---------------------------------------------------------------------------

ONBOARDING = RULES.define(
    "panyu.staff.onboarding",
    topic="onboarding",
    title="选派与岗前培训",
    summary="Departments select capable, stable staff; the bureau consents to their entry; staff are trained "
    "in service norms, rules and etiquette before duty.",
    article="Art 3, 15, 17(一)",
)
REPLACEMENT = RULES.define(
    "panyu.staff.replacement",
    topic="replacement",
    title="调换人员提前报备",
    summary="A department replacing staff or arranging a temporary substitute files it with the bureau in advance.",
    article="Art 20",
)


def onboarding() -> OnboardingRule:
    return OnboardingRule(
        steps=(
            ApprovalStep("department", "department", "进驻部门", "propose"),
            ApprovalStep("bureau", "hall", "区政数局", "approve"),
        ),
        training_required=True,
        registration_form=None,
        rules=(ONBOARDING.ref,),
    )


def replacement() -> ReplacementRule:
    return ReplacementRule(
        decided_by="department",
        hall_agreement_required=False,
        written_report_required=False,
        from_preselected_substitutes=False,
        new_before_old=False,
        advance_filing_required=True,
        rules=(REPLACEMENT.ref,),
    )


# ---------------------------------------------------------------------------
# Case anomaly watch (Art 21)
# ---------------------------------------------------------------------------

ANOMALY_WATCH = RULES.define(
    "panyu.case.anomaly_watch",
    topic="case_anomaly",
    title="办件异常情况监控",
    summary="The same applicant repeatedly handling the same item, many applicants on the same item, or one "
    "item terminated on request repeatedly, past a threshold, opens an anomaly investigation.",
    article="Art 21",
)
ANOMALY_THRESHOLD = RULES.define(
    "panyu.case.anomaly_threshold",
    topic="case_anomaly",
    title="异常阈值：30天内3次",
    summary="The threshold is 3 within 30 days unless configured (the source says only 一定数量).",
    article="Art 21",
    source=SOURCE_DEFAULT,
)


ANOMALY_VOLUME = RULES.define(
    "panyu.case.anomaly_volume",
    topic="case_anomaly_volume",
    title="同一事项申请人数异常：对比该事项的正常办件量",
    summary="\"Many applicants on the same item\" is measured against the item's own normal volume: the applicants "
    "of a day reach 3× the item's daily mean over the 30 days before, and at least 10 (default, configurable by "
    "the jurisdiction admin: case.anomaly.volume_multiple, case.anomaly.volume_floor), so a busy item is not an "
    "anomaly by being busy.",
    article="Art 21",
    source=SOURCE_DEFAULT,
)
DEFAULT_VOLUME_MULTIPLE = 3.0
DEFAULT_VOLUME_FLOOR = 10


def case_anomalies(
    cases_seen: Sequence[CaseActivity], as_of: date, threshold: int | None, window_days: int | None,
    volume_multiple: float | None = None, volume_floor: int | None = None,
) -> AnomalyReport:
    """Art 21 (R10): same applicant and repeated terminations by count; many applicants against the item's volume."""
    rules = (ANOMALY_WATCH.ref, ANOMALY_VOLUME.ref)
    if threshold is None or window_days is None:
        rules = (ANOMALY_WATCH.ref, ANOMALY_THRESHOLD.ref, ANOMALY_VOLUME.ref)
    count = threshold if threshold is not None else cases.DEFAULT_ANOMALY_THRESHOLD
    days = window_days if window_days is not None else cases.DEFAULT_ANOMALY_WINDOW_DAYS
    findings = cases.find_case_anomalies(
        cases_seen, as_of=as_of, threshold=count, window_days=days,
        volume_multiple=volume_multiple if volume_multiple is not None else DEFAULT_VOLUME_MULTIPLE,
        volume_floor=volume_floor if volume_floor is not None else DEFAULT_VOLUME_FLOOR)
    return AnomalyReport(True, as_of, count, days, findings, rules)


# ---------------------------------------------------------------------------
# Assessment (Art 17-19, 44, 61)
# ---------------------------------------------------------------------------

ASSESSMENT = RULES.define(
    "panyu.assessment.scheme",
    topic="assessment_scheme",
    title="德能勤绩廉，重点考评实绩",
    summary="The bureau assesses window staff on 德 能 勤 绩 廉 with emphasis on results; its annual opinion "
    "is the main basis of the department's annual result; ratings, attendance and training count.",
    article="Art 17(二), 18, 19, 44, 61",
)


def scheme() -> AssessmentScheme:
    return AssessmentScheme(
        dimensions=assessment.dimensions("de", "neng", "qin", "ji", "lian"),
        cadences=(
            AssessmentCadence("annual", "年度考评", "bureau's annual opinion, counting 好差评 results, attendance "
                              "and in-service training"),
        ),
        annual_formula="bureau's annual opinion (ratings, attendance, training; weighted to results)",
        emphasis="重点考评工作实绩",
        grades=assessment.GRADES,
        grade_proposed_by="hall",
        grade_recorded_by="department",
        bottom_watch=None,
        rules=(ASSESSMENT.ref,),
    )


# ---------------------------------------------------------------------------
# Leader duty (Art 66-67)
# ---------------------------------------------------------------------------

LEADER_DUTY = RULES.define(
    "panyu.duty.leader",
    topic="duty",
    title="领导值班轮岗",
    summary="A leader on duty Mon–Fri 08:00–08:30 and 17:00–17:30, notified by SMS a day ahead; a leader who "
    "cannot serve arranges a swap with another duty leader; holidays as adjusted.",
    article="Art 66-67",
)


def duty_plan(day: date, status: DayStatus) -> DutyPlan:
    def slot(start: time, end: time) -> DutySlot:
        return DutySlot(
            code="leader_duty",
            title="领导值班",
            span=TimeSpan(start, end),
            location="负一至三楼各大厅（巡查）",
            notified_days_ahead=1,
            notified_by="sms",
            swaps="between_duty_leaders",
        )

    slots = (slot(time(8, 0), time(8, 30)), slot(time(17, 0), time(17, 30)))
    holiday = holiday_duty_slots(leader_notified_days_ahead=1, leader_notified_by="sms")
    return make_duty_plan(day, status, slots, (LEADER_DUTY.ref,), holiday, (HOLIDAY_DUTY.ref, LEADER_DUTY.ref))


#: R3: holidays are not dead days (Art 62 "遇节假日按实际情况考勤", Art 66(二) "遇节假日根据实际情况调整").
HOLIDAY_DUTY = RULES.define(
    "panyu.duty.holiday",
    topic="duty_holiday",
    title="节假日值班",
    summary="On holidays leader duty continues as adjusted: a leader in charge (领导带班) and a cadre on duty "
    "(干部值班) are rostered, the leader notified by SMS a day ahead.",
    article="Art 66(二), 67",
)


# ---------------------------------------------------------------------------
# Service-quality bulletin (Art 107)
# ---------------------------------------------------------------------------

BULLETIN = RULES.define(
    "panyu.bulletin.service_quality",
    topic="bulletin",
    title="服务质量通报",
    summary="People served, cases, overdue cases, correction rate (non-standard acceptance, intake errors), "
    "satisfaction, praise and complaints.",
    article="Art 107",
)


def bulletin() -> BulletinSpec:
    return make_bulletin(SERVICE_QUALITY_METRICS, (BULLETIN.ref,))


# ---------------------------------------------------------------------------
# Documents (Art 38)
# ---------------------------------------------------------------------------

RECEIPT_QR = RULES.define(
    "panyu.documents.receipt_qr",
    topic="documents",
    title="受理回执上的动态评价二维码",
    summary="Window staff print a dynamic QR code on the acceptance and collection receipts and tell the applicant "
    "they can scan it to rate the service.",
    article="Art 38",
)


def document_layout(kind):
    """The receipt tells the applicant to scan the QR code to rate (Art 38); other documents keep the baseline."""
    from core.policy.documents import DocumentKind, default_layout

    base = default_layout(DocumentKind(kind))
    if kind != DocumentKind.RECEIPT:
        return None
    return replace(base, notes=base.notes + ("请扫描右侧二维码，对本次服务进行“好差评”评价（番禺区政务服务中心）。",),
                   qr_caption="扫码评价（好差评）", rules=(RECEIPT_QR.ref,))
