"""Frozen dataclasses: the facts policy hooks take and the answers they give.

Every answer carries ``rules``: the :class:`RuleRef` of each rule that decided
it, so the API can say which article of which document (or which configurable
default) an answer comes from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta


class PolicyError(ValueError):
    """A policy question that has no answer, e.g. an unknown case category."""


# ---------------------------------------------------------------------------
# Rules and their sources
# ---------------------------------------------------------------------------

#: ``RuleRef.source`` of a configurable default no source document fixes.
SOURCE_DEFAULT = "default"
#: ``RuleRef.source`` of a national rule every seed agrees on (首问责任制, 一次性告知…).
SOURCE_NATIONAL = "national"


@dataclass(frozen=True)
class RuleRef:
    """The rule that decided an answer: ``RuleRef(id="jiedong.hours.summer", source="jiedong", …)``.

    ``source`` is a jurisdiction code, ``guangdong`` (provincial rules shared by
    the Guangdong plugins), ``national`` or ``default``.
    """

    id: str
    source: str
    document: str | None = None
    article: str | None = None


@dataclass(frozen=True)
class PolicyRule:
    """A rule a plugin (or the national baseline) implements, as listed by ``tingwu_policy_rules``."""

    id: str
    title: str
    summary: str
    topic: str  # what the rule decides; the facade merges baseline rules by topic
    source: str
    source_document: str
    article: str | None
    plugin_version: str
    effective_from: date | None = None

    @property
    def ref(self) -> RuleRef:
        return RuleRef(id=self.id, source=self.source, document=self.source_document, article=self.article)


@dataclass(frozen=True)
class Violation:
    """One broken rule, with a message in Chinese and in English."""

    rule_id: str
    message_zh: str
    message_en: str
    field: str | None = None


# ---------------------------------------------------------------------------
# Naming (RULEBOOK §3)
# ---------------------------------------------------------------------------

#: Hall levels (RULEBOOK §1).
HALL_LEVELS = ("市", "区县", "园区", "镇", "街道", "村", "社区")
#: Levels whose hall is a village/community station (便民服务站) rather than a centre.
STATION_LEVELS = ("村", "社区")


@dataclass(frozen=True)
class HallName:
    """A hall's standard names: Chinese, English full and English short."""

    name_zh: str
    name_en_full: str
    name_en_short: str
    kind: str  # "center" (政务服务中心) | "station" (便民服务站)
    rules: tuple[RuleRef, ...]


@dataclass(frozen=True)
class NameValidation:
    """The verdict on a proposed hall name: valid when no rule is broken."""

    name: str
    name_en: str | None
    violations: tuple[Violation, ...]
    rules: tuple[RuleRef, ...]

    @property
    def valid(self) -> bool:
        return not self.violations


# ---------------------------------------------------------------------------
# Calendar and hours (RULEBOOK §4)
# ---------------------------------------------------------------------------

#: Kinds of day. A day is a working day exactly when its kind is in ``WORKING_DAY_KINDS``.
DAY_KINDS = ("workday", "makeup_workday", "weekend", "statutory_holiday", "local_closure", "extra_workday")
WORKING_DAY_KINDS = frozenset({"workday", "makeup_workday", "extra_workday"})


@dataclass(frozen=True)
class DayOverride:
    """An admin's statement about one date, e.g. a State Council notice for 2027 or a local closure.

    ``kind`` is one of :data:`DAY_KINDS`; ``source`` says who decided it
    (``national`` for a State Council notice, a jurisdiction code for a local closure).
    """

    kind: str
    reason: str | None = None
    source: str = "national"

    def __post_init__(self) -> None:
        if self.kind not in DAY_KINDS:
            raise PolicyError(f"unknown day kind {self.kind!r}; expected one of {', '.join(DAY_KINDS)}")

    @property
    def workday(self) -> bool:
        return self.kind in WORKING_DAY_KINDS


