"""Nanbu's rules: 《南部山区政务服务中心工作制度汇编》, 2020 (seed 003).

The compilation is a set of named systems (制度) with numbered clauses, so an
article reads e.g. "考勤制度 三". Pure functions; each answer names its rule.
"""

from __future__ import annotations

from datetime import date, time

from core.policy import attendance, cases, complaints, leave, ratings
from core.policy.calendar import WorkingCalendar
from core.policy.duty import duty_plan as make_duty_plan, holiday_duty_slots
from core.policy.hours import closed, schedule_weekday, staff_hours as make_staff_hours
from core.policy.rules import RuleSet
from core.policy.types import (
    SOURCE_DEFAULT,
    ApprovalStep,
    BlacklistDecision,
    CaseDeadline,
    CheckInPlan,
    ComplaintAcceptance,
    ComplaintChannel,
    ComplaintDeadline,
    ComplaintFacts,
    DayStatus,
    DutyPlan,
    DutySlot,
    LeaveChain,
    LeaveKind,
    LeaveRequirements,
    PublicationCadence,
    RatingScale,
    ServiceHours,
    StaffHours,
    TimeSpan,
)
from plugins.nanbu import PLUGIN_VERSION

CODE = "nanbu"
DOCUMENT = "南部山区政务服务中心工作制度汇编（2020年8月）"

RULES = RuleSet(source=CODE, source_document=DOCUMENT, plugin_version=PLUGIN_VERSION)

# ---------------------------------------------------------------------------
# Hours and attendance (考勤制度 一)
# ---------------------------------------------------------------------------

HOURS = RULES.define(
    "nanbu.hours.service",
    topic="service_hours",
    title="工作时间",
    summary="Working days 09:00–12:00 and 13:30–17:00.",
    article="考勤制度 一",
)
CHECK_INS = RULES.define(
    "nanbu.attendance.check_ins",
    topic="check_ins",
    title="大厅考勤与随时点名",
    summary="Staff check in at the hall by 09:00 and out from 17:00; roll calls at random times during work.",
    article="考勤制度 一",
)
PUBLICATION = RULES.define(
    "nanbu.attendance.publication",
    topic="attendance_publication",
    title="考勤每周公布",
    summary="Attendance is published weekly and used for assessment.",
    article="考勤制度 一",
)

PUBLIC_HOURS = (TimeSpan(time(9, 0), time(12, 0)), TimeSpan(time(13, 30), time(17, 0)))
SIGN_IN_BY = time(9, 0)
SIGN_OUT_FROM = time(17, 0)


def service_hours(day: date, status: DayStatus) -> ServiceHours:
    if not status.workday:
        return closed(day, status, (HOURS.ref,), configurable=False)
    _, makeup_rules = schedule_weekday(status)
    return ServiceHours(day, True, PUBLIC_HOURS, (), "working_day", False, False, status, (HOURS.ref, *makeup_rules))


def staff_hours(day: date, status: DayStatus) -> StaffHours:
    return make_staff_hours(day, status, SIGN_IN_BY, SIGN_OUT_FROM, (HOURS.ref,))


def check_in_plan(day: date, status: DayStatus) -> CheckInPlan:
    slots = attendance.sign_in_and_out(SIGN_IN_BY, SIGN_OUT_FROM)
    return attendance.check_in_plan(day, status, slots, (CHECK_INS.ref, HOURS.ref), random_roll_calls=True)


def publication() -> PublicationCadence:
    return attendance.publication("weekly", (PUBLICATION.ref,))


# ---------------------------------------------------------------------------
# Leave (考勤制度 二-四; AB角制度)
# ---------------------------------------------------------------------------

