"""Jiedong's rules: 《关于进一步优化政务服务中心管理制度》(试行), 揭东政务和数据局〔2024〕7号 (seed 002).

Pure functions; each answer names the rule (and article) that decided it.
"""

from __future__ import annotations

from datetime import date, time

from core.policy import assessment as _assessment, attendance, cases, complaints, leave
from core.policy.calendar import WorkingCalendar
from core.policy.hours import FRIDAY, closed, schedule_weekday, staff_hours as make_staff_hours
from core.policy.rules import RuleSet
from core.policy.types import (
    ApprovalStep,
    AssessmentCadence,
    AssessmentScheme,
    PeriodScore,
    CaseCategory,
    CaseDeadline,
    CheckInPlan,
    CheckInSlot,
    CheckInVerdict,
    ComplaintAcceptance,
    ComplaintDeadline,
    ComplaintFacts,
    DayStatus,
    LeaveChain,
    LeaveKind,
    OnboardingRule,
    PolicyRule,
    RoleCheckInMinimum,
    RuleRef,
    ServiceHours,
    StaffHours,
    TimeSpan,
)
from plugins.jiedong import PLUGIN_VERSION

CODE = "jiedong"
DOCUMENT = "揭东区《关于进一步优化政务服务中心管理制度》（试行）（揭东政务和数据局〔2024〕7号）"

RULES = RuleSet(source=CODE, source_document=DOCUMENT, plugin_version=PLUGIN_VERSION, effective_from=date(2024, 10, 30))

# ---------------------------------------------------------------------------
# Hours (Art 23)
# ---------------------------------------------------------------------------

SUMMER = RULES.define(
    "jiedong.hours.summer",
    topic="service_hours",
    title="夏季服务时间（5月至10月）",
    summary="Mon–Fri 08:30–11:30; Mon–Thu 14:30–17:30; Fri 14:30–16:30, then 16:30–17:30 internal "
    "(housekeeping and study). Closed on statutory holidays.",
    article="Art 23",
)
WINTER = RULES.define(
    "jiedong.hours.winter",
    topic="service_hours",
    title="冬季服务时间（11月至次年4月）",
    summary="Mon–Fri 08:30–11:30; Mon–Thu 14:00–17:00, then 17:00–17:30 internal; Fri 14:30–16:00, "
    "then 16:00–17:30 internal. Closed on statutory holidays.",
    article="Art 23",
)


def _span(start: str, end: str) -> TimeSpan:
    return TimeSpan.parse(f"{start}-{end}")


_MORNING = _span("08:30", "11:30")
# (public spans, internal spans) per season and day type.
_TIMETABLE: dict[tuple[str, str], tuple[tuple[TimeSpan, ...], tuple[TimeSpan, ...]]] = {
    ("summer", "monday_thursday"): ((_MORNING, _span("14:30", "17:30")), ()),
    ("summer", "friday"): ((_MORNING, _span("14:30", "16:30")), (_span("16:30", "17:30"),)),
    ("winter", "monday_thursday"): ((_MORNING, _span("14:00", "17:00")), (_span("17:00", "17:30"),)),
    ("winter", "friday"): ((_MORNING, _span("14:30", "16:00")), (_span("16:00", "17:30"),)),
}
# The working day ends at 17:30 in every season (public or internal time).
SIGN_IN_BY = time(8, 30)
SIGN_OUT_FROM = time(17, 30)


def season(day: date) -> str:
    """夏季 from 1 May to 31 October, 冬季 from 1 November to 30 April."""
    return "summer" if 5 <= day.month <= 10 else "winter"


def _season_rule(day: date) -> PolicyRule:
    return SUMMER if season(day) == "summer" else WINTER


def timetable(status: DayStatus) -> tuple[str, tuple[TimeSpan, ...], tuple[TimeSpan, ...], tuple[RuleRef, ...]]:
    """(schedule name, public spans, internal spans, rules) for a working day."""
    weekday, makeup_rules = schedule_weekday(status)
    day_type = "friday" if weekday == FRIDAY else "monday_thursday"
    name = season(status.date)
    public, internal = _TIMETABLE[(name, day_type)]
    return f"{name}.{day_type}", public, internal, (_season_rule(status.date).ref, *makeup_rules)


