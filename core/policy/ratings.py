"""Ratings (好差评): the national baseline and helpers plugins share (RULEBOOK §8)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta

from core.policy.calendar import WorkingCalendar
from core.policy.rules import default_rule, national_rule
from core.policy.types import (
    RATING_LEVELS,
    AppealOutcome,
    AppealReview,
    AppealWindow,
    DefaultRatingOutcome,
    PolicyError,
    RateResult,
    RatingDefaultRule,
    RatingLevel,
    RatingReminderRule,
    RatingScale,
    RatingTargets,
    RuleRef,
    rating_level_code,
)

LEVELS_RULE = national_rule(
    "national.rating.levels",
    topic="rating_levels",
    title="好差评五个等级",
    summary="Five levels: 非常满意, 满意, 基本满意, 不满意, 非常不满意.",
    article="panyu Art 35; nanbu 好差评制度 二",
)
#: R1 (RULEBOOK §1, §16): 一次一评 across channels, each channel proven.
ONE_PER_CASE_RULE = national_rule(
    "national.rating.one_per_case",
    topic="rating_one_per_case",
    title="一次一评，渠道须经证明",
    summary="One rating per case whatever the channel (a second rating returns the first). A channel is proven: "
    "a registered 评价器 with its device credential for the window it is bound to, a signed token from the "
    "受理回执 QR code, or an authenticated integration for online, SMS and 12345.",
    article="nanbu 好差评制度 二; dongguan 5.2.10; panyu Art 36-42",
)
#: R1: how long the QR token on a printed 受理回执 stays valid (a ceiling; the rating window decides).
RECEIPT_TOKEN_RULE = default_rule(
    "default.rating.receipt_token_max_age",
    topic="rating_receipt_token",
    title="回执评价二维码有效期",
    summary="The signed rating token printed on a 受理回执 is valid for 180 days (default); whether a rating is still "
    "accepted is decided by the jurisdiction's rating period.",
    article="RULEBOOK §16 R1 (no seed fixes it)",
)
DEFAULT_SCORES_RULE = default_rule(
    "default.rating.scores",
    topic="rating_scores",
    title="默认评价分值",
    summary="Scores 5/4/3/2/1 from 非常满意 down to 非常不满意.",
    article="RULEBOOK §8 (Shandong: default)",
)
NO_DEFAULT_RATING_RULE = default_rule(
    "default.rating.no_default",
    topic="rating_default",
    title="不设默认评价",
    summary="A case nobody rates stays unrated.",
    article="RULEBOOK §8",
)
NO_REMINDER_RULE = default_rule(
    "default.rating.no_reminder",
    topic="rating_reminder",
    title="不设评价提醒",
    summary="No automatic reminder to rate.",
    article="RULEBOOK §8",
)
DEFAULT_APPEAL_RULE = default_rule(
    "default.rating.appeal",
    topic="rating_appeal",
    title="差评申诉",
    summary="The rated staff may appeal a 不满意 or 非常不满意 within 3 working days.",
    article="RULEBOOK §8",
)
DEFAULT_APPEAL_REVIEW_RULE = default_rule(
    "default.rating.appeal_review",
    topic="rating_appeal_review",
    title="申诉复核",
    summary="The hall reviews an appeal within 10 working days of filing: upheld, or overturned as "
    "mistaken or malicious (then excluded from assessment deductions).",
    article="RULEBOOK §8",
)
DEFAULT_TARGET_RULE = default_rule(
    "default.rating.rate_target",
    topic="rating_target",
    title="评价率目标",
    summary="At least 80% of handled cases rated.",
    article="RULEBOOK §8, §14",
)
SATISFACTION_RULE = national_rule(
    "national.rating.satisfaction_rate",
    topic="satisfaction_rate",
    title="满意率",
    summary="Satisfaction rate = ratings at 基本满意 or better ÷ all ratings.",
    article="RULEBOOK §8; dongying Art 7(二) (服务对象满意率); panyu Art 107 (满意度)",
)

#: Levels a staff member may appeal against.
BAD_LEVELS = ("dissatisfied", "very_dissatisfied")
#: Levels that count as satisfied in the satisfaction rate.
SATISFIED_LEVELS = ("very_satisfied", "satisfied", "basically_satisfied")

APPEAL_OUTCOMES = (
    AppealOutcome("upheld", "差评属实，采纳并整改", counts_in_assessment=True, rectification_required=True),
    AppealOutcome("overturned_mistaken", "误评，不予采纳", counts_in_assessment=False, rectification_required=False),
    AppealOutcome("overturned_malicious", "恶意评价，不予采纳", counts_in_assessment=False, rectification_required=False),
)


def rating_scale(scores: tuple[int, int, int, int, int], rules: tuple[RuleRef, ...]) -> RatingScale:
    """The five levels, best first, with ``scores`` in the same order."""
    return RatingScale(
        tuple(RatingLevel(code, name, score) for (code, name), score in zip(RATING_LEVELS, scores)), rules
    )


def default_rating_scale() -> RatingScale:
    return rating_scale((5, 4, 3, 2, 1), (LEVELS_RULE.ref, DEFAULT_SCORES_RULE.ref))


def default_rating_default() -> RatingDefaultRule:
    return RatingDefaultRule(None, None, (NO_DEFAULT_RATING_RULE.ref,))


def default_rating_outcome(
    rule: RatingDefaultRule, scale: RatingScale, served_on: date, as_of: date | datetime
) -> DefaultRatingOutcome:
    """Whether the default rating applies to a case served on ``served_on``.

    The applicant may rate until the end of the ``after_natural_days``-th
    natural day after service; ``as_of`` given as a date means the end of that day.
    """
    if rule.level is None or rule.after_natural_days is None:
        return DefaultRatingOutcome(False, None, None, None, False, None, rule.rules)
    last_day = served_on + timedelta(days=rule.after_natural_days)
    moment = as_of if isinstance(as_of, datetime) else datetime.combine(as_of, time.max)
    applies = moment >= datetime.combine(last_day, time.max)
    level = scale.level(rule.level)
    return DefaultRatingOutcome(
        applies=applies,
        level=level.code if applies else None,
        level_name=level.name if applies else None,
        score=level.score if applies else None,
        defaulted=applies,
        last_day_to_rate=last_day,
        rules=(*rule.rules, *scale.rules),
    )


def default_reminder() -> RatingReminderRule:
    return RatingReminderRule(None, None, (), (NO_REMINDER_RULE.ref,))


def appeal_window(
    calendar: WorkingCalendar,
    level: str,
    rated_on: date,
    *,
    working_days: int,
    rules: tuple[RuleRef, ...],
    filed_by: str = "rated_staff",
) -> AppealWindow:
    """A bad rating may be appealed until the ``working_days``-th working day after it was given."""
    code = rating_level_code(level)
    if code not in BAD_LEVELS:
        return AppealWindow(code, False, rated_on, None, None, None, rules)
    return AppealWindow(
        code, True, rated_on, calendar.add_working_days(rated_on, working_days), working_days, filed_by, rules
    )


def appeal_review(
    calendar: WorkingCalendar,
    filed_on: date,
    *,
    working_days: int,
    reviewed_by: str,
    rules: tuple[RuleRef, ...],
) -> AppealReview:
    return AppealReview(
        filed_on=filed_on,
        due_on=calendar.add_working_days(filed_on, working_days),
        working_days=working_days,
        reviewed_by=reviewed_by,
        outcomes=APPEAL_OUTCOMES,
        rules=rules,
    )


def default_appeal_window(calendar: WorkingCalendar, level: str, rated_on: date) -> AppealWindow:
    return appeal_window(calendar, level, rated_on, working_days=3, rules=(DEFAULT_APPEAL_RULE.ref,))


def default_appeal_review(calendar: WorkingCalendar, filed_on: date) -> AppealReview:
    return appeal_review(
        calendar, filed_on, working_days=10, reviewed_by="hall_office", rules=(DEFAULT_APPEAL_REVIEW_RULE.ref,)
    )


def default_targets() -> RatingTargets:
    return RatingTargets(0.8, (DEFAULT_TARGET_RULE.ref,))


def satisfaction_rate(counts: Mapping[str, int]) -> RateResult:
    """Ratings at 基本满意 or better ÷ all ratings; ``counts`` is keyed by level code or Chinese name."""
    by_code: dict[str, int] = {}
    for level, count in counts.items():
        if count < 0:
            raise PolicyError("a rating count cannot be negative")
        code = rating_level_code(level)
        by_code[code] = by_code.get(code, 0) + count
    total = sum(by_code.values())
    satisfied = sum(by_code.get(code, 0) for code in SATISFIED_LEVELS)
    return RateResult(satisfied / total if total else None, satisfied, total, None, None, (SATISFACTION_RULE.ref,))


def rating_rate(rated: int, handled: int, targets: RatingTargets) -> RateResult:
    """Rated cases ÷ handled cases, against the rating-rate target."""
    if rated < 0 or handled < 0 or rated > handled:
        raise PolicyError("rated cases must be between 0 and the cases handled")
    value = rated / handled if handled else None
    meets = None if value is None else value >= targets.rating_rate_target
    return RateResult(value, rated, handled, targets.rating_rate_target, meets, targets.rules)
