"""Every answer is traceable: the rules that decide it are the ones ``rules()`` lists."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date, datetime, time

import pytest

from core.policy.types import (
    AskedStaff,
    CaseActivity,
    ComplaintFacts,
    PeriodStanding,
    RuleRef,
    StaffRecord,
)
from tests.policy.conftest import JURISDICTIONS

DAYS = (date(2026, 7, 3), date(2026, 11, 19), date(2026, 10, 1), date(2026, 10, 10), date(2027, 5, 6))


def refs_in(answer) -> list[RuleRef]:
    """Every RuleRef inside an answer (dataclasses, tuples, nested)."""
    if isinstance(answer, RuleRef):
        return [answer]
    if isinstance(answer, tuple | list):
        return [ref for item in answer for ref in refs_in(item)]
    if is_dataclass(answer):
        return [ref for f in fields(answer) for ref in refs_in(getattr(answer, f.name))]
    return []


def sample_answers(policy) -> list:
    answers = [policy.standard_hall_name("厚街", "镇"), policy.validate_hall_name("厚街政务服务中心")]
    for day in DAYS:
        answers += [policy.day_status(day), policy.service_hours(day), policy.staff_hours(day), policy.duty_plan(day)]
        plan = policy.required_check_ins(day)
        answers.append(plan)
        answers += [policy.judge_check_in(day, slot.code, time(12, 0)) for slot in plan.slots]
    answers += [policy.attendance_correction(r) for r in ("forgot", "late")]
    answers += [policy.attendance_system_failure(DAYS[0]), policy.attendance_publication()]
    answers += [policy.leave_chain(d, hours=h, kind=k) for d, h, k in
                [(0, 0.5, "personal"), (0.25, None, "personal"), (0.5, None, "sick"), (2, None, "personal"),
                 (3, None, "personal"), (1, None, "business_trip")]]
    answers += [policy.leave_kinds(), policy.onboarding_rule(), policy.replacement_rule()]
    answers.append(policy.return_to_unit(StaffRecord(
        as_of=date(2026, 12, 31), annual_grade="不称职", cannot_do_job=True,
        periods=(PeriodStanding("Q1", date(2026, 1, 1), date(2026, 3, 31), True),
                 PeriodStanding("Q2", date(2026, 4, 1), date(2026, 6, 30), True)),
    )))
    answers += [policy.rating_scale(), policy.default_rating(date(2026, 11, 10), date(2026, 11, 20)),
                policy.rating_reminder_rule(), policy.appeal_window("不满意", date(2026, 9, 24)),
                policy.appeal_window("满意", date(2026, 9, 24)), policy.appeal_review(date(2026, 9, 24)),
                policy.rating_targets(), policy.rating_rate(8, 10), policy.satisfaction_rate({"满意": 1})]
    for facts in (ComplaintFacts(), ComplaintFacts(signed=False), ComplaintFacts(work_order_id="W1"),
                  ComplaintFacts(involves_law_or_discipline_violation=True), ComplaintFacts(fabricated_facts=True)):
        answers += [policy.complaint_acceptance(facts), policy.complaint_blacklist(facts)]
    answers += [policy.complaint_channels(), policy.complaint_deadline(date(2026, 9, 24)),
                policy.complaint_deadline(date(2026, 9, 24), work_order_due_on=date(2026, 9, 30))]
    categories = policy.case_categories()
    answers.append(categories)
    for category in categories:
        answers.append(policy.case_deadline(category.code, date(2026, 9, 24), promised_working_days=5,
                                            materials_completed_on=date(2026, 9, 28)))
    answers += [policy.deficiency_acceptance(date(2026, 7, 10), date(2026, 7, 20)),
                policy.case_anomalies([CaseActivity("c", "a", "X", date(2026, 7, 1))], date(2026, 7, 5)),
                policy.first_asker([AskedStaff("s", datetime(2026, 7, 1, 9), 1)]),
                policy.check_correction_notice(["a"], [], ["a"])]
    answers += [policy.assessment_scheme(), policy.annual_assessment_score([1.0]),
                policy.rank_assessment({"a": 1.0}), policy.window_plan(330), policy.bulletin_spec()]
    answers += [policy.assessment_formula(cadence.code, {"late": 1}) for cadence in policy.assessment_scheme().cadences]
    return answers


@pytest.mark.parametrize("code", JURISDICTIONS)
def test_every_rule_behind_an_answer_is_listed(policy_for, code):
    policy = policy_for(code)
    listed = {rule.id: rule for rule in policy.rules()}
    for ref in {ref for answer in sample_answers(policy) for ref in refs_in(answer)}:
        assert ref.id in listed, f"{code}: {ref.id} decides an answer but is not in rules()"
        assert listed[ref.id].ref == ref


def test_baseline_answers_every_question_for_a_jurisdiction_no_plugin_knows(policy_for):
    policy = policy_for("atlantis")
    sources = {ref.source for answer in sample_answers(policy) for ref in refs_in(answer)}
    assert sources == {"default", "national"}
    assert {rule.source for rule in policy.rules()} == {"default", "national"}


def test_every_plugin_identifies_itself(host):
    infos = {info.code: info for info in host.hook.tingwu_jurisdiction_info()}
    assert set(infos) == set(JURISDICTIONS)
    for code, info in infos.items():
        listed = [rule for rules in host.hook.tingwu_policy_rules(jurisdiction=code) for rule in rules]
        own = [rule for rule in listed if rule.id.startswith(f"{code}.")]
        assert own and all(rule.plugin_version == info.plugin_version for rule in own)
        assert all(rule.source_document for rule in own)


@pytest.mark.parametrize("code", JURISDICTIONS)
def test_rules_are_unique_and_sourced(policy_for, code):
    rules = policy_for(code).rules()
    assert len({rule.id for rule in rules}) == len(rules)
    for rule in rules:
        assert rule.source in (code, "guangdong", "default", "national")
        assert rule.source_document and rule.article and rule.topic and rule.plugin_version


def test_plugin_rules_hide_baseline_rules_on_the_same_topic(policy_for):
    jiedong = {rule.id for rule in policy_for("jiedong").rules()}
    assert "jiedong.hours.summer" in jiedong and "default.hours.public" not in jiedong
    assert "default.hours.makeup_day" in jiedong  # jiedong says nothing of make-up days
    panyu = {rule.id for rule in policy_for("panyu").rules()}
    assert "default.hours.public" in panyu and "guangdong.rating.scale" in panyu
    assert "default.rating.scores" not in panyu


def test_policy_rules_hook_directly(host):
    lists = host.hook.tingwu_policy_rules(jurisdiction="nanbu")
    assert len(lists) == 2  # nanbu's own, and the baseline's
    assert host.hook.tingwu_policy_rules(jurisdiction="atlantis") == [lists[-1]]


def test_effective_dates(policy_for):
    by_id = {rule.id: rule for rule in policy_for("jiedong").rules()}
    assert by_id["jiedong.hours.summer"].effective_from == date(2024, 10, 30)
    by_id = {rule.id: rule for rule in policy_for("dongying").rules()}
    assert by_id["dongying.staff.return"].effective_from == date(2018, 1, 1)
