"""Complaints (投诉): the national baseline and helpers plugins share (RULEBOOK §9).

The default grounds for not accepting a complaint are nanbu's (RULEBOOK: panyu
and dongying *default* as nanbu, without the blacklist); nanbu's plugin cites
its own article for the same grounds.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from core.policy.calendar import WorkingCalendar
from core.policy.rules import default_rule
from core.policy.types import (
    BlacklistDecision,
    ComplaintAcceptance,
    ComplaintChannel,
    ComplaintDeadline,
    ComplaintFacts,
    NonAcceptanceGround,
    RuleRef,
)

DEFAULT_CHANNELS_RULE = default_rule(
    "default.complaint.channels",
    topic="complaint_channels",
    title="投诉渠道",
    summary="On site or by the suggestion box, by telephone or 12345, or any other lawful way.",
    article="RULEBOOK §9 (as nanbu 投诉处理制度 一(一))",
)
DEFAULT_ACCEPTANCE_RULE = default_rule(
    "default.complaint.acceptance",
    topic="complaint_acceptance",
    title="投诉受理",
    summary="Not accepted: anonymous or without valid contact; no clear target or demand; repeated without "
    "new facts; belongs to 信访, arbitration, administrative review or litigation; outside the centre's remit.",
    article="RULEBOOK §9 (as nanbu 投诉处理制度 一(二))",
)
DEFAULT_DEADLINE_RULE = default_rule(
    "default.complaint.deadline",
    topic="complaint_deadline",
    title="投诉办结时限",
    summary="Closed within 5 working days of acceptance; extendable with a leader's approval and an "
    "explanation to the complainant; the result is fed back to the complainant.",
    article="RULEBOOK §9 (as nanbu 投诉处理制度 二(二))",
)
NO_BLACKLIST_RULE = default_rule(
    "default.complaint.no_blacklist",
    topic="complaint_blacklist",
    title="不设投诉黑名单",
    summary="Malicious complaints are not blacklisted.",
    article="RULEBOOK §9 (panyu, dongying: without the blacklist)",
)

DEFAULT_DEADLINE_WORKING_DAYS = 5
EXTENSION_REQUIREMENTS = ("leader_approval", "explanation_to_complainant")

#: The grounds for not accepting a complaint, each with the fact that triggers it.
GROUNDS: tuple[tuple[str, str, str, Callable[[ComplaintFacts], bool]], ...] = (
    ("anonymous_or_no_contact", "未署名或未留有效联系方式", "anonymous or without valid contact",
     lambda f: not f.signed or not f.valid_contact),
    ("no_target_or_demand", "无明确投诉对象或诉求", "no clear target or demand",
     lambda f: not f.has_target or not f.has_demand),
    ("repeated_without_new_facts", "重复投诉且无新的事实、证据或线索", "repeated with no new facts",
     lambda f: f.repeated_without_new_facts),
    ("other_procedure", "应通过信访、仲裁、行政复议、诉讼等途径解决", "belongs to 信访, arbitration, "
     "administrative review or litigation", lambda f: f.belongs_to_other_procedure),
    ("outside_remit", "不属于政务服务中心职责权限范围", "outside the centre's remit",
     lambda f: f.outside_remit),
)

DEFAULT_CHANNELS = (
    ComplaintChannel("on_site", "现场（意见箱、投诉窗口）"),
    ComplaintChannel("phone", "投诉电话"),
    ComplaintChannel("12345", "12345热线"),
    ComplaintChannel("other", "其他合法方式"),
)


def non_acceptance_grounds(facts: ComplaintFacts, rule_id: str) -> tuple[NonAcceptanceGround, ...]:
    return tuple(
        NonAcceptanceGround(code, zh, en, rule_id) for code, zh, en, applies in GROUNDS if applies(facts)
    )


def acceptance(
    facts: ComplaintFacts,
    rules: tuple[RuleRef, ...],
    *,
    referral: str | None = None,
    confidential: bool = False,
    forwarded_to_responsible_unit: bool = False,
) -> ComplaintAcceptance:
    """Rejected with every ground that applies; otherwise referred (when ``referral``) or accepted."""
    grounds = non_acceptance_grounds(facts, rules[0].id)
    if grounds:
        outcome = "rejected"
    elif referral:
        outcome = "referred"
    else:
        outcome = "accepted"
    return ComplaintAcceptance(
        outcome=outcome,
        grounds=grounds,
        referral=referral if outcome == "referred" else None,
        confidential=confidential,
        forwarded_to_responsible_unit=forwarded_to_responsible_unit and outcome == "accepted",
        # A rejected complainant is told why; an accepted one gets the result.
        feedback_required=True,
        rules=rules,
    )


def default_acceptance(facts: ComplaintFacts) -> ComplaintAcceptance:
    return acceptance(facts, (DEFAULT_ACCEPTANCE_RULE.ref,))


def deadline(
    calendar: WorkingCalendar, accepted_on: date, working_days: int, rules: tuple[RuleRef, ...]
) -> ComplaintDeadline:
    return ComplaintDeadline(
        accepted_on=accepted_on,
        due_on=calendar.add_working_days(accepted_on, working_days),
        working_days=working_days,
        extendable=True,
        extension_requires=EXTENSION_REQUIREMENTS,
        rules=rules,
    )


def default_deadline(calendar: WorkingCalendar, accepted_on: date) -> ComplaintDeadline:
    return deadline(calendar, accepted_on, DEFAULT_DEADLINE_WORKING_DAYS, (DEFAULT_DEADLINE_RULE.ref,))


def default_blacklist() -> BlacklistDecision:
    return BlacklistDecision(False, (), (NO_BLACKLIST_RULE.ref,))