@dataclass(frozen=True)
class DayStatus:
    """Whether a date is a working day, why, and whether that is only an estimate.

    ``basis`` names what decided: ``override``, ``chinese_calendar`` (the
    published national calendar), ``confirmed_year`` (a year whose notice was
    entered as overrides), ``holidays_estimate`` or ``weekday_estimate``.
    """

    date: date
    workday: bool
    kind: str
    reason: str | None
    estimated: bool
    basis: str


_SPAN = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–—~]\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True, order=True)
class TimeSpan:
    """A span of time within one day, ``start`` inclusive, ``end`` exclusive."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise PolicyError(f"time span must end after it starts: {self.start}–{self.end}")

    @classmethod
    def parse(cls, text: str) -> TimeSpan:
        """``TimeSpan.parse("08:30-12:00")``; en dash, em dash and ``~`` work too."""
        match = _SPAN.match(text)
        if match is None:
            raise PolicyError(f"not a time span: {text!r} (expected e.g. 08:30-12:00)")
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        return cls(time(h1, m1), time(h2, m2))

    def __str__(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


@dataclass(frozen=True)
class ServiceHours:
    """Public service spans (对外服务时间) and internal spans (整理内务、学习) of one date.

    ``schedule`` names the timetable that applied, e.g. ``summer.friday``;
    ``configurable`` says whether a hall's own configuration may replace it
    (only when the hours are a *default*); ``configured`` whether it did.
    """

    date: date
    open: bool
    public: tuple[TimeSpan, ...]
    internal: tuple[TimeSpan, ...]
    schedule: str
    configurable: bool
    configured: bool
    day: DayStatus
    rules: tuple[RuleRef, ...]


@dataclass(frozen=True)
class LeaveRequirements:
    """What a kind of leave needs besides its chain (R6): a document before approval, leave by phone."""

    kind: str
    attachment: str | None  # e.g. "hospital_certificate": required before any approval step
    attachment_title: str | None  # e.g. 医院证明
    phone_leave_allowed: bool  # 电话请假 in an emergency, the paperwork follows
    paperwork_working_days: int | None  # …within this many working days of the phone call
    rules: tuple[RuleRef, ...]


@dataclass(frozen=True)
class StaffHours:
    """When window staff sign in (签到, by) and sign out (签退, from) on a date."""

    date: date
    working: bool
    sign_in_by: time | None
    sign_out_from: time | None
    rules: tuple[RuleRef, ...]


# ---------------------------------------------------------------------------
# Attendance (RULEBOOK §5)
# ---------------------------------------------------------------------------

#: Verdicts on one check-in. ``off_post`` is 脱岗; ``excused`` means covered by leave or a report.
CHECK_IN_VERDICTS = ("on_time", "late", "early", "missing", "off_post", "excused")
#: Reasons a missed check-in may be corrected for (补签), or may not.
CORRECTION_REASONS = ("forgot", "system_fault", "late", "early_leave", "absence")


@dataclass(frozen=True)
class CheckInSlot:
    """One required check-in: ``direction`` ``in`` is due *by* ``at``, ``out`` is allowed *from* ``at``."""

    code: str  # e.g. "in", "out", "am_in", "pm_out"
    title: str  # Chinese, e.g. 上午签到
    direction: str  # "in" | "out"
    at: time


@dataclass(frozen=True)
class RoleCheckInMinimum:
    """A monthly minimum of check-ins for a role that is not on the window every day."""

    role: str
    title: str
    check_ins_per_month: int


@dataclass(frozen=True)
class CheckInPlan:
    """The check-ins required on a date, how they are taken, and monthly minimums by role."""

    date: date
    slots: tuple[CheckInSlot, ...]
    method: str | None  # e.g. "face_recognition"
    random_roll_calls: bool
    role_minimums: tuple[RoleCheckInMinimum, ...]
    rules: tuple[RuleRef, ...]

    def slot(self, code: str) -> CheckInSlot:
        for slot in self.slots:
            if slot.code == code:
                return slot
        known = ", ".join(s.code for s in self.slots) or "none on this date"
        raise PolicyError(f"no check-in {code!r} on {self.date}; required: {known}")


@dataclass(frozen=True)
class CheckInVerdict:
    """The verdict on one check-in: one of :data:`CHECK_IN_VERDICTS`."""

    slot: str
    verdict: str
    expected: time
    at: time | None
    rules: tuple[RuleRef, ...]


@dataclass(frozen=True)
class ApprovalStep:
    """One step of an approval chain: who (a stable ``role`` code), on which side, doing what."""

    role: str  # e.g. "chief_representative"
    side: str  # "hall" | "department"
    title: str  # Chinese, e.g. 首席代表
    action: str = "approve"  # "approve" | "agree" | "sign" | "file" | "report" | "register" | "propose"


@dataclass(frozen=True)
class CorrectionDecision:
    """Whether a correction slip (考勤补签单) may cover a missed check-in, and who signs it."""

    reason: str
    allowed: bool
    signers: tuple[ApprovalStep, ...]
    kept_by: str | None
    rules: tuple[RuleRef, ...]


@dataclass(frozen=True)
class SystemFailureHandling:
    """What happens to attendance on a day the attendance system fails."""

    date: date
    manual_attendance: bool
    report_to: str | None
    rules: tuple[RuleRef, ...]


PUBLICATION_CADENCES = ("weekly", "half_monthly", "monthly")


@dataclass(frozen=True)
class PublicationCadence:
    """How often attendance is published: ``weekly``, ``half_monthly`` or ``monthly``."""

    cadence: str
    rules: tuple[RuleRef, ...]

    def period_containing(self, day: date) -> tuple[date, date]:
        """The publication period (first and last day) that ``day`` falls in."""
        if self.cadence == "weekly":
            start = day - timedelta(days=day.weekday())
            return start, start + timedelta(days=6)
        month_end = _month_end(day)
        if self.cadence == "half_monthly":
            if day.day <= 15:
                return day.replace(day=1), day.replace(day=15)
            return day.replace(day=16), month_end
        return day.replace(day=1), month_end


def _month_end(day: date) -> date:
    first_of_next = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first_of_next - timedelta(days=1)


# ---------------------------------------------------------------------------
# Leave (RULEBOOK §6)
# ---------------------------------------------------------------------------

LEAVE_KINDS = ("personal", "sick", "business_trip", "meeting")


@dataclass(frozen=True)
class LeaveKind:
    """A kind of absence and whether it is ``approved`` (请假) or only ``reported`` (报备)."""

    code: str  # one of LEAVE_KINDS
    title: str
    handling: str  # "approved" | "reported"
    rules: tuple[RuleRef, ...]


@dataclass(frozen=True)
class LeaveChain:
    """The ordered steps for one absence, and what must be in place before it.

    ``band`` names the duration band that applied (e.g. ``under_half_day``).
    """

    kind: str
    days: float
    hours: float | None
    band: str
    approval_required: bool
    steps: tuple[ApprovalStep, ...]
    substitute_required: bool
    b_role_substitute_required: bool
    window_must_stay_staffed: bool
    form: str | None
    return_report_required: bool  # 销假
    rules: tuple[RuleRef, ...]


# ---------------------------------------------------------------------------
# Staff on duty, replacement, return (RULEBOOK §7)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class OnboardingRule:
    """How a new window staff member is put on duty (上岗)."""

    steps: tuple[ApprovalStep, ...]
    training_required: bool
    registration_form: str | None
    rules: tuple[RuleRef, ...]


@dataclass(frozen=True)
class ReplacementRule:
    """What replacing a window staff member (调换) requires."""

    decided_by: str  # "department"
    hall_agreement_required: bool
    written_report_required: bool
    from_preselected_substitutes: bool
    new_before_old: bool  # 先进后出
    advance_filing_required: bool
    rules: tuple[RuleRef, ...]


@dataclass(frozen=True)
class ReplacementFacts:
    """What happened in one replacement, to check against a :class:`ReplacementRule`."""

    hall_agreed: bool = False
    written_report: bool = False
    substitute_preselected: bool = False
    filed_in_advance: bool = False
    new_on_duty_on: date | None = None
    old_leaves_on: date | None = None


#: Annual grades that send a staff member back under dongying Art 7(四)1.
FAILING_ANNUAL_GRADES = ("不称职", "不合格")


@dataclass(frozen=True)
class PeriodStanding:
    """A staff member's standing in one assessment period (考核周期)."""

    label: str  # e.g. "2026Q1"
    start: date
    end: date
    in_bottom_six: bool  # 后6名


