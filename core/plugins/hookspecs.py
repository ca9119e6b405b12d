"""Every hook a jurisdiction plugin can implement.

Conventions (pytest's and datasette's):

* every hook is prefixed ``tingwu_``;
* policy lookups are ``firstresult=True`` and take ``jurisdiction`` plus the
  facts they need as keyword arguments;
* an implementation returns ``None`` when the jurisdiction is not its own, so
  the next implementation (finally the national baseline, registered
  ``trylast``) answers.

``docs/plugin_hooks.md`` documents each hook with its exact signature; a test
fails when a hook is undocumented or untested.
"""

from __future__ import annotations

from collections.abc import Awaitable, Mapping, Sequence
from datetime import date, time
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from core.plugins.info import JurisdictionInfo
    from core.policy.calendar import WorkingCalendar
    from core.policy.appointments import AppointmentRules
    from core.policy.documents import DocumentKind, DocumentLayout
    from core.policy.refusals import RefusalReview
    from core.policy.notifications import (
        DeliveryResult,
        NotificationKind,
        NotificationTemplate,
        OutgoingMessage,
        SenderSettings,
    )
    from core.policy.work_orders import WorkOrderRules
    from core.policy.types import (
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
        PeriodScore,
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

PROJECT_NAME = "tingwu"
ENTRY_POINT_GROUP = "tingwu.jurisdictions"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


# ---------------------------------------------------------------------------
# Identity
# ---------------------------------------------------------------------------


@hookspec
def tingwu_jurisdiction_info() -> JurisdictionInfo:
    """Describe the jurisdiction this plugin implements.

    Every jurisdiction plugin implements this hook exactly once; the national
    baseline does not (it is not a jurisdiction).

    :return: the plugin's :class:`core.plugins.info.JurisdictionInfo`
        (code, Chinese name, province, managing body, source documents).
    """


# ---------------------------------------------------------------------------
# Rules catalogue
# ---------------------------------------------------------------------------


@hookspec
def tingwu_policy_rules(jurisdiction: str) -> list[PolicyRule] | None:
    """List the rules this plugin implements for ``jurisdiction``.

    Implements RULEBOOK "every rule has an id, the rule, and its source article".
    Not ``firstresult``: every plugin answers. A jurisdiction plugin returns
    its own rules (including shared provincial rules it applies), each citing
    its source document and article; the national baseline returns its
    defaults, which the facade keeps only for topics the plugin does not cover.

    :param jurisdiction: the jurisdiction code asked about; return ``None``
        when it is not yours (the baseline answers for every jurisdiction).
    :return: the :class:`~core.policy.types.PolicyRule` entries (id, title,
        summary, source_document, article, plugin_version, effective_from, topic).
    """


# ---------------------------------------------------------------------------
# Naming
# ---------------------------------------------------------------------------


@hookspec(firstresult=True)
def tingwu_standard_hall_name(
    jurisdiction: str,
    place: str,
    level: str,
    parent: str | None,
    pinyin: str | None,
    parent_pinyin: str | None,
) -> HallName | None:
    """The standard Chinese name and English full and short names of a hall or station.

    Implements RULEBOOK §3 (dongguan 4.4.1; other jurisdictions: default
    ``{place}政务服务中心``).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param place: the place name, with or without its level word (厚街 or 厚街镇).
    :param level: one of 市, 区县, 园区, 镇, 街道, 村, 社区.
    :param parent: the town or sub-district of a village/community station, with
        its level word (茶山镇, 东城街道); ``None`` for a hall.
    :param pinyin: explicit pinyin of ``place`` (without level word), for
        polyphonic characters; wins over the computed reading.
    :param parent_pinyin: explicit pinyin of ``parent``.
    :return: a :class:`~core.policy.types.HallName`.
    """


@hookspec(firstresult=True)
def tingwu_validate_hall_name(
    jurisdiction: str, name: str, level: str | None, name_en: str | None
) -> NameValidation | None:
    """Check a proposed hall name against the naming rule.

    Implements RULEBOOK §3 (dongguan 4.4.1, including the source's typos the
    rulebook warns about; other jurisdictions: default).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param name: the proposed Chinese name.
    :param level: the hall's level, when known.
    :param name_en: the proposed English full name, when there is one.
    :return: a :class:`~core.policy.types.NameValidation` whose violations
        carry the rule id and a message in Chinese and English.
    """


# ---------------------------------------------------------------------------
# Calendar & hours
# ---------------------------------------------------------------------------


@hookspec(firstresult=True)
def tingwu_day_status(jurisdiction: str, calendar: WorkingCalendar, day: date) -> DayStatus | None:
    """Whether ``day`` is a working day, its kind and reason, and whether it is an estimate.

    Implements RULEBOOK §4 (national calendar, admin overrides, estimates).
    A jurisdiction's own closures are overrides in ``calendar`` (loaded from the
    database), not code, so every deadline sees them; plugins rarely implement this.

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param calendar: the working calendar of this jurisdiction.
    :param day: the date asked about.
    :return: a :class:`~core.policy.types.DayStatus`.
    """


@hookspec(firstresult=True)
def tingwu_service_hours(
    jurisdiction: str,
    calendar: WorkingCalendar,
    day: date,
    configured_hours: tuple[TimeSpan, ...] | None,
) -> ServiceHours | None:
    """Public and internal service spans of a hall on ``day``.

    Implements RULEBOOK §4 (jiedong Art 23; nanbu 考勤制度; panyu, dongguan,
    dongying: default, hall-configurable). A make-up working day follows the
    Monday–Thursday schedule unless the plugin says otherwise.

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param calendar: the working calendar of this jurisdiction.
    :param day: the date asked about.
    :param configured_hours: the hall's own public hours; replaces the hours
        only where they are a *default*, never hours a source document fixes.
    :return: a :class:`~core.policy.types.ServiceHours` (closed on non-working days).
    """


@hookspec(firstresult=True)
def tingwu_staff_hours(jurisdiction: str, calendar: WorkingCalendar, day: date) -> StaffHours | None:
    """When window staff sign in (by) and sign out (from) on ``day``.

    Implements RULEBOOK §4-§5 (panyu Art 62; jiedong Art 23; nanbu 考勤制度 一).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param calendar: the working calendar of this jurisdiction.
    :param day: the date asked about.
    :return: a :class:`~core.policy.types.StaffHours`.
    """


# ---------------------------------------------------------------------------
# Attendance
# ---------------------------------------------------------------------------


@hookspec(firstresult=True)
def tingwu_required_check_ins(jurisdiction: str, calendar: WorkingCalendar, day: date) -> CheckInPlan | None:
    """The check-ins (考勤) required on ``day``, how they are taken, and monthly minimums by role.

    Implements RULEBOOK §5 (panyu Art 62: two; jiedong Art 24: four, face
    recognition, chief representatives at least four a month; nanbu: random roll calls).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param calendar: the working calendar of this jurisdiction.
    :param day: the date asked about.
    :return: a :class:`~core.policy.types.CheckInPlan` (no slots on non-working days).
    """


@hookspec(firstresult=True)
def tingwu_judge_check_in(
    jurisdiction: str, plan: CheckInPlan, slot: str, at: time | None, excused: bool
) -> CheckInVerdict | None:
    """Judge one check-in: on_time, late, early, missing, off_post (脱岗) or excused.

    Implements RULEBOOK §5 (jiedong Art 25: lateness or leaving early without
    leave or a report is 脱岗).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param plan: the day's plan, from ``tingwu_required_check_ins``.
    :param slot: the code of the slot checked (e.g. ``in``, ``pm_out``).
    :param at: when the check-in happened; ``None`` when there is none.
    :param excused: covered by approved leave or a report (报备).
    :return: a :class:`~core.policy.types.CheckInVerdict`.
    """


@hookspec(firstresult=True)
def tingwu_attendance_correction(jurisdiction: str, reason: str) -> CorrectionDecision | None:
    """Whether a correction slip (考勤补签单) may cover a missed check-in, and who signs it.

    Implements RULEBOOK §5 (panyu Art 64: only forgetting or a system fault,
    never lateness, leaving early or absence).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param reason: one of ``forgot``, ``system_fault``, ``late``, ``early_leave``, ``absence``.
    :return: a :class:`~core.policy.types.CorrectionDecision`.
    """


@hookspec(firstresult=True)
def tingwu_attendance_system_failure(jurisdiction: str, day: date) -> SystemFailureHandling | None:
    """What happens to attendance on a day the attendance system fails.

    Implements RULEBOOK §5 (panyu Art 65: manual attendance that day).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param day: the day of the failure.
    :return: a :class:`~core.policy.types.SystemFailureHandling`.
    """


@hookspec(firstresult=True)
def tingwu_attendance_publication(jurisdiction: str) -> PublicationCadence | None:
    """How often attendance is published.

    Implements RULEBOOK §5 (dongying Art 8(三)1(1): half-monthly; nanbu: weekly; default monthly).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :return: a :class:`~core.policy.types.PublicationCadence`.
    """


# ---------------------------------------------------------------------------
# Leave
# ---------------------------------------------------------------------------


@hookspec(firstresult=True)
def tingwu_leave_chain(jurisdiction: str, days: float, hours: float | None, kind: str) -> LeaveChain | None:
    """The ordered approval steps for an absence, and what must be in place first.

    Implements RULEBOOK §6 (jiedong Art 27-30; nanbu 考勤制度 三-四; default
    chief representative → hall office).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param days: the duration in working days (0.5 = one morning or afternoon session).
    :param hours: the exact length of an absence shorter than a session, when known.
    :param kind: ``personal``, ``sick``, ``business_trip`` or ``meeting``.
    :return: a :class:`~core.policy.types.LeaveChain`.
    """


@hookspec(firstresult=True)
def tingwu_leave_kinds(jurisdiction: str) -> tuple[LeaveKind, ...] | None:
    """The kinds of absence and whether each is approved (请假) or only reported (报备).

    Implements RULEBOOK §6 (jiedong Art 29: business trips and meetings are reported).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :return: a tuple of :class:`~core.policy.types.LeaveKind`.
    """


@hookspec(firstresult=True)
def tingwu_leave_requirements(
    jurisdiction: str, kind: str, paperwork_working_days: int | None
) -> LeaveRequirements | None:
    """What a kind of leave needs besides its approval chain: a document before approval, leave by phone.

    Implements RULEBOOK §16 R6 (nanbu 考勤制度 二(二): sick leave on a hospital certificate; 二(三): leave by
    phone in an emergency, the paperwork with valid proof afterwards; *default* within 1 working day).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param kind: the leave kind code (``personal``, ``sick``, …).
    :param paperwork_working_days: the jurisdiction admin's value for the paperwork deadline; ``None`` for
        the default.
    :return: a :class:`~core.policy.types.LeaveRequirements`.
    """


# ---------------------------------------------------------------------------
# Staff changes
# ---------------------------------------------------------------------------


@hookspec(firstresult=True)
def tingwu_onboarding_rule(jurisdiction: str) -> OnboardingRule | None:
    """How a new window staff member is put on duty (上岗).

    Implements RULEBOOK §2, §7 (jiedong Art 6; dongguan 6.3.3; panyu Art 3, 17).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :return: a :class:`~core.policy.types.OnboardingRule`.
    """


@hookspec(firstresult=True)
def tingwu_replacement_rule(jurisdiction: str) -> ReplacementRule | None:
    """What replacing a window staff member (调换) requires.

    Implements RULEBOOK §7 (dongguan 6.3.4b-c: pre-selected substitutes, written
    report, hall agreement, 先进后出; panyu Art 20: advance filing).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :return: a :class:`~core.policy.types.ReplacementRule`.
    """


@hookspec(firstresult=True)
def tingwu_return_to_unit(jurisdiction: str, record: StaffRecord) -> ReturnDecision | None:
    """Whether a staff member is flagged for return to the dispatching department (退回原派出单位).

    Implements RULEBOOK §7 (dongying Art 7(四); dongguan 6.3.4d).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param record: the facts: annual grade, period standings, criticisms, violations.
    :return: a :class:`~core.policy.types.ReturnDecision` listing every trigger met.
    """


# ---------------------------------------------------------------------------
# Ratings
# ---------------------------------------------------------------------------


@hookspec(firstresult=True)
def tingwu_rating_scale(jurisdiction: str) -> RatingScale | None:
    """The five 好差评 levels with their scores.

    Implements RULEBOOK §8 (Guangdong 10/8/6/3/0, panyu Art 35; Shandong default 5/4/3/2/1).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :return: a :class:`~core.policy.types.RatingScale`, best level first.
    """


@hookspec(firstresult=True)
def tingwu_rating_default(jurisdiction: str) -> RatingDefaultRule | None:
    """The rating given when the applicant gives none in time.

    Implements RULEBOOK §8 (Guangdong: 基本满意 after 7 natural days, marked defaulted, panyu Art 35).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :return: a :class:`~core.policy.types.RatingDefaultRule` (level ``None``: no default).
    """


@hookspec(firstresult=True)
def tingwu_rating_reminder(jurisdiction: str) -> RatingReminderRule | None:
    """The reminder sent when a completed case is not rated.

    Implements RULEBOOK §8 (Guangdong: SMS 24 hours after completion, online cases, panyu Art 40).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :return: a :class:`~core.policy.types.RatingReminderRule` (``after_hours`` ``None``: no reminder).
    """


@hookspec(firstresult=True)
def tingwu_rating_appeal_window(
    jurisdiction: str, calendar: WorkingCalendar, level: str, rated_on: date
) -> AppealWindow | None:
    """Whether a rating can be appealed (申诉) and the last day to file.

    Implements RULEBOOK §8 (3 working days, 不满意/非常不满意 only, panyu Art 43).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param calendar: the working calendar of this jurisdiction.
    :param level: the rating level, code or Chinese name.
    :param rated_on: the day the rating was given.
    :return: an :class:`~core.policy.types.AppealWindow`.
    """


@hookspec(firstresult=True)
def tingwu_rating_appeal_review(
    jurisdiction: str, calendar: WorkingCalendar, filed_on: date
) -> AppealReview | None:
    """When the review (复核) of an appeal is due, who reviews it, and its possible outcomes.

    Implements RULEBOOK §8 (10 working days from filing; upheld, or overturned
    as mistaken or malicious and excluded from deductions, panyu Art 43).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param calendar: the working calendar of this jurisdiction.
    :param filed_on: the day the appeal was filed.
    :return: an :class:`~core.policy.types.AppealReview`.
    """


@hookspec(firstresult=True)
def tingwu_rating_targets(jurisdiction: str) -> RatingTargets | None:
    """The target share of handled cases that get rated (评价率).

    Implements RULEBOOK §8, §14 (80%, panyu Art 34(三)).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :return: a :class:`~core.policy.types.RatingTargets`.
    """


@hookspec(firstresult=True)
def tingwu_satisfaction_rate(jurisdiction: str, counts: Mapping[str, int]) -> RateResult | None:
    """The satisfaction rate of a set of ratings.

    Implements RULEBOOK §8 (ratings at 基本满意 or better ÷ all ratings).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param counts: number of ratings per level, keyed by level code or Chinese name.
    :return: a :class:`~core.policy.types.RateResult` (value ``None`` when there are no ratings).
    """


# ---------------------------------------------------------------------------
# Complaints
# ---------------------------------------------------------------------------


@hookspec(firstresult=True)
def tingwu_complaint_channels(jurisdiction: str) -> tuple[ComplaintChannel, ...] | None:
    """The channels complaints are received through.

    Implements RULEBOOK §9 (dongguan 5.2.8.2d; nanbu 投诉处理制度 一(一)).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :return: a tuple of :class:`~core.policy.types.ComplaintChannel`.
    """


@hookspec(firstresult=True)
def tingwu_complaint_acceptance(jurisdiction: str, complaint: ComplaintFacts) -> ComplaintAcceptance | None:
    """Accept, reject (with every ground that applies) or refer a complaint.

    Implements RULEBOOK §9 (nanbu 投诉处理制度 一(二); dongguan 5.2.8.2c
    referral and confidentiality; jiedong Art 33 12345 work orders; panyu,
    dongying: default as nanbu).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param complaint: what is known about the complaint.
    :return: a :class:`~core.policy.types.ComplaintAcceptance`.
    """


@hookspec(firstresult=True)
def tingwu_complaint_deadline(
    jurisdiction: str, calendar: WorkingCalendar, accepted_on: date, work_order_due_on: date | None
) -> ComplaintDeadline | None:
    """When an accepted complaint must be closed, and how it may be extended.

    Implements RULEBOOK §9 (5 working days from acceptance, extendable with a
    leader's approval, nanbu 投诉处理制度 二(二); jiedong Art 33: a 12345 work
    order's own deadline).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param calendar: the working calendar of this jurisdiction.
    :param accepted_on: the day the complaint was accepted.
    :param work_order_due_on: the deadline of the 12345 work order, when it is one.
    :return: a :class:`~core.policy.types.ComplaintDeadline`.
    """


@hookspec(firstresult=True)
def tingwu_complaint_blacklist(jurisdiction: str, complaint: ComplaintFacts) -> BlacklistDecision | None:
    """Whether a malicious complainant is blacklisted (黑名单).

    Implements RULEBOOK §9 (nanbu 投诉处理制度 三(二) only).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param complaint: the complaint, with ``fabricated_facts`` / ``forged_evidence`` established.
    :return: a :class:`~core.policy.types.BlacklistDecision`.
    """


# ---------------------------------------------------------------------------
# Service items
# ---------------------------------------------------------------------------


@hookspec(firstresult=True)
def tingwu_item_change_approval(jurisdiction: str, change: str) -> ItemChangeApproval | None:
    """Who proposes and who approves an item's entry, change or withdrawal in a hall (事项进驻、调整、撤出).

    Implements RULEBOOK §1 (dongguan 6.1.3-6.1.6: the department applies, the
    change is publicly announced; dongying Art 4: changes need the district
    government's approval).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param change: ``entry``, ``change`` or ``withdrawal``.
    :return: an :class:`~core.policy.types.ItemChangeApproval`.
    :raises PolicyError: for an unknown change.
    """


# ---------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------


@hookspec(firstresult=True)
def tingwu_case_categories(jurisdiction: str) -> tuple[CaseCategory, ...] | None:
    """The case categories (办件类别) this jurisdiction uses.

    Implements RULEBOOK §1, §10 (即办件/承诺件/联办件/补办件/退回件; jiedong
    Art 15 adds 答复件/报批件/特办件).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :return: a tuple of :class:`~core.policy.types.CaseCategory`.
    """


@hookspec(firstresult=True)
def tingwu_case_deadline(
    jurisdiction: str,
    calendar: WorkingCalendar,
    category: str,
    accepted_on: date,
    promised_working_days: int | None,
    complex_case: bool,
    materials_completed_on: date | None,
) -> CaseDeadline | None:
    """The deadline of a case (限时办结).

    Implements RULEBOOK §10 (即办件 same day; 退回件 same day or 3 days if
    complex; 补办件 from the day materials are complete; 承诺件/联办件 the
    item's promised limit).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param calendar: the working calendar of this jurisdiction.
    :param category: a category code from ``tingwu_case_categories``.
    :param accepted_on: the day the case was accepted.
    :param promised_working_days: the item's promised time limit in working days.
    :param complex_case: a 退回件 that cannot be decided the same day.
    :param materials_completed_on: the day a 补办件's materials were complete.
    :return: a :class:`~core.policy.types.CaseDeadline`.
    :raises PolicyError: for an unknown category or a missing promised limit.
    """


@hookspec(firstresult=True)
def tingwu_deficiency_acceptance(
    jurisdiction: str,
    item_in_catalog: bool,
    main_materials_complete: bool,
    supplement_due_on: date,
    supplied_on: date | None,
    as_of: date,
) -> DeficiencyOutcome | None:
    """容缺受理: acceptance with secondary materials missing, and what a late supplement brings.

    Implements RULEBOOK §10 (dongguan 5.2.7: not supplied in time → 失信 record).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param item_in_catalog: the item is in the published 容缺受理 catalog.
    :param main_materials_complete: basic conditions met and main materials complete.
    :param supplement_due_on: the supplement deadline in the correction notice.
    :param supplied_on: when the missing materials were supplied, if they were.
    :param as_of: the day asked about.
    :return: a :class:`~core.policy.types.DeficiencyOutcome`.
    """


@hookspec(firstresult=True)
def tingwu_case_anomalies(
    jurisdiction: str,
    cases: Sequence[CaseActivity],
    as_of: date,
    threshold: int | None,
    window_days: int | None,
    volume_multiple: float | None,
    volume_floor: int | None,
) -> AnomalyReport | None:
    """办件异常监控: patterns of cases that open an anomaly investigation.

    Implements RULEBOOK §10 and §16 R10 (panyu Art 21; *default* 3 in 30 days for the same applicant and
    for terminations; "many applicants on the same item" against the item's own normal volume: *default*
    3× its trailing 30-day daily mean, at least 10).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param cases: the cases to watch: the window, and the 30 days before ``as_of`` for the normal volume.
    :param as_of: the last day of the watch window.
    :param threshold: count that opens an investigation; ``None`` for the default.
    :param window_days: length of the window in natural days; ``None`` for the default.
    :param volume_multiple: applicants on ``as_of`` above this multiple of the item's trailing 30-day daily
        mean are "many"; ``None`` for the default.
    :param volume_floor: and at least this many; ``None`` for the default.
    :return: an :class:`~core.policy.types.AnomalyReport`.
    """


@hookspec(firstresult=True)
def tingwu_first_asker(jurisdiction: str, asked: Sequence[AskedStaff]) -> FirstAskerDecision | None:
    """首问责任制: which staff member is responsible for an applicant's question.

    Implements RULEBOOK §1 national baseline (dongguan 5.2.1.2: the first asked;
    of several asked at once, the highest-ranked).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param asked: the staff asked, with when and their rank order.
    :return: a :class:`~core.policy.types.FirstAskerDecision`.
    """


@hookspec(firstresult=True)
def tingwu_correction_notice_check(
    jurisdiction: str, required: Sequence[str], supplied: Sequence[str], listed: Sequence[str]
) -> NoticeCheck | None:
    """一次性告知: whether a correction notice lists every missing material at once.

    Implements RULEBOOK §1 national baseline (dongguan 5.2.3.2b; nanbu 一次性告知制度 四).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param required: the materials the item requires.
    :param supplied: the materials the applicant supplied.
    :param listed: the materials the notice lists as missing.
    :return: a :class:`~core.policy.types.NoticeCheck`.
    """


# ---------------------------------------------------------------------------
# Assessment
# ---------------------------------------------------------------------------


@hookspec(firstresult=True)
def tingwu_assessment_scheme(jurisdiction: str) -> AssessmentScheme | None:
    """How window staff are assessed: dimensions, cadences, grades, who proposes and records.

    Implements RULEBOOK §11 (dongying Art 7(二), 8: 德能勤绩; panyu Art 18-19,
    44: 德能勤绩廉; dongguan 6.3.4a).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :return: an :class:`~core.policy.types.AssessmentScheme`.
    """


@hookspec(firstresult=True)
def tingwu_annual_assessment_score(
    jurisdiction: str, quarterly_scores: Sequence[float], adjustments: Sequence[float]
) -> AnnualScore | None:
    """A staff member's annual score (年度总评).

    Implements RULEBOOK §11 (dongying Art 8(三)1(4): mean of the quarterly
    scores plus special additions and deductions).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param quarterly_scores: the year's quarterly scores.
    :param adjustments: special additions (positive) and deductions (negative).
    :return: an :class:`~core.policy.types.AnnualScore`.
    """


@hookspec(firstresult=True)
def tingwu_assessment_formula(jurisdiction: str, cadence: str, metrics: Mapping[str, float]) -> PeriodScore | None:
    """A staff member's score for one period (量化评分), term by term, from the period's metrics.

    Implements RULEBOOK §11 (dongying Art 8(三)1: the half-monthly publication
    counts attendance; the monthly bulletin cases, attendance and leave,
    patrols, discipline, evaluations and complaints; the quarterly score daily
    patrols, video patrols, attendance and complaints).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param cadence: the period's cadence code (``half_monthly_publication``, ``monthly_bulletin``,
        ``quarterly``, ``annual``).
    :param metrics: counts per metric of ``ASSESSMENT_METRICS`` (late, missing, patrol_findings, …).
    :return: a :class:`~core.policy.types.PeriodScore` whose terms name their rules.
    """


@hookspec(firstresult=True)
def tingwu_rank_assessment(
    jurisdiction: str, scores: Mapping[str, float], first_place_tie_exempt: bool | None
) -> Ranking | None:
    """Rank a period's scores and flag the bottom places that count for return-to-unit.

    Implements RULEBOOK §7, §11 (dongying Art 7(四)3: the bottom 6) and §16 R9 (ties at the line).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param scores: score per staff member (or window) id.
    :param first_place_tie_exempt: the jurisdiction admin's ``assessment.ranking.first_place_tie_exempt`` (R9
        default ``default.assessment.first_place_tie``: those tied for first are never in the bottom); ``None``
        when not set (then the default applies).
    :return: a :class:`~core.policy.types.Ranking`, best first.
    """


# ---------------------------------------------------------------------------
# Windows
# ---------------------------------------------------------------------------


@hookspec(firstresult=True)
def tingwu_window_plan(jurisdiction: str, daily_case_volume: int) -> WindowPlan | None:
    """Comprehensive windows and their staff for a daily case volume.

    Implements RULEBOOK §12 (dongguan 4.6: ceil(volume ÷ 30) windows, staff at
    least windows × 1.1 rounded up).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param daily_case_volume: average cases per day.
    :return: a :class:`~core.policy.types.WindowPlan`.
    """


# ---------------------------------------------------------------------------
# Duty
# ---------------------------------------------------------------------------


@hookspec(firstresult=True)
def tingwu_duty_plan(jurisdiction: str, calendar: WorkingCalendar, day: date) -> DutyPlan | None:
    """The duty (值班) slots of ``day``, how the roster is notified and who arranges swaps.

    Implements RULEBOOK §13 (panyu Art 66-67: leader duty; nanbu 午间值班制度: lunch duty).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param calendar: the working calendar of this jurisdiction.
    :param day: the date asked about.
    :return: a :class:`~core.policy.types.DutyPlan`.
    """


# ---------------------------------------------------------------------------
# Bulletin
# ---------------------------------------------------------------------------


@hookspec(firstresult=True)
def tingwu_bulletin_spec(jurisdiction: str) -> BulletinSpec | None:
    """What the service-quality bulletin (服务质量通报) reports, for which scopes and how often.

    Implements RULEBOOK §14 (panyu Art 107; dongying Art 8(三)1(2) monthly
    bulletin). The rating-rate target is added by core from ``tingwu_rating_targets``.

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :return: a :class:`~core.policy.types.BulletinSpec`.
    """


# ---------------------------------------------------------------------------
# Appointments 预约
# ---------------------------------------------------------------------------


@hookspec(firstresult=True)
def tingwu_appointment_rules(jurisdiction: str) -> AppointmentRules | None:
    """How appointments (预约) run: the check-in window around a slot and the no-show limit.

    Implements RULEBOOK §16 S1 (dongguan 5.3.2). Slots themselves come from
    ``tingwu_service_hours``, so a jurisdiction's hours and calendar decide
    when one can book.

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :return: a :class:`~core.policy.appointments.AppointmentRules`.
    """


# ---------------------------------------------------------------------------
# Documents 办件文书
# ---------------------------------------------------------------------------


@hookspec(firstresult=True)
def tingwu_document_layout(jurisdiction: str, kind: DocumentKind) -> DocumentLayout | None:
    """The words of a case document (受理回执, 一次性告知书, 补办件通知书, 承诺件通知书, 容缺受理承诺书, 窗口退件通知书).

    Implements RULEBOOK §16 S7 (nanbu 一次性告知 四-五; panyu Art 38: a dynamic QR code on the receipt;
    dongguan 5.2.7). The facts (serial, item, dates, materials, QR) are the platform's; the layout gives the
    title, the notes under the facts, the footer and the caption of the rating QR code.

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param kind: the :class:`~core.policy.documents.DocumentKind` being rendered.
    :return: a :class:`~core.policy.documents.DocumentLayout`.
    """


# ---------------------------------------------------------------------------
# 12345 work orders 工单
# ---------------------------------------------------------------------------


@hookspec(firstresult=True)
def tingwu_work_order_rules(jurisdiction: str) -> WorkOrderRules | None:
    """Time limits of 12345 work orders: signing for, replying, extensions.

    Implements RULEBOOK §16 S8 (jiedong Art 33: orders closed within their deadlines, overdue units dealt with;
    dongguan 6.1.7.2). Deadlines count working days of the jurisdiction's calendar.

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :return: a :class:`~core.policy.work_orders.WorkOrderRules`.
    """


# ---------------------------------------------------------------------------
# Refusals 无否决权
# ---------------------------------------------------------------------------


@hookspec(firstresult=True)
def tingwu_refusal_review(jurisdiction: str) -> RefusalReview | None:
    """Whether a window's refusal (退件) needs a second person's review, and whether 容缺后补 must be offered first.

    Implements RULEBOOK §16 S11 (nanbu 无否决权制度 二、三: no simple refusal; 容缺后补 offered; unclear cases not
    refused without consulting).

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :return: a :class:`~core.policy.refusals.RefusalReview`.
    """


# ---------------------------------------------------------------------------
# Notifications 静音叫号、办事提醒
# ---------------------------------------------------------------------------


@hookspec(firstresult=True)
def tingwu_notification_template(jurisdiction: str, kind: NotificationKind) -> NotificationTemplate | None:
    """The Chinese text of a notification, with ``{placeholders}`` filled by the platform.

    Implements RULEBOOK §16 S2 (dongguan 5.3.3 静音叫号). Placeholders by kind: ``queue_near``: hall, ticket,
    places, area; ``called``: hall, ticket, window; ``materials_due``: hall, serial, materials, due_on;
    ``case_completed``: hall, serial, item, result; ``duty_roster``: hall, name, day, slot;
    ``rating_reminder``: hall, serial.

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param kind: the :class:`~core.policy.notifications.NotificationKind`.
    :return: a :class:`~core.policy.notifications.NotificationTemplate`.
    """


@hookspec(firstresult=True)
def tingwu_send_notification(jurisdiction: str, message: OutgoingMessage,
                             settings: SenderSettings) -> Awaitable[DeliveryResult] | None:
    """Send one notification: return an awaitable of the :class:`~core.policy.notifications.DeliveryResult`.

    Implements RULEBOOK §16 S2. A plugin (or a deployment's own plugin) returns its sender's coroutine, e.g. a
    provincial SMS platform; the baseline sends through the HTTP webhook when ``settings.webhook_url`` is set and
    to the log otherwise. A failed result is retried by the delivery job with growing delays, then dead-lettered.

    :param jurisdiction: the jurisdiction code; return ``None`` when it is not yours.
    :param message: the :class:`~core.policy.notifications.OutgoingMessage` (id, kind, to, text, attempt).
    :param settings: the deployment's :class:`~core.policy.notifications.SenderSettings`.
    :return: an awaitable of a :class:`~core.policy.notifications.DeliveryResult`.
    """