LEAVE_SHORT = RULES.define(
    "nanbu.leave.short_absence",
    topic="leave_chain",
    title="短时离开",
    summary="A short absence from the centre is approved and registered by 政务服务科 before leaving.",
    article="考勤制度 三",
)
LEAVE_SHORT_THRESHOLD = RULES.define(
    "nanbu.leave.short_absence_threshold",
    topic="leave_chain",
    title="短时离开以1小时为限",
    summary="An absence under 1 hour counts as short (the source names no threshold).",
    article="考勤制度 三",
    source=SOURCE_DEFAULT,
)
LEAVE_HALF_DAY = RULES.define(
    "nanbu.leave.half_day",
    topic="leave_chain",
    title="半天以内",
    summary="Up to half a day: the head of 政务服务科 approves.",
    article="考勤制度 三",
)
LEAVE_UNDER_THREE_DAYS = RULES.define(
    "nanbu.leave.under_three_days",
    topic="leave_chain",
    title="半天以上3天以下",
    summary="More than half a day and under 3 days: the unit's deputy head, then the centre head; filed with 政务服务科.",
    article="考勤制度 三",
)
LEAVE_THREE_DAYS_OR_MORE = RULES.define(
    "nanbu.leave.three_days_or_more",
    topic="leave_chain",
    title="3天以上（含3天）",
    summary="3 days or more: the unit's principal head, then the centre head; filed with 政务服务科.",
    article="考勤制度 三",
)
B_ROLE = RULES.define(
    "nanbu.leave.b_role_substitute",
    topic="leave_substitute",
    title="先定B角后准假",
    summary="Leave is granted only after the substitute (B角) is named; leaving without one counts as absence.",
    article="考勤制度 四; AB角制度 一、三",
)
LEAVE_KINDS_RULE = RULES.define(
    "nanbu.leave.kinds",
    topic="leave_kinds",
    title="因公外出、事假、病假均须请假",
    summary="Official business away, personal and sick leave all go through the leave procedure; sick leave "
    "needs a hospital certificate.",
    article="考勤制度 二",
)

SHORT_ABSENCE_HOURS = 1.0
HALF_DAY = 0.5
THREE_DAYS = 3.0
SERVICE_SECTION = "service_section"  # 政务服务科


def leave_chain(days: float, hours: float | None, kind: str) -> LeaveChain:
    leave.check_leave(kind, days, hours)
    common = dict(kind=kind, days=days, hours=hours)
    if hours is not None and hours < SHORT_ABSENCE_HOURS and days <= HALF_DAY:
        return leave.leave_chain(
            **common,
            band="short_absence",
            steps=(ApprovalStep(SERVICE_SECTION, "hall", "政务服务科（批准并登记）", "approve"),),
            rules=(LEAVE_SHORT.ref, LEAVE_SHORT_THRESHOLD.ref),
        )
    filed = ApprovalStep(SERVICE_SECTION, "hall", "政务服务科", "file")
    centre_head = ApprovalStep("centre_head", "hall", "政务中心负责人", "approve")
    if days <= HALF_DAY:
        band, rule = "up_to_half_day", LEAVE_HALF_DAY
        steps: tuple[ApprovalStep, ...] = (ApprovalStep("service_section_head", "hall", "政务服务科负责人", "approve"),)
    elif days < THREE_DAYS:
        band, rule = "over_half_day_under_three_days", LEAVE_UNDER_THREE_DAYS
        steps = (ApprovalStep("unit_deputy_head", "department", "单位分管负责人", "approve"), centre_head, filed)
    else:
        band, rule = "three_days_or_more", LEAVE_THREE_DAYS_OR_MORE
        steps = (ApprovalStep("unit_principal", "department", "单位主要负责人", "approve"), centre_head, filed)
    return leave.leave_chain(
        **common, band=band, steps=steps, b_role_substitute_required=True, rules=(rule.ref, B_ROLE.ref)
    )


SICK_CERTIFICATE = RULES.define(
    "nanbu.leave.sick_certificate",
    topic="leave_requirements",
    title="病假凭医院证明",
    summary="Sick leave is granted on a hospital certificate: the certificate is attached before any approval.",
    article="考勤制度 二(二)",
)
PHONE_LEAVE = RULES.define(
    "nanbu.leave.phone",
    topic="leave_phone",
    title="电话请假，事后补办",
    summary="Whoever cannot do the paperwork in time for a special reason may ask for leave by phone; the leave "
    "paperwork follows with valid proof.",
    article="考勤制度 二(三)",
)
PHONE_PAPERWORK = RULES.define(
    "nanbu.leave.phone_paperwork",
    topic="leave_phone_paperwork",
    title="电话请假补办期限",
    summary="The paperwork of a leave asked by phone follows within 1 working day (default, configurable by the "
    "jurisdiction admin: leave.phone_paperwork_working_days); the seed says only 事后.",
    article="考勤制度 二(三)",
    source=SOURCE_DEFAULT,
)
DEFAULT_PAPERWORK_WORKING_DAYS = 1


