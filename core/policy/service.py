"""The policy facade: one jurisdiction's rules, asked through the plugin hooks.

The GraphQL layer calls only this. Build one per request (it is cheap)::

    host = build_plugin_manager()
    policy = JurisdictionPolicy(host.hook, "jiedong", WorkingCalendar(overrides))
    policy.service_hours(date(2026, 7, 3)).public   # (08:30–11:30, 14:30–16:30)

Every answer is a frozen dataclass from :mod:`core.policy.types` carrying
``rules: tuple[RuleRef, ...]`` — the rules that decided it. Working days are
always counted by the one :class:`~core.policy.calendar.WorkingCalendar`
given here; ``add_working_days(start, n)`` counts from the day after ``start``.

Public methods (stable; the API maps them one to one):

Rules
    ``rules() -> tuple[PolicyRule, ...]``
Naming (RULEBOOK §3)
    ``standard_hall_name(place, level, parent=None, pinyin=None, parent_pinyin=None) -> HallName``
    ``validate_hall_name(name, level=None, name_en=None) -> NameValidation``
Calendar & hours (§4)
    ``day_status(day) -> DayStatus``; ``is_working_day(day) -> bool``
    ``add_working_days(start, n) -> date``; ``working_days_between(start, end) -> int``
    ``next_working_day(day) -> date``
    ``service_hours(day, configured_hours=None) -> ServiceHours``
    ``staff_hours(day) -> StaffHours``
Attendance (§5)
    ``required_check_ins(day) -> CheckInPlan``
    ``judge_check_in(day, slot, at, excused=False) -> CheckInVerdict``
    ``attendance_correction(reason) -> CorrectionDecision``
    ``attendance_system_failure(day) -> SystemFailureHandling``
    ``attendance_publication() -> PublicationCadence``
Leave (§6)
    ``leave_chain(days, hours=None, kind="personal") -> LeaveChain``
    ``leave_kinds() -> tuple[LeaveKind, ...]``
    ``leave_duration(first_day, last_day, first_session="morning", last_session="afternoon") -> float``
Staff changes (§7)
    ``onboarding_rule() -> OnboardingRule``; ``replacement_rule() -> ReplacementRule``
    ``check_replacement(facts) -> tuple[Violation, ...]``
    ``return_to_unit(record) -> ReturnDecision``
Ratings (§8)
    ``rating_scale() -> RatingScale``
    ``default_rating(served_on, as_of) -> DefaultRatingOutcome``
    ``rating_reminder_rule() -> RatingReminderRule``
    ``rating_reminder_due(completed_at, channel="online") -> datetime | None``
    ``appeal_window(level, rated_on) -> AppealWindow``
    ``appeal_review(filed_on) -> AppealReview``
    ``rating_targets() -> RatingTargets``
    ``rating_rate(rated, handled) -> RateResult``
    ``satisfaction_rate(counts) -> RateResult``
Complaints (§9)
    ``complaint_channels() -> tuple[ComplaintChannel, ...]``
    ``complaint_acceptance(facts) -> ComplaintAcceptance``
    ``complaint_deadline(accepted_on, work_order_due_on=None) -> ComplaintDeadline``
    ``complaint_blacklist(facts) -> BlacklistDecision``
Service items (§1)
    ``item_change_approval(change) -> ItemChangeApproval``
Cases (§1, §10)
    ``case_categories() -> tuple[CaseCategory, ...]``
    ``case_deadline(category, accepted_on, promised_working_days=None, complex_case=False,
    materials_completed_on=None) -> CaseDeadline``
    ``deficiency_acceptance(supplement_due_on, as_of, supplied_on=None, item_in_catalog=True,
    main_materials_complete=True) -> DeficiencyOutcome``
    ``case_anomalies(cases, as_of, threshold=None, window_days=None) -> AnomalyReport``
    ``first_asker(asked) -> FirstAskerDecision``
    ``check_correction_notice(required, supplied, listed) -> NoticeCheck``
Assessment (§11)
    ``assessment_scheme() -> AssessmentScheme``
    ``annual_assessment_score(quarterly_scores, adjustments=()) -> AnnualScore``
    ``rank_assessment(scores, first_place_tie_exempt=None) -> Ranking``
    ``assessment_formula(cadence, metrics) -> PeriodScore``
Windows, duty, bulletin (§12–§14)
    ``window_plan(daily_case_volume) -> WindowPlan``
    ``duty_plan(day) -> DutyPlan``
    ``bulletin_spec() -> BulletinSpec`` (with the rating-rate target)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any

from core.policy import leave, staff
from core.policy.calendar import WorkingCalendar
from core.policy.ratings import default_rating_outcome, rating_rate
from core.policy.rules import is_baseline_rule
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
    DefaultRatingOutcome,
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
    PolicyError,
    PolicyRule,
    PublicationCadence,
    Ranking,
    RateResult,
    RatingReminderRule,
    RatingScale,
    RatingTargets,
    ReplacementFacts,
    ReplacementRule,
    ReturnDecision,
    ServiceHours,
    StaffHours,
    StaffRecord,
    SystemFailureHandling,
    TimeSpan,
    Violation,
    WindowPlan,
)


class JurisdictionPolicy:
    """One jurisdiction's policy: a plain method per question, every answer traceable."""

    def __init__(self, hook: Any, jurisdiction: str, calendar: WorkingCalendar):
        """
        :param hook: the plugin manager's hook relay (``PluginHost.hook``).
        :param jurisdiction: the jurisdiction code, e.g. ``jiedong``.
        :param calendar: this jurisdiction's working calendar (national and local overrides).
        """
        self.hook = hook
        self.jurisdiction = jurisdiction
        self.calendar = calendar

    def _ask(self, hook_name: str, **facts: Any) -> Any:
        answer = getattr(self.hook, hook_name)(jurisdiction=self.jurisdiction, **facts)
        if answer is None:  # only when the baseline is not registered
            raise PolicyError(f"no plugin answered {hook_name} for {self.jurisdiction}")
        return answer

    # -- rules -----------------------------------------------------------------

    def rules(self) -> tuple[PolicyRule, ...]:
        """The jurisdiction's rules, plus baseline rules for topics it does not cover."""
        lists = self.hook.tingwu_policy_rules(jurisdiction=self.jurisdiction)
        all_rules = [rule for rules in lists for rule in rules]
        own = [rule for rule in all_rules if not is_baseline_rule(rule)]
        covered = {rule.topic for rule in own}
        baseline = [rule for rule in all_rules if is_baseline_rule(rule) and rule.topic not in covered]
        return tuple(_unique(own + baseline))

    # -- naming ----------------------------------------------------------------

    def standard_hall_name(
        self,
        place: str,
        level: str,
        parent: str | None = None,
        pinyin: str | None = None,
        parent_pinyin: str | None = None,
    ) -> HallName:
        return self._ask(
            "tingwu_standard_hall_name",
            place=place,
            level=level,
            parent=parent,
            pinyin=pinyin,
            parent_pinyin=parent_pinyin,
        )

    def validate_hall_name(self, name: str, level: str | None = None, name_en: str | None = None) -> NameValidation:
        return self._ask("tingwu_validate_hall_name", name=name, level=level, name_en=name_en)

    # -- calendar & hours -----------------------------------------------------

    def day_status(self, day: date) -> DayStatus:
        return self._ask("tingwu_day_status", calendar=self.calendar, day=day)

    def is_working_day(self, day: date) -> bool:
        return self.calendar.is_working_day(day)

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (``n == 0``: ``start``; ``n < 0``: before)."""
        return self.calendar.add_working_days(start, n)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in ``(start, end]``."""
        return self.calendar.working_days_between(start, end)

    def next_working_day(self, day: date) -> date:
        return self.calendar.next_working_day(day)

    def service_hours(self, day: date, configured_hours: Iterable[TimeSpan | str] | None = None) -> ServiceHours:
        """Public and internal hours; ``configured_hours`` (spans or "08:30-12:00") replace a *default* only."""
        spans = None if configured_hours is None else tuple(_span(s) for s in configured_hours) or None
        return self._ask("tingwu_service_hours", calendar=self.calendar, day=day, configured_hours=spans)

    def appointment_rules(self):
        """预约: check-in window and no-show limit (RULEBOOK §16 S1)."""
        return self._ask("tingwu_appointment_rules")

    def document_layout(self, kind):
        """办件文书: the words of a case document (RULEBOOK §16 S7)."""
        return self._ask("tingwu_document_layout", kind=kind)

    def work_order_rules(self):
        """12345 工单 time limits (RULEBOOK §16 S8)."""
        return self._ask("tingwu_work_order_rules")

    def refusal_review(self):
        """无否决权: whether a refusal needs a second review (RULEBOOK §16 S11)."""
        return self._ask("tingwu_refusal_review")

    def staff_hours(self, day: date) -> StaffHours:
        return self._ask("tingwu_staff_hours", calendar=self.calendar, day=day)

    # -- attendance -------------------------------------------------------------

    def required_check_ins(self, day: date) -> CheckInPlan:
        return self._ask("tingwu_required_check_ins", calendar=self.calendar, day=day)

    def judge_check_in(self, day: date, slot: str, at: time | None, excused: bool = False) -> CheckInVerdict:
        plan = self.required_check_ins(day)
        return self._ask("tingwu_judge_check_in", plan=plan, slot=slot, at=at, excused=excused)

    def attendance_correction(self, reason: str) -> CorrectionDecision:
        return self._ask("tingwu_attendance_correction", reason=reason)

    def attendance_system_failure(self, day: date) -> SystemFailureHandling:
        return self._ask("tingwu_attendance_system_failure", day=day)

    def attendance_publication(self) -> PublicationCadence:
        return self._ask("tingwu_attendance_publication")

    # -- leave ----------------------------------------------------------------------

    def leave_chain(self, days: float, hours: float | None = None, kind: str = "personal") -> LeaveChain:
        return self._ask("tingwu_leave_chain", days=float(days), hours=hours, kind=kind)

    def leave_kinds(self) -> tuple[LeaveKind, ...]:
        return self._ask("tingwu_leave_kinds")

    def leave_requirements(self, kind: str, paperwork_working_days: int | None = None) -> LeaveRequirements:
        """R6: a document before approval (nanbu sick leave: 医院证明), leave by phone and its paperwork deadline."""
        return self._ask("tingwu_leave_requirements", kind=kind, paperwork_working_days=paperwork_working_days)

    def leave_duration(
        self, first_day: date, last_day: date, first_session: str = "morning", last_session: str = "afternoon"
    ) -> float:
        """Working days of leave between two sessions (a half day is one session)."""
        return leave.leave_duration(self.calendar, first_day, last_day, first_session, last_session)

    # -- staff changes ----------------------------------------------------------

    def onboarding_rule(self) -> OnboardingRule:
        return self._ask("tingwu_onboarding_rule")

    def replacement_rule(self) -> ReplacementRule:
        return self._ask("tingwu_replacement_rule")

    def check_replacement(self, facts: ReplacementFacts) -> tuple[Violation, ...]:
        """Every requirement of the replacement rule that ``facts`` fail."""
        return staff.check_replacement(self.replacement_rule(), facts)

    def return_to_unit(self, record: StaffRecord) -> ReturnDecision:
        return self._ask("tingwu_return_to_unit", record=record)

    # -- ratings ----------------------------------------------------------------------

    def rating_scale(self) -> RatingScale:
        return self._ask("tingwu_rating_scale")

    def default_rating(self, served_on: date, as_of: date | datetime) -> DefaultRatingOutcome:
        """The default rating of an unrated case served on ``served_on``; a date ``as_of`` means its end."""
        rule = self._ask("tingwu_rating_default")
        return default_rating_outcome(rule, self.rating_scale(), served_on, as_of)

    def rating_reminder_rule(self) -> RatingReminderRule:
        return self._ask("tingwu_rating_reminder")

    def rating_reminder_due(self, completed_at: datetime, channel: str = "online") -> datetime | None:
        """When to remind the applicant to rate a case completed at ``completed_at``; None: no reminder."""
        rule = self.rating_reminder_rule()
        if rule.after_hours is None or channel not in rule.applies_to_channels:
            return None
        return completed_at + timedelta(hours=rule.after_hours)

    def appeal_window(self, level: str, rated_on: date) -> AppealWindow:
        return self._ask("tingwu_rating_appeal_window", calendar=self.calendar, level=level, rated_on=rated_on)

    def appeal_review(self, filed_on: date) -> AppealReview:
        return self._ask("tingwu_rating_appeal_review", calendar=self.calendar, filed_on=filed_on)

    def rating_targets(self) -> RatingTargets:
        return self._ask("tingwu_rating_targets")

    def rating_rate(self, rated: int, handled: int) -> RateResult:
        """Rated ÷ handled cases against the rating-rate target."""
        return rating_rate(rated, handled, self.rating_targets())

    def satisfaction_rate(self, counts: Mapping[str, int]) -> RateResult:
        return self._ask("tingwu_satisfaction_rate", counts=dict(counts))

    # -- complaints ----------------------------------------------------------------------

    def complaint_channels(self) -> tuple[ComplaintChannel, ...]:
        return self._ask("tingwu_complaint_channels")

    def complaint_acceptance(self, facts: ComplaintFacts) -> ComplaintAcceptance:
        return self._ask("tingwu_complaint_acceptance", complaint=facts)

    def complaint_deadline(self, accepted_on: date, work_order_due_on: date | None = None) -> ComplaintDeadline:
        return self._ask(
            "tingwu_complaint_deadline",
            calendar=self.calendar,
            accepted_on=accepted_on,
            work_order_due_on=work_order_due_on,
        )

    def complaint_blacklist(self, facts: ComplaintFacts) -> BlacklistDecision:
        return self._ask("tingwu_complaint_blacklist", complaint=facts)

    # -- service items -------------------------------------------------------------------

    def item_change_approval(self, change: str) -> ItemChangeApproval:
        """Who approves an item's ``entry``, ``change`` or ``withdrawal`` in a hall, and whether it is announced."""
        return self._ask("tingwu_item_change_approval", change=change)

    # -- cases -----------------------------------------------------------------------------

    def case_categories(self) -> tuple[CaseCategory, ...]:
        return self._ask("tingwu_case_categories")

    def case_deadline(
        self,
        category: str,
        accepted_on: date,
        promised_working_days: int | None = None,
        complex_case: bool = False,
        materials_completed_on: date | None = None,
    ) -> CaseDeadline:
        return self._ask(
            "tingwu_case_deadline",
            calendar=self.calendar,
            category=category,
            accepted_on=accepted_on,
            promised_working_days=promised_working_days,
            complex_case=complex_case,
            materials_completed_on=materials_completed_on,
        )

    def deficiency_acceptance(
        self,
        supplement_due_on: date,
        as_of: date,
        supplied_on: date | None = None,
        item_in_catalog: bool = True,
        main_materials_complete: bool = True,
    ) -> DeficiencyOutcome:
        return self._ask(
            "tingwu_deficiency_acceptance",
            item_in_catalog=item_in_catalog,
            main_materials_complete=main_materials_complete,
            supplement_due_on=supplement_due_on,
            supplied_on=supplied_on,
            as_of=as_of,
        )

    def case_anomalies(
        self,
        cases: Sequence[CaseActivity],
        as_of: date,
        threshold: int | None = None,
        window_days: int | None = None,
        volume_multiple: float | None = None,
        volume_floor: int | None = None,
    ) -> AnomalyReport:
        return self._ask(
            "tingwu_case_anomalies", cases=tuple(cases), as_of=as_of, threshold=threshold, window_days=window_days,
            volume_multiple=volume_multiple, volume_floor=volume_floor,
        )

    def first_asker(self, asked: Sequence[AskedStaff]) -> FirstAskerDecision:
        return self._ask("tingwu_first_asker", asked=tuple(asked))

    def check_correction_notice(
        self, required: Iterable[str], supplied: Iterable[str], listed: Iterable[str]
    ) -> NoticeCheck:
        return self._ask(
            "tingwu_correction_notice_check", required=tuple(required), supplied=tuple(supplied), listed=tuple(listed)
        )

    # -- assessment ---------------------------------------------------------------------------

    def assessment_scheme(self) -> AssessmentScheme:
        return self._ask("tingwu_assessment_scheme")

    def annual_assessment_score(
        self, quarterly_scores: Sequence[float], adjustments: Sequence[float] = ()
    ) -> AnnualScore:
        return self._ask(
            "tingwu_annual_assessment_score", quarterly_scores=tuple(quarterly_scores), adjustments=tuple(adjustments)
        )

    def rank_assessment(self, scores: Mapping[str, float], first_place_tie_exempt: bool | None = None) -> Ranking:
        """``first_place_tie_exempt``: the jurisdiction admin's ``assessment.ranking.first_place_tie_exempt``
        (None: the default, those tied for first are never in the bottom)."""
        return self._ask("tingwu_rank_assessment", scores=dict(scores), first_place_tie_exempt=first_place_tie_exempt)

    def assessment_formula(self, cadence: str, metrics: Mapping[str, float]) -> PeriodScore:
        """A period score (量化评分) from the period's metrics, each term naming its rules."""
        return self._ask("tingwu_assessment_formula", cadence=cadence, metrics=dict(metrics))

    # -- windows, duty, bulletin ----------------------------------------------------------------

    def window_plan(self, daily_case_volume: int) -> WindowPlan:
        return self._ask("tingwu_window_plan", daily_case_volume=daily_case_volume)

    def duty_plan(self, day: date, holiday_span: TimeSpan | None = None) -> DutyPlan:
        """``holiday_span``: the jurisdiction admin's holiday duty hours (``core.policy.duty.holiday_span``), in
        place of the default 09:00–17:00 where the plan runs on that default."""
        from core.policy.duty import with_holiday_hours

        return with_holiday_hours(self._ask("tingwu_duty_plan", calendar=self.calendar, day=day), holiday_span)

    def bulletin_spec(self) -> BulletinSpec:
        """The bulletin's metrics, with the rating-rate target from the ratings rules."""
        spec = self._ask("tingwu_bulletin_spec")
        targets = self.rating_targets()
        return replace(
            spec,
            rating_rate_target=targets.rating_rate_target,
            rules=tuple(_unique([*spec.rules, *targets.rules])),
        )


def _span(span) -> TimeSpan:
    """A span from a TimeSpan, "08:30-12:00", or a ["08:30", "12:00"] pair (rows written by older demo loads)."""
    if isinstance(span, TimeSpan):
        return span
    if isinstance(span, (list, tuple)) and len(span) == 2:
        return TimeSpan.parse(f"{span[0]}-{span[1]}")
    return TimeSpan.parse(span)


def _unique(items: Iterable[Any]) -> list[Any]:
    seen: set[Any] = set()
    result = []
    for item in items:
        if item not in seen:
            seen.add(item)
            result.append(item)
    return result
