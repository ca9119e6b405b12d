"""Staff on duty, replacement and return (RULEBOOK §7): baseline and shared helpers."""

from __future__ import annotations

from collections.abc import Iterable

from core.policy.rules import default_rule
from core.policy.types import (
    ApprovalStep,
    OnboardingRule,
    PeriodStanding,
    ReplacementFacts,
    ReplacementRule,
    ReturnDecision,
    ReturnTrigger,
    RuleRef,
    Violation,
)

DEFAULT_ONBOARDING_RULE = default_rule(
    "default.staff.onboarding",
    topic="onboarding",
    title="进驻人员上岗审批",
    summary="The department proposes new window staff, the hall approves them before duty, after pre-duty training.",
    article="RULEBOOK §2 (jiedong Art 6; dongguan 6.3.3)",
)
DEFAULT_REPLACEMENT_RULE = default_rule(
    "default.staff.replacement",
    topic="replacement",
    title="窗口人员调换",
    summary="The department replaces a window staff member with the hall's agreement.",
    article="RULEBOOK §2 (dongguan 6.3.4b-c; panyu Art 20)",
)
DEFAULT_RETURN_RULE = default_rule(
    "default.staff.return",
    topic="return_to_unit",
    title="退回原派出单位",
    summary="The hall decides returns case by case; no automatic triggers.",
    article="RULEBOOK §2, §7",
)

DEPARTMENT_PROPOSES = ApprovalStep("department", "department", "派出单位", "propose")
HALL_APPROVES = ApprovalStep("hall_office", "hall", "中心管理办公室", "approve")


def default_onboarding() -> OnboardingRule:
    return OnboardingRule(
        steps=(DEPARTMENT_PROPOSES, HALL_APPROVES),
        training_required=True,
        registration_form=None,
        rules=(DEFAULT_ONBOARDING_RULE.ref,),
    )


def default_replacement() -> ReplacementRule:
    return ReplacementRule(
        decided_by="department",
        hall_agreement_required=True,
        written_report_required=False,
        from_preselected_substitutes=False,
        new_before_old=False,
        advance_filing_required=False,
        rules=(DEFAULT_REPLACEMENT_RULE.ref,),
    )


def check_replacement(rule: ReplacementRule, facts: ReplacementFacts) -> tuple[Violation, ...]:
    """Every requirement of ``rule`` the replacement described by ``facts`` fails."""
    rule_id = rule.rules[0].id if rule.rules else "replacement"
    checks = (
        (rule.hall_agreement_required and not facts.hall_agreed, "hall_agreed",
         "调换窗口人员须与政务服务大厅协商一致", "the hall must agree to the replacement"),
        (rule.written_report_required and not facts.written_report, "written_report",
         "调换须以书面形式向政务服务大厅报告", "the replacement must be reported to the hall in writing"),
        (rule.from_preselected_substitutes and not facts.substitute_preselected, "substitute_preselected",
         "须在预先选定的替岗人员中选派", "the replacement must come from the pre-selected substitutes"),
        (rule.advance_filing_required and not facts.filed_in_advance, "filed_in_advance",
         "调换须提前报备", "the replacement must be filed in advance"),
    )
    violations = [Violation(rule_id, zh, en, field) for failed, field, zh, en in checks if failed]
    if rule.new_before_old:
        on, off = facts.new_on_duty_on, facts.old_leaves_on
        if on is None or off is None or on > off:
            violations.append(
                Violation(
                    rule_id,
                    "须“先进后出”：新人员上岗后原人员方可离岗",
                    "new before old (先进后出): the new member must be on duty before the old one leaves",
                    "new_on_duty_on",
                )
            )
    return tuple(violations)


def return_decision(
    triggers: Iterable[ReturnTrigger], *, mandatory: bool, rules: tuple[RuleRef, ...]
) -> ReturnDecision:
    found = tuple(triggers)
    return ReturnDecision(
        flagged=bool(found),
        mandatory=mandatory and bool(found),
        triggers=found,
        decided_by="hall",
        rules=rules,
    )


def default_return() -> ReturnDecision:
    return return_decision((), mandatory=False, rules=(DEFAULT_RETURN_RULE.ref,))


def bottom_periods(periods: Iterable[PeriodStanding]) -> list[PeriodStanding]:
    return [p for p in sorted(periods, key=lambda p: p.start) if p.in_bottom_six]


def consecutive_bottom(periods: Iterable[PeriodStanding]) -> tuple[PeriodStanding, PeriodStanding] | None:
    """Two adjacent recorded periods (ordered by start) both in the bottom six, or None."""
    ordered = sorted(periods, key=lambda p: p.start)
    for earlier, later in zip(ordered, ordered[1:]):
        if earlier.in_bottom_six and later.in_bottom_six:
            return earlier, later
    return None