def leave_requirements(kind: str, paperwork_working_days: int | None) -> LeaveRequirements:
    """R6: sick leave on a hospital certificate (二(二)); any leave by phone, the paperwork after (二(三))."""
    rules = [PHONE_LEAVE.ref]
    if paperwork_working_days is None:
        rules.append(PHONE_PAPERWORK.ref)
    days = DEFAULT_PAPERWORK_WORKING_DAYS if paperwork_working_days is None else paperwork_working_days
    if kind == "sick":
        return LeaveRequirements(kind, "hospital_certificate", "医院证明", True, days, (SICK_CERTIFICATE.ref, *rules))
    return LeaveRequirements(kind, None, None, True, days, tuple(rules))


def leave_kinds() -> tuple[LeaveKind, ...]:
    return tuple(
        LeaveKind(code, title, "approved", (LEAVE_KINDS_RULE.ref,)) for code, title in leave.LEAVE_KIND_TITLES.items()
    )


# ---------------------------------------------------------------------------
# Ratings (好差评制度 二): the five levels; scores are the Shandong default
# ---------------------------------------------------------------------------

RATING_LEVELS = RULES.define(
    "nanbu.rating.levels",
    topic="rating_levels",
    title="好差评五个等级",
    summary="On-site ratings on the device at five levels: 非常满意, 满意, 基本满意, 不满意, 非常不满意.",
    article="好差评制度 二",
)


def rating_scale() -> RatingScale:
    return ratings.rating_scale((5, 4, 3, 2, 1), (RATING_LEVELS.ref, ratings.DEFAULT_SCORES_RULE.ref))


# ---------------------------------------------------------------------------
# Complaints (投诉处理制度)
# ---------------------------------------------------------------------------

COMPLAINT_CHANNELS = RULES.define(
    "nanbu.complaint.channels",
    topic="complaint_channels",
    title="投诉渠道",
    summary="The 找茬 window or suggestion box on site, the complaint line or 12345, or any other lawful way.",
    article="投诉处理制度 一(一)",
)
COMPLAINT_ACCEPTANCE = RULES.define(
    "nanbu.complaint.acceptance",
    topic="complaint_acceptance",
    title="不予受理情形",
    summary="Not accepted: unsigned or without valid contact; no clear target or demand; repeated with no new "
    "facts; for 信访, arbitration, administrative review or litigation; outside the centre's remit. "
    "The complainant is told why.",
    article="投诉处理制度 一(二); 二(一)1",
)
COMPLAINT_DEADLINE = RULES.define(
    "nanbu.complaint.deadline",
    topic="complaint_deadline",
    title="5个工作日内办结",
    summary="Closed within 5 working days of acceptance; if complex, extended with a leader's approval and an "
    "explanation to the complainant; the result is fed back.",
    article="投诉处理制度 二(一)4, 二(二)",
)
COMPLAINT_BLACKLIST = RULES.define(
    "nanbu.complaint.blacklist",
    topic="complaint_blacklist",
    title="恶意投诉黑名单",
    summary="A complainant who fabricates facts or forges evidence is blacklisted, exposed within a certain "
    "scope and reported to their employer; serious cases are referred.",
    article="投诉处理制度 三(二)",
)

CHANNELS = (
    ComplaintChannel("on_site", "现场“找茬”窗口"),
    ComplaintChannel("suggestion_box", "政务服务大厅意见箱"),
    ComplaintChannel("phone", "投诉电话"),
    ComplaintChannel("12345", "12345市民服务热线"),
    ComplaintChannel("other", "其他合法方式"),
)


def complaint_acceptance(facts: ComplaintFacts) -> ComplaintAcceptance:
    return complaints.acceptance(facts, (COMPLAINT_ACCEPTANCE.ref,))


def complaint_deadline(calendar: WorkingCalendar, accepted_on: date) -> ComplaintDeadline:
    return complaints.deadline(
        calendar, accepted_on, complaints.DEFAULT_DEADLINE_WORKING_DAYS, (COMPLAINT_DEADLINE.ref,)
    )


