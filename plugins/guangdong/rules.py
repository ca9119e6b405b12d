"""《广东省政务服务“好差评”管理办法（试行）》 as applied by the Guangdong plugins.

The articles are cited where the seed documents quote the provincial rules:
panyu Art 34-43 (Panyu cites 粤办函〔2019〕274号 in Art 43).
"""

from __future__ import annotations

from datetime import date

from core.policy import ratings
from core.policy.calendar import WorkingCalendar
from core.policy.rules import RuleSet
from core.policy.types import (
    AppealReview,
    AppealWindow,
    RatingDefaultRule,
    RatingReminderRule,
    RatingScale,
    RatingTargets,
)
from plugins.guangdong import RULES_VERSION

SOURCE = "guangdong"
DOCUMENT = "广东省政务服务“好差评”管理办法（试行）（粤办函〔2019〕274号），见番禺区政务服务中心管理办法"

RULES = RuleSet(source=SOURCE, source_document=DOCUMENT, plugin_version=RULES_VERSION)

SCALE = RULES.define(
    "guangdong.rating.scale",
    topic="rating_scores",
    title="好差评分值",
    summary="非常满意 10, 满意 8, 基本满意 6, 不满意 3, 非常不满意 0.",
    article="panyu Art 35",
)
DEFAULT_RATING = RULES.define(
    "guangdong.rating.default",
    topic="rating_default",
    title="默认基本满意",
    summary="No rating within 7 natural days of service → 基本满意, marked as defaulted.",
    article="panyu Art 35",
)
SMS_REMINDER = RULES.define(
    "guangdong.rating.sms_reminder",
    topic="rating_reminder",
    title="短信提醒评价",
    summary="An online case unrated 24 hours after completion gets an SMS reminder from the 好差评 system.",
    article="panyu Art 40, 42",
)
APPEAL = RULES.define(
    "guangdong.rating.appeal",
    topic="rating_appeal",
    title="差评申诉",
    summary="The rated staff may appeal a 不满意 or 非常不满意 within 3 working days.",
    article="panyu Art 43",
)
APPEAL_REVIEW = RULES.define(
    "guangdong.rating.appeal_review",
    topic="rating_appeal_review",
    title="申诉复核",
    summary="The bureau reviews within 10 working days of the appeal: upheld (rectify) or overturned as "
    "mistaken or malicious (not counted in assessment deductions).",
    article="panyu Art 43",
)
RATE_TARGET = RULES.define(
    "guangdong.rating.rate_target",
    topic="rating_target",
    title="评价率80%以上",
    summary="Window staff invite ratings on at least 80% of the cases they handle.",
    article="panyu Art 34(三)",
)

APPEAL_WORKING_DAYS = 3
REVIEW_WORKING_DAYS = 10
DEFAULT_AFTER_NATURAL_DAYS = 7
REMINDER_AFTER_HOURS = 24


def rating_scale() -> RatingScale:
    return ratings.rating_scale((10, 8, 6, 3, 0), (ratings.LEVELS_RULE.ref, SCALE.ref))


def rating_default() -> RatingDefaultRule:
    return RatingDefaultRule("basically_satisfied", DEFAULT_AFTER_NATURAL_DAYS, (DEFAULT_RATING.ref,))


def rating_reminder() -> RatingReminderRule:
    return RatingReminderRule(REMINDER_AFTER_HOURS, "sms", ("online",), (SMS_REMINDER.ref,))


def appeal_window(calendar: WorkingCalendar, level: str, rated_on: date) -> AppealWindow:
    return ratings.appeal_window(calendar, level, rated_on, working_days=APPEAL_WORKING_DAYS, rules=(APPEAL.ref,))


def appeal_review(calendar: WorkingCalendar, filed_on: date) -> AppealReview:
    return ratings.appeal_review(
        calendar, filed_on, working_days=REVIEW_WORKING_DAYS, reviewed_by="hall_office", rules=(APPEAL_REVIEW.ref,)
    )


def rating_targets() -> RatingTargets:
    return RatingTargets(0.8, (RATE_TARGET.ref,))
