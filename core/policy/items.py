"""Service items (政务服务事项) entering, changing and leaving a hall: baseline and helpers (RULEBOOK §1)."""

from __future__ import annotations

from core.policy.rules import default_rule
from core.policy.types import ITEM_CHANGES, ApprovalStep, ItemChangeApproval, PolicyError, RuleRef

DEFAULT_ITEM_APPROVAL_RULE = default_rule(
    "default.items.approval",
    topic="item_change_approval",
    title="事项进驻、调整、撤出审批",
    summary="The owning department requests an item's entry, change or withdrawal; the hall's management office "
    "approves it, and the approved change is publicly announced (公示).",
    article="RULEBOOK §1 (dongguan 6.1.3-6.1.6)",
)

DEPARTMENT_REQUESTS = ApprovalStep("department", "department", "职能部门", "propose")
HALL_OFFICE_APPROVES = ApprovalStep("hall_office", "hall", "中心管理办公室", "approve")
GOVERNMENT_APPROVES = ApprovalStep("government", "hall", "本级政府", "approve")

CHANGE_TITLES = {"entry": "进驻", "change": "调整", "withdrawal": "撤出"}


def check_change(change: str) -> None:
    if change not in ITEM_CHANGES:
        raise PolicyError(f"unknown item change {change!r}; expected one of {', '.join(ITEM_CHANGES)}")


def item_change_approval(change: str, approver: ApprovalStep, rules: tuple[RuleRef, ...],
                         public_notice_required: bool = True) -> ItemChangeApproval:
    """The department proposes ``change``; ``approver`` decides; a notice follows if required."""
    check_change(change)
    return ItemChangeApproval(change, DEPARTMENT_REQUESTS, approver, public_notice_required, rules)


def default_item_change_approval(change: str) -> ItemChangeApproval:
    return item_change_approval(change, HALL_OFFICE_APPROVES, (DEFAULT_ITEM_APPROVAL_RULE.ref,))
