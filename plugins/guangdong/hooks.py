"""Hook implementations of the Guangdong provincial 好差评 rules, written once for every Guangdong county.

A Guangdong jurisdiction plugin calls :func:`join` with its code instead of
wrapping the rating hooks itself. These hookimpls are ``trylast``: a county's
own rule, where its document has one, still wins, and they answer before the
national baseline (registered first, so called last among ``trylast``).
This module is registered through the ``tingwu.jurisdictions`` entry-point
group like the plugins, but it is not a jurisdiction (no ``tingwu_jurisdiction_info``).
"""

from __future__ import annotations

from datetime import date

from core.plugins import hookimpl
from core.policy.calendar import WorkingCalendar
from core.policy.types import (
    AppealReview,
    AppealWindow,
    PolicyRule,
    RatingDefaultRule,
    RatingReminderRule,
    RatingScale,
    RatingTargets,
)
from plugins.guangdong import rules

_MEMBERS: set[str] = set()


def join(code: str) -> None:
    """Apply the Guangdong provincial rating rules to jurisdiction ``code``."""
    _MEMBERS.add(code)


def members() -> frozenset[str]:
    return frozenset(_MEMBERS)


@hookimpl
def tingwu_policy_rules(jurisdiction: str) -> list[PolicyRule] | None:
    return list(rules.RULES.all()) if jurisdiction in _MEMBERS else None


@hookimpl(trylast=True)
def tingwu_rating_scale(jurisdiction: str) -> RatingScale | None:
    return rules.rating_scale() if jurisdiction in _MEMBERS else None


@hookimpl(trylast=True)
def tingwu_rating_default(jurisdiction: str) -> RatingDefaultRule | None:
    return rules.rating_default() if jurisdiction in _MEMBERS else None


@hookimpl(trylast=True)
def tingwu_rating_reminder(jurisdiction: str) -> RatingReminderRule | None:
    return rules.rating_reminder() if jurisdiction in _MEMBERS else None


@hookimpl(trylast=True)
def tingwu_rating_appeal_window(
    jurisdiction: str, calendar: WorkingCalendar, level: str, rated_on: date
) -> AppealWindow | None:
    return rules.appeal_window(calendar, level, rated_on) if jurisdiction in _MEMBERS else None


@hookimpl(trylast=True)
def tingwu_rating_appeal_review(jurisdiction: str, calendar: WorkingCalendar, filed_on: date) -> AppealReview | None:
    return rules.appeal_review(calendar, filed_on) if jurisdiction in _MEMBERS else None


@hookimpl(trylast=True)
def tingwu_rating_targets(jurisdiction: str) -> RatingTargets | None:
    return rules.rating_targets() if jurisdiction in _MEMBERS else None