@dataclass(frozen=True)
class StaffRecord:
    """The facts return-to-unit triggers are evaluated from."""

    as_of: date
    annual_grade: str | None = None
    periods: tuple[PeriodStanding, ...] = ()
    criticisms: tuple[date, ...] = ()  # 被监督机关通报批评
    disobeys_management: bool = False  # 不服从或违反大厅日常管理、服务评价
    repeated_disobedience: bool = False  # 不服从管理且屡教不改
    serious_violation: bool = False  # 严重违纪违规，造成恶劣影响
    disciplinary_sanction: bool = False  # 党纪政纪处分
    cannot_do_job: bool = False  # 不能胜任窗口工作


@dataclass(frozen=True)
class ReturnTrigger:
    """One reason a staff member is flagged for return to the dispatching department."""

    code: str
    rule_id: str
    message_zh: str
    message_en: str


@dataclass(frozen=True)
class ReturnDecision:
    """Return to the dispatching department (退回原派出单位): flagged, and whether it is mandatory."""

    flagged: bool
    mandatory: bool  # "shall return" (dongying) vs "may return" (dongguan)
    triggers: tuple[ReturnTrigger, ...]
    decided_by: str  # "hall"
    rules: tuple[RuleRef, ...]


# ---------------------------------------------------------------------------
# Ratings 好差评 (RULEBOOK §8)
# ---------------------------------------------------------------------------