def service_hours(day: date, status: DayStatus) -> ServiceHours:
    if not status.workday:
        return closed(day, status, (_season_rule(day).ref,), configurable=False)
    schedule, public, internal, rules = timetable(status)
    return ServiceHours(day, True, public, internal, schedule, False, False, status, rules)


def staff_hours(day: date, status: DayStatus) -> StaffHours:
    return make_staff_hours(day, status, SIGN_IN_BY, SIGN_OUT_FROM, (_season_rule(day).ref,))


# ---------------------------------------------------------------------------
# Attendance (Art 24-25)
# ---------------------------------------------------------------------------

FOUR_CHECK_INS = RULES.define(
    "jiedong.attendance.check_ins",
    topic="check_ins",
    title="每天四次人脸识别考勤",
    summary="Face-recognition attendance four times each working day; chief representatives and key "
    "staff check in at the hall at least four times a month.",
    article="Art 24",
)
OFF_POST = RULES.define(
    "jiedong.attendance.off_post",
    topic="off_post",
    title="脱岗",
    summary="Lateness, leaving early or going out during work without leave or a report to 政务服务股 counts as 脱岗.",
    article="Art 25",
)


def check_in_plan(day: date, status: DayStatus) -> CheckInPlan:
    slots: tuple[CheckInSlot, ...] = ()
    rules = (FOUR_CHECK_INS.ref,)
    if status.workday:
        _, public, _, hour_rules = timetable(status)
        morning, afternoon = public
        slots = (
            CheckInSlot("am_in", "上午上班", "in", SIGN_IN_BY),
            CheckInSlot("am_out", "上午下班", "out", morning.end),
            CheckInSlot("pm_in", "下午上班", "in", afternoon.start),
            CheckInSlot("pm_out", "下午下班", "out", SIGN_OUT_FROM),
        )
        rules = (FOUR_CHECK_INS.ref, *hour_rules)
    minimums = (
        RoleCheckInMinimum("chief_representative", "首席代表", 4),
        RoleCheckInMinimum("key_staff", "业务骨干", 4),
    )
    return attendance.check_in_plan(
        day, status, slots, rules, method="face_recognition", role_minimums=minimums
    )


def judge_check_in(plan: CheckInPlan, slot: str, at: time | None, excused: bool) -> CheckInVerdict:
    return attendance.judge_check_in(plan, slot, at, excused, unexcused_is_off_post=True, rules=(OFF_POST.ref,))


# ---------------------------------------------------------------------------
# Leave (Art 27-30)
# ---------------------------------------------------------------------------

LEAVE_UNDER_HALF_DAY = RULES.define(
    "jiedong.leave.under_half_day",
    topic="leave_chain",
    title="请假半天内",
    summary="Under half a day: report to 政务服务股, the chief representative approves; the window may not be left empty.",
    article="Art 27-28",
)
LEAVE_HALF_DAY_OR_MORE = RULES.define(
    "jiedong.leave.half_day_or_more",
    topic="leave_chain",
    title="请假半天以上（含半天）",
    summary="Half a day or more: 请假单, the window unit agrees, the chief representative signs, the bureau "
    "leader in charge approves, filed with 政务服务股; a substitute is arranged.",
    article="Art 28",
)
LEAVE_REPORTED = RULES.define(
    "jiedong.leave.reported",
    topic="leave_kinds",
    title="外出勘察、会议报备",
    summary="Site visits, calls and important meetings are reported to 政务服务股, not approved; a substitute is arranged.",
    article="Art 29",
)
LEAVE_RETURN = RULES.define(
    "jiedong.leave.return",
    topic="leave_return",
    title="销假",
    summary="After leave, report to 政务服务股 to close it (销假).",
    article="Art 30",
)

SERVICE_SECTION = "service_section"  # 政务服务股 of the bureau
LEAVE_FORM = "揭阳市揭东区政务服务大厅请假单"
REPORTED_KINDS = ("business_trip", "meeting")
HALF_DAY = 0.5