def complaint_blacklist(facts: ComplaintFacts) -> BlacklistDecision:
    malicious = facts.fabricated_facts or facts.forged_evidence
    consequences = ("blacklist", "public_exposure", "notify_employer") if malicious else ()
    return BlacklistDecision(malicious, consequences, (COMPLAINT_BLACKLIST.ref,))


# ---------------------------------------------------------------------------
# Cases (限时办结制度; 一次性告知制度)
# ---------------------------------------------------------------------------

CASE_IMMEDIATE = RULES.define(
    "nanbu.case.immediate",
    topic="case_immediate",
    title="即办件即收即办",
    summary="Simple applications that can be completed on the spot or the same day are done at once.",
    article="限时办结制度 二; 一次性告知制度 三",
)
CASE_RETURNED = RULES.define(
    "nanbu.case.returned",
    topic="case_returned",
    title="退回件当场或当天认定",
    summary="Decided on the spot or the same day; if complex, reviewed within at most 3 days (working days).",
    article="限时办结制度 三",
)
CASE_SUPPLEMENT = RULES.define(
    "nanbu.case.supplement",
    topic="case_supplement",
    title="补办件自材料补齐之日起计时",
    summary="A 补办件通知书 lists every missing material at once; the limit runs from the day they are complete.",
    article="限时办结制度 四; 一次性告知制度 四",
)
CASE_PROMISED = RULES.define(
    "nanbu.case.promised",
    topic="case_promised",
    title="承诺件、联办件在承诺时限内办结",
    summary="承诺件 (needs review or an on-site check) and 联办件 (two or more departments) are completed "
    "within the promised limit.",
    article="限时办结制度 五-六",
)


def case_deadline(
    calendar: WorkingCalendar,
    category: str,
    accepted_on: date,
    promised_working_days: int | None,
    complex_case: bool,
    materials_completed_on: date | None,
) -> CaseDeadline:
    refs = {
        "immediate": CASE_IMMEDIATE.ref,
        "promised": CASE_PROMISED.ref,
        "joint": CASE_PROMISED.ref,
        "supplement": CASE_SUPPLEMENT.ref,
        "returned": CASE_RETURNED.ref,
    }
    return cases.case_deadline(
        calendar,
        category=category,
        accepted_on=accepted_on,
        promised_working_days=promised_working_days,
        complex_case=complex_case,
        materials_completed_on=materials_completed_on,
        refs=refs,
    )


# ---------------------------------------------------------------------------
# Duty (午间值班制度)
# ---------------------------------------------------------------------------

LUNCH_DUTY = RULES.define(
    "nanbu.duty.lunch",
    topic="duty",
    title="午间值班",
    summary="Lunch duty 12:00–13:20 at the first-floor front desk; the person on duty finds a substitute when absent.",
    article="午间值班制度 一、七",
)


def duty_plan(day: date, status: DayStatus) -> DutyPlan:
    slot = DutySlot(
        code="lunch_duty",
        title="午间值班",
        span=TimeSpan(time(12, 0), time(13, 20)),
        location="一楼前台",
        notified_days_ahead=None,
        notified_by=None,
        swaps="person_on_duty_finds_substitute",
    )
    return make_duty_plan(day, status, (slot,), (LUNCH_DUTY.ref,), holiday_duty_slots(), (HOLIDAY_DUTY.ref,))


#: R3 (安全保卫制度 七): "在节假日和特殊时期,坚持领导带班干部值班制度".
HOLIDAY_DUTY = RULES.define(
    "nanbu.duty.holiday",
    topic="duty_holiday",
    title="节假日领导带班、干部值班",
    summary="On holidays and in special periods a leader is in charge and cadres are on duty; those on duty keep "
    "their post and record the handover.",
    article="安全保卫制度 七",
)


# ---------------------------------------------------------------------------
# 无否决权制度
# ---------------------------------------------------------------------------

NO_VETO = RULES.define(
    "nanbu.cases.no_veto",
    topic="refusal_review",
    title="无否决权制度",
    summary="A window may not simply refuse: the reasons and remedies are told at once, 容缺后补 is offered where "
    "possible, and an unclear case is not refused without consulting; a refusal needs a second person's review.",
    article="无否决权制度 二、三",
)


def refusal_review():
    from core.policy.refusals import RefusalReview

    return RefusalReview(required=True, tolerance_first=True, rules=(NO_VETO.ref,))