#: Rating level codes, best first, with their Chinese names.
RATING_LEVELS = (
    ("very_satisfied", "非常满意"),
    ("satisfied", "满意"),
    ("basically_satisfied", "基本满意"),
    ("dissatisfied", "不满意"),
    ("very_dissatisfied", "非常不满意"),
)
_RATING_CODES = {code: code for code, _ in RATING_LEVELS} | {name: code for code, name in RATING_LEVELS}


def rating_level_code(level: str) -> str:
    """Normalise a rating level given by code (``dissatisfied``) or Chinese name (不满意) to its code."""
    try:
        return _RATING_CODES[level]
    except KeyError:
        known = ", ".join(f"{code} ({name})" for code, name in RATING_LEVELS)
        raise PolicyError(f"unknown rating level {level!r}; expected one of {known}") from None


@dataclass(frozen=True)
class RatingLevel:
    code: str
    name: str
    score: int


@dataclass(frozen=True)
class RatingScale:
    """The five 好差评 levels, best first, with their scores."""

    levels: tuple[RatingLevel, ...]
    rules: tuple[RuleRef, ...]

    def level(self, level: str) -> RatingLevel:
        code = rating_level_code(level)
        return next(entry for entry in self.levels if entry.code == code)


@dataclass(frozen=True)
class RatingDefaultRule:
    """The rating given when the applicant gives none within ``after_natural_days`` (None: no default)."""

    level: str | None
    after_natural_days: int | None
    rules: tuple[RuleRef, ...]


@dataclass(frozen=True)
class DefaultRatingOutcome:
    """Whether a default rating applies to a case served on ``served_on`` as of a given time."""

    applies: bool
    level: str | None
    level_name: str | None
    score: int | None
    defaulted: bool
    last_day_to_rate: date | None
    rules: tuple[RuleRef, ...]