def leave_chain(days: float, hours: float | None, kind: str) -> LeaveChain:
    leave.check_leave(kind, days, hours)
    common = dict(kind=kind, days=days, hours=hours, window_must_stay_staffed=True)
    if kind in REPORTED_KINDS:
        return leave.leave_chain(
            **common,
            band="reported",
            steps=(ApprovalStep(SERVICE_SECTION, "hall", "政务服务股", "report"),),
            approval_required=False,
            substitute_required=True,
            rules=(LEAVE_REPORTED.ref, LEAVE_RETURN.ref),
        )
    if days < HALF_DAY:
        return leave.leave_chain(
            **common,
            band="under_half_day",
            steps=(
                ApprovalStep(SERVICE_SECTION, "hall", "政务服务股", "report"),
                ApprovalStep(leave.CHIEF_REPRESENTATIVE, "department", "首席代表", "approve"),
            ),
            rules=(LEAVE_UNDER_HALF_DAY.ref, LEAVE_RETURN.ref),
        )
    return leave.leave_chain(
        **common,
        band="half_day_or_more",
        steps=(
            ApprovalStep("window_unit", "department", "窗口单位", "agree"),
            ApprovalStep(leave.CHIEF_REPRESENTATIVE, "department", "首席代表", "sign"),
            ApprovalStep("bureau_leader_in_charge", "hall", "区政务和数据局分管领导", "approve"),
            ApprovalStep(SERVICE_SECTION, "hall", "政务服务股", "file"),
        ),
        substitute_required=True,
        form=LEAVE_FORM,
        rules=(LEAVE_HALF_DAY_OR_MORE.ref, LEAVE_RETURN.ref),
    )


def leave_kinds() -> tuple[LeaveKind, ...]:
    return tuple(
        LeaveKind(
            code,
            leave.LEAVE_KIND_TITLES[code],
            "reported" if code in REPORTED_KINDS else "approved",
            (LEAVE_REPORTED.ref if code in REPORTED_KINDS else LEAVE_HALF_DAY_OR_MORE.ref,),
        )
        for code in leave.LEAVE_KIND_TITLES
    )


# ---------------------------------------------------------------------------
# Staff on duty (Art 6)
# ---------------------------------------------------------------------------

ONBOARDING = RULES.define(
    "jiedong.staff.onboarding",
    topic="onboarding",
    title="窗口人员审定后上岗",
    summary="The chief representative selects staff and sends the list, personal details and duties to the "
    "bureau; they go on duty only after the bureau approves.",
    article="Art 6",
)


def onboarding() -> OnboardingRule:
    return OnboardingRule(
        steps=(
            ApprovalStep(leave.CHIEF_REPRESENTATIVE, "department", "首席代表", "propose"),
            ApprovalStep("bureau", "hall", "区政务和数据局", "approve"),
        ),
        training_required=True,
        registration_form=None,
        rules=(ONBOARDING.ref,),
    )


# ---------------------------------------------------------------------------
# Complaints: 12345 work orders (Art 31, 33)
# ---------------------------------------------------------------------------

WORK_ORDERS = RULES.define(
    "jiedong.complaint.work_order",
    topic="complaint_work_order",
    title="12345工单限时办结",
    summary="Opinions from 12345 are classified and forwarded to the responsible unit, which closes the work "
    "order by its deadline; overdue units are dealt with.",
    article="Art 33",
)


def complaint_acceptance(facts: ComplaintFacts) -> ComplaintAcceptance:
    if facts.work_order_id:
        return complaints.acceptance(
            facts, (WORK_ORDERS.ref, complaints.DEFAULT_ACCEPTANCE_RULE.ref), forwarded_to_responsible_unit=True
        )
    return complaints.default_acceptance(facts)


def complaint_deadline(
    calendar: WorkingCalendar, accepted_on: date, work_order_due_on: date | None
) -> ComplaintDeadline:
    if work_order_due_on is None:
        return complaints.default_deadline(calendar, accepted_on)
    # The work order's own deadline binds; it is set by the 12345 platform, not extended here.
    return ComplaintDeadline(accepted_on, work_order_due_on, None, False, (), (WORK_ORDERS.ref,))


