"""Complaints 投诉 (RULEBOOK §9): acceptance, deadlines, blacklist, channels."""

from __future__ import annotations

from datetime import date

import pytest

from core.policy.types import ComplaintFacts


@pytest.mark.parametrize(
    ("facts", "ground"),
    [
        (ComplaintFacts(signed=False), "anonymous_or_no_contact"),
        (ComplaintFacts(valid_contact=False), "anonymous_or_no_contact"),
        (ComplaintFacts(has_target=False), "no_target_or_demand"),
        (ComplaintFacts(has_demand=False), "no_target_or_demand"),
        (ComplaintFacts(repeated_without_new_facts=True), "repeated_without_new_facts"),
        (ComplaintFacts(belongs_to_other_procedure=True), "other_procedure"),
        (ComplaintFacts(outside_remit=True), "outside_remit"),
    ],
)
def test_nanbu_grounds_for_not_accepting(host, facts, ground):
    decision = host.hook.tingwu_complaint_acceptance(jurisdiction="nanbu", complaint=facts)
    assert decision.outcome == "rejected" and not decision.accepted
    assert [g.code for g in decision.grounds] == [ground]
    assert decision.grounds[0].rule_id == "nanbu.complaint.acceptance"
    assert decision.feedback_required  # the complainant is told why


def test_every_ground_that_applies_is_listed(policy_for):
    decision = policy_for("nanbu").complaint_acceptance(ComplaintFacts(signed=False, outside_remit=True))
    assert [g.code for g in decision.grounds] == ["anonymous_or_no_contact", "outside_remit"]


@pytest.mark.parametrize("code", ["panyu", "dongying"])
def test_panyu_and_dongying_default_as_nanbu(policy_for, code):
    decision = policy_for(code).complaint_acceptance(ComplaintFacts(has_target=False))
    assert [g.code for g in decision.grounds] == ["no_target_or_demand"]
    assert decision.rules[0].id == "default.complaint.acceptance"
    assert policy_for(code).complaint_acceptance(ComplaintFacts()).accepted


def test_dongguan_refers_violations_and_keeps_confidence(policy_for):
    policy = policy_for("dongguan")
    referred = policy.complaint_acceptance(
        ComplaintFacts(involves_law_or_discipline_violation=True, confidentiality_requested=True)
    )
    assert referred.outcome == "referred" and referred.referral and referred.confidential
    assert "dongguan.complaint.referral" in {rule.id for rule in referred.rules}
    assert policy.complaint_acceptance(ComplaintFacts()).accepted


def test_jiedong_forwards_12345_work_orders(policy_for):
    decision = policy_for("jiedong").complaint_acceptance(ComplaintFacts(channel="12345", work_order_id="GD20260701001"))
    assert decision.accepted and decision.forwarded_to_responsible_unit
    assert decision.rules[0].id == "jiedong.complaint.work_order"


def test_deadline_is_5_working_days_from_acceptance(host, calendar):
    deadline = host.hook.tingwu_complaint_deadline(
        jurisdiction="nanbu", calendar=calendar, accepted_on=date(2026, 9, 24), work_order_due_on=None
    )
    assert deadline.due_on == date(2026, 10, 9)  # 28, 29, 30 Sep; 8, 9 Oct
    assert deadline.extendable and deadline.extension_requires == ("leader_approval", "explanation_to_complainant")
    assert deadline.rules[0].id == "nanbu.complaint.deadline"


def test_default_deadline(policy_for):
    deadline = policy_for("panyu").complaint_deadline(date(2026, 7, 1))
    assert deadline.due_on == date(2026, 7, 8) and deadline.rules[0].source == "default"


def test_jiedong_work_order_keeps_its_own_deadline(policy_for):
    policy = policy_for("jiedong")
    deadline = policy.complaint_deadline(date(2026, 7, 1), work_order_due_on=date(2026, 7, 3))
    assert deadline.due_on == date(2026, 7, 3) and not deadline.extendable
    assert policy.complaint_deadline(date(2026, 7, 1)).due_on == date(2026, 7, 8)


def test_only_nanbu_blacklists_malicious_complainants(host):
    malicious = ComplaintFacts(fabricated_facts=True)
    nanbu = host.hook.tingwu_complaint_blacklist(jurisdiction="nanbu", complaint=malicious)
    assert nanbu.blacklist and "public_exposure" in nanbu.consequences
    assert not host.hook.tingwu_complaint_blacklist(jurisdiction="nanbu", complaint=ComplaintFacts()).blacklist
    for code in ("panyu", "dongying", "dongguan", "jiedong"):
        assert not host.hook.tingwu_complaint_blacklist(jurisdiction=code, complaint=malicious).blacklist


def test_channels(host):
    dongguan = {c.code for c in host.hook.tingwu_complaint_channels(jurisdiction="dongguan")}
    assert {"gdzwfw", "12345", "email", "i_guan_jia_app"} <= dongguan
    nanbu = {c.code for c in host.hook.tingwu_complaint_channels(jurisdiction="nanbu")}
    assert {"on_site", "12345", "suggestion_box"} <= nanbu
    assert host.hook.tingwu_complaint_channels(jurisdiction="panyu")[0].code == "on_site"