@dataclass(frozen=True)
class RatingReminderRule:
    """An SMS (or other) reminder sent ``after_hours`` after completion when unrated (None: no reminder)."""

    after_hours: int | None
    channel: str | None
    applies_to_channels: tuple[str, ...]
    rules: tuple[RuleRef, ...]


@dataclass(frozen=True)
class AppealOutcome:
    """A possible result of reviewing an appeal against a bad rating."""

    code: str  # "upheld" | "overturned_mistaken" | "overturned_malicious"
    title: str
    counts_in_assessment: bool
    rectification_required: bool


@dataclass(frozen=True)
class AppealWindow:
    """Whether a rating can be appealed (申诉) and the last day to file."""

    level: str
    appealable: bool
    rated_on: date
    last_day: date | None
    working_days: int | None
    filed_by: str | None
    rules: tuple[RuleRef, ...]


@dataclass(frozen=True)
class AppealReview:
    """When the review (复核) of an appeal filed on ``filed_on`` is due, and its possible outcomes."""

    filed_on: date
    due_on: date
    working_days: int
    reviewed_by: str
    outcomes: tuple[AppealOutcome, ...]
    rules: tuple[RuleRef, ...]


@dataclass(frozen=True)
class RatingTargets:
    """The target share of handled cases that get rated (评价率)."""

    rating_rate_target: float
    rules: tuple[RuleRef, ...]


@dataclass(frozen=True)
class RateResult:
    """A rate with its numerator and denominator; ``value`` is None when nothing was counted."""

    value: float | None
    numerator: int
    denominator: int
    target: float | None
    meets_target: bool | None
    rules: tuple[RuleRef, ...]


# ---------------------------------------------------------------------------
# Complaints 投诉 (RULEBOOK §9)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ComplaintChannel:
    code: str
    title: str


@dataclass(frozen=True)
class ComplaintFacts:
    """What is known about a complaint when deciding whether to accept it."""

    signed: bool = True  # 署名
    valid_contact: bool = True
    has_target: bool = True
    has_demand: bool = True
    repeated_without_new_facts: bool = False
    belongs_to_other_procedure: bool = False  # 信访、仲裁、行政复议、诉讼
    outside_remit: bool = False
    involves_law_or_discipline_violation: bool = False
    confidentiality_requested: bool = False
    channel: str | None = None
    work_order_id: str | None = None  # 12345 工单号
    fabricated_facts: bool = False  # 捏造事实
    forged_evidence: bool = False  # 伪造证据


@dataclass(frozen=True)
class NonAcceptanceGround:
    """A reason a complaint is not accepted (不予受理)."""

    code: str
    title_zh: str
    title_en: str
    rule_id: str


@dataclass(frozen=True)
class ComplaintAcceptance:
    """The acceptance decision: ``accepted``, ``rejected`` (with grounds) or ``referred``."""

    outcome: str
    grounds: tuple[NonAcceptanceGround, ...]
    referral: str | None
    confidential: bool
    forwarded_to_responsible_unit: bool
    feedback_required: bool
    rules: tuple[RuleRef, ...]

    @property
    def accepted(self) -> bool:
        return self.outcome == "accepted"


@dataclass(frozen=True)
class ComplaintDeadline:
    """When an accepted complaint must be closed, and how it may be extended."""

    accepted_on: date
    due_on: date
    working_days: int | None
    extendable: bool
    extension_requires: tuple[str, ...]
    rules: tuple[RuleRef, ...]


@dataclass(frozen=True)
class BlacklistDecision:
    """Whether a malicious complainant goes on the blacklist (黑名单), and what follows."""

    blacklist: bool
    consequences: tuple[str, ...]
    rules: tuple[RuleRef, ...]


# ---------------------------------------------------------------------------
# Service items 政务服务事项 (RULEBOOK §1)
# ---------------------------------------------------------------------------

#: The changes to an item in a hall that go through request and approval.
ITEM_CHANGES = ("entry", "change", "withdrawal")