# ---------------------------------------------------------------------------
# Cases (Art 15)
# ---------------------------------------------------------------------------

CATEGORIES = RULES.define(
    "jiedong.case.categories",
    topic="case_categories_extra",
    title="办件类别",
    summary="即办件, 承诺件, 答复件, 联办件, 报批件, 特办件 (and 补办件, 退回件 by default).",
    article="Art 15",
)
IMMEDIATE = RULES.define(
    "jiedong.case.immediate",
    topic="case_immediate",
    title="即办件当场或当天办结",
    summary="即办件 are completed on the spot or the same day.",
    article="Art 15",
)
WITHIN_LIMIT = RULES.define(
    "jiedong.case.within_limit",
    topic="case_promised",
    title="承诺件等在规定时限内办结",
    summary="承诺件, 答复件, 联办件, 报批件 and 特办件 are accepted and completed in the hall within their time limit.",
    article="Art 15",
)

LIMIT_CATEGORIES = ("promised", "reply", "joint", "approval_report", "special")


def case_categories() -> tuple[CaseCategory, ...]:
    return (
        *cases.categories(("immediate", *LIMIT_CATEGORIES), (CATEGORIES.ref,)),
        *cases.categories(("supplement", "returned"), (cases.CATEGORIES_RULE.ref,)),
    )


def case_refs() -> dict[str, RuleRef]:
    refs = cases.default_case_refs()
    refs["immediate"] = IMMEDIATE.ref
    refs.update({code: WITHIN_LIMIT.ref for code in LIMIT_CATEGORIES})
    return refs


def case_deadline(
    calendar: WorkingCalendar,
    category: str,
    accepted_on: date,
    promised_working_days: int | None,
    complex_case: bool,
    materials_completed_on: date | None,
) -> CaseDeadline:
    return cases.case_deadline(
        calendar,
        category=category,
        accepted_on=accepted_on,
        promised_working_days=promised_working_days,
        complex_case=complex_case,
        materials_completed_on=materials_completed_on,
        refs=case_refs(),
        promised_like=LIMIT_CATEGORIES,
    )


# ---------------------------------------------------------------------------
# Assessment (Art 26): attendance counts in the monthly and the annual assessment (R4)
# ---------------------------------------------------------------------------

ASSESSMENT_SCHEME = RULES.define(
    "jiedong.assessment.monthly_cadence",
    topic="assessment_scheme",
    title="月度考核和年度考核",
    summary="Window staff are assessed monthly and annually; attendance is an important basis of both (考勤情况将作为"
    "窗口工作人员月度考核和年度考核的重要依据). The points per item are the baseline's default formula.",
    article="Art 26",
)
MONTHLY = AssessmentCadence("monthly", "月度考核", "attendance and the default items, every month (Art 26)")
ANNUAL = AssessmentCadence("annual", "年度考核", "the year's attendance and the default items (Art 26)")


def assessment_scheme() -> AssessmentScheme:
    """R4: a monthly cadence (and the annual one), as Art 26 says; grades and who decides: the baseline's."""
    base = _assessment.default_scheme()
    return AssessmentScheme(
        dimensions=base.dimensions, cadences=(MONTHLY, ANNUAL),
        annual_formula="the year's attendance and items under the default formula (no quarterly periods)",
        emphasis="考勤情况作为重要依据", grades=base.grades, grade_proposed_by=base.grade_proposed_by,
        grade_recorded_by=base.grade_recorded_by, bottom_watch=None, rules=(ASSESSMENT_SCHEME.ref,),
    )


def period_score(cadence: str, metrics) -> PeriodScore | None:
    """Monthly and annual periods: attendance first (Art 26), with the default formula's other items."""
    if cadence not in ("monthly", "annual"):
        return None
    return _assessment.period_score(cadence, metrics, used=_assessment.DEFAULT_DEDUCTIONS,
                                    rules=(ASSESSMENT_SCHEME.ref, _assessment.DEFAULT_FORMULA_RULE.ref),
                                    term_rule_ids=(ASSESSMENT_SCHEME.id,))
