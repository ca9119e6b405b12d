"""Service items entering, changing and leaving a hall: who approves (RULEBOOK §1)."""

from __future__ import annotations

import pytest

from core.policy.types import PolicyError
from tests.policy.conftest import JURISDICTIONS


@pytest.mark.parametrize("change", ["entry", "change", "withdrawal"])
def test_dongying_district_government_approves_item_changes(host, change):
    answer = host.hook.tingwu_item_change_approval(jurisdiction="dongying", change=change)
    assert answer.change == change
    assert answer.proposer.side == "department" and answer.proposer.action == "propose"
    assert (answer.approver.role, answer.approver.title) == ("government", "区政府")
    assert answer.public_notice_required is True
    assert [(r.id, r.source, r.article) for r in answer.rules] == [("dongying.items.approval", "dongying", "Art 4(一), 4(三)")]


@pytest.mark.parametrize("code", [c for c in JURISDICTIONS if c != "dongying"])
def test_elsewhere_the_hall_office_approves_by_default(policy_for, code):
    answer = policy_for(code).item_change_approval("withdrawal")
    assert (answer.approver.role, answer.approver.side) == ("hall_office", "hall")
    assert answer.public_notice_required is True
    assert [(r.id, r.source) for r in answer.rules] == [("default.items.approval", "default")]


def test_unknown_change_is_refused(policy_for):
    with pytest.raises(PolicyError):
        policy_for("panyu").item_change_approval("merge")


def test_dongying_rule_replaces_the_default_in_the_catalogue(policy_for):
    topics = {rule.id: rule.topic for rule in policy_for("dongying").rules()}
    assert "dongying.items.approval" in topics and "default.items.approval" not in topics
    assert "default.items.approval" in {rule.id for rule in policy_for("nanbu").rules()}