@dataclass(frozen=True)
class ItemChangeApproval:
    """Who proposes and who approves an item's entry (进驻), change (调整) or withdrawal (撤出) in a hall.

    ``approver.role`` is a stable code: ``hall_office`` (the hall's management
    office) or ``government`` (本级政府, e.g. dongying's 区政府).
    """

    change: str  # one of ITEM_CHANGES
    proposer: ApprovalStep
    approver: ApprovalStep
    public_notice_required: bool  # 公示 once approved
    rules: tuple[RuleRef, ...]


# ---------------------------------------------------------------------------
# Cases 办件 (RULEBOOK §10)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseCategory:
    """A case category, e.g. ``immediate`` 即办件: done on the spot or the same day."""

    code: str
    name: str
    description: str
    rules: tuple[RuleRef, ...]


@dataclass(frozen=True)
class CaseDeadline:
    """A case's deadline. ``status`` is ``running`` or ``waiting_for_materials`` (补办件 before materials are complete)."""

    category: str
    accepted_on: date
    clock_starts_on: date | None
    due_on: date | None
    status: str
    rules: tuple[RuleRef, ...]


@dataclass(frozen=True)
class DeficiencyOutcome:
    """容缺受理: whether it may be used, where the supplement stands, and whether a 失信 record follows."""

    may_accept: bool
    status: str  # "pending" | "supplied" | "supplied_late" | "overdue"
    supplement_due_on: date
    credit_record: bool
    rules: tuple[RuleRef, ...]


@dataclass(frozen=True)
class CaseActivity:
    """One case, as the anomaly watch sees it."""

    case_id: str
    applicant_id: str
    item_code: str
    accepted_on: date
    terminated_on_request: bool = False


ANOMALY_PATTERNS = ("same_applicant_same_item", "many_applicants_same_item", "repeated_termination")


@dataclass(frozen=True)
class AnomalyFinding:
    pattern: str
    item_code: str
    applicant_id: str | None
    count: int
    case_ids: tuple[str, ...]
    threshold: int | None = None  # this finding's own limit (R10: the item's normal volume), else the report's


@dataclass(frozen=True)
class AnomalyReport:
    """办件异常监控: findings over the window ending ``as_of`` (``enabled`` False: no watch)."""

    enabled: bool
    as_of: date
    threshold: int | None
    window_days: int | None
    findings: tuple[AnomalyFinding, ...]
    rules: tuple[RuleRef, ...]


@dataclass(frozen=True)
class AskedStaff:
    """A staff member asked by an applicant; ``rank_order`` is smaller for higher rank (1 = highest)."""

    staff_id: str
    asked_at: datetime
    rank_order: int


@dataclass(frozen=True)
class FirstAskerDecision:
    """首问责任人: who answers, hands over or guides."""

    responsible_staff_id: str
    duties: tuple[str, ...]
    rules: tuple[RuleRef, ...]


@dataclass(frozen=True)
class NoticeCheck:
    """一次性告知: does a correction notice list every missing material at once?"""

    complete: bool
    missing_from_notice: tuple[str, ...]
    not_actually_missing: tuple[str, ...]
    rules: tuple[RuleRef, ...]


# ---------------------------------------------------------------------------
# Assessment 考核 (RULEBOOK §11)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Dimension:
    code: str  # "de" | "neng" | "qin" | "ji" | "lian"
    name: str  # 德 能 勤 绩 廉
    meaning: str


@dataclass(frozen=True)
class AssessmentCadence:
    code: str  # "half_monthly_publication" | "monthly_bulletin" | "monthly" (jiedong, R4) | "quarterly" | "annual"
    title: str
    content: str


@dataclass(frozen=True)
class AssessmentScheme:
    """How staff are assessed: dimensions, cadences, who proposes and decides the grade."""

    dimensions: tuple[Dimension, ...]
    cadences: tuple[AssessmentCadence, ...]
    annual_formula: str
    emphasis: str | None
    grades: tuple[str, ...]
    grade_proposed_by: str  # "hall" | "supervision_department" (督查部, hall side): who may propose (propose…Grade)
    grade_recorded_by: str  # "department": records the annual grade (record…Grade)
    bottom_watch: int | None  # rank from the bottom that counts (dongying: 后6名)
    rules: tuple[RuleRef, ...]
    #: R5: who decides the grade before the department records it (dongying: "assessment_group", 考核小组);
    #: None: the department records what it decides. When set, the department records exactly the decided grade.
    grade_decided_by: str | None = None


@dataclass(frozen=True)
class AnnualScore:
    score: float  # the quarterly mean plus the special additions and deductions
    quarterly_mean: float
    rules: tuple[RuleRef, ...]


#: What an assessment formula can count, per staff member and period (collected from the period's records).
ASSESSMENT_METRICS = (
    "late",  # 迟到 check-ins
    "early",  # 早退
    "missing",  # 缺卡
    "off_post",  # 脱岗
    "patrol_findings",  # 日常巡查 findings (on site)
    "video_patrol_findings",  # 视频巡查 findings
    "complaints_upheld",  # complaints about the staff member that were accepted
    "bad_ratings",  # 不满意 / 非常不满意 ratings
    "overdue_cases",  # cases completed (or still open) after their deadline
    "cases_handled",  # cases accepted by the staff member
    "ratings",  # ratings received
)


@dataclass(frozen=True)
class ScoreTerm:
    """One term of a period score: ``count`` of ``metric`` at ``points_each``, and the rules that set both."""

    metric: str
    title: str
    count: float
    points_each: float
    points: float
    rule_ids: tuple[str, ...]


@dataclass(frozen=True)
class PeriodScore:
    """A staff member's score for one period under the jurisdiction's formula, term by term (量化评分)."""

    cadence: str
    base: float
    score: float
    terms: tuple[ScoreTerm, ...]  # one per metric the formula counts, in order (even at count 0)
    rules: tuple[RuleRef, ...]


@dataclass(frozen=True)
class RankedEntry:
    subject_id: str
    score: float
    rank: int
    in_bottom: bool
    #: R9: in the bottom through a tie that straddles the line (shares a score with someone above it).
    tied_at_boundary: bool = False


@dataclass(frozen=True)
class Ranking:
    """Scores ranked best first (ties share the better rank); ``bottom_n`` entries at the bottom flagged."""

    entries: tuple[RankedEntry, ...]
    bottom_n: int | None
    rules: tuple[RuleRef, ...]


# ---------------------------------------------------------------------------
# Windows, duty, bulletin (RULEBOOK §12–§14)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class WindowPlan:
    """Comprehensive windows (综合窗口) and staff for a daily case volume."""

    daily_case_volume: int
    windows: int
    staff: int
    cases_per_window: int
    staff_per_window: str  # the ratio as written, e.g. "1:1.1"
    rules: tuple[RuleRef, ...]


@dataclass(frozen=True)
class DutySlot:
    """One duty (值班) slot of a day."""

    code: str  # "leader_duty" | "lunch_duty"
    title: str
    span: TimeSpan
    location: str | None
    notified_days_ahead: int | None
    notified_by: str | None
    swaps: str | None  # who arranges a swap or substitute


@dataclass(frozen=True)
class DutyPlan:
    date: date
    slots: tuple[DutySlot, ...]
    rules: tuple[RuleRef, ...]


@dataclass(frozen=True)
class BulletinMetric:
    code: str
    title: str
    title_en: str


@dataclass(frozen=True)
class BulletinSpec:
    """The service-quality bulletin (服务质量通报): scopes, metrics and the rating-rate target."""

    scopes: tuple[str, ...]
    cadence: str | None
    metrics: tuple[BulletinMetric, ...]
    rating_rate_target: float | None = None
    rules: tuple[RuleRef, ...] = field(default_factory=tuple)
