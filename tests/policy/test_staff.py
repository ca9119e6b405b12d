"""Staff on duty, replacement and return to the dispatching department (RULEBOOK §7)."""

from __future__ import annotations

from datetime import date

import pytest

from core.policy.types import PeriodStanding, ReplacementFacts, StaffRecord


def quarter(label: str, start: date, end: date, bottom: bool) -> PeriodStanding:
    return PeriodStanding(label, start, end, bottom)


Q1 = (date(2026, 1, 1), date(2026, 3, 31))
Q2 = (date(2026, 4, 1), date(2026, 6, 30))
Q3 = (date(2026, 7, 1), date(2026, 9, 30))
Q4 = (date(2026, 10, 1), date(2026, 12, 31))


# -- onboarding ---------------------------------------------------------------------


def test_jiedong_onboarding_hall_approves_before_duty(host):
    rule = host.hook.tingwu_onboarding_rule(jurisdiction="jiedong")
    assert [(s.side, s.action) for s in rule.steps] == [("department", "propose"), ("hall", "approve")]
    assert rule.rules[0].article == "Art 6"


def test_dongguan_onboarding_registers_and_trains(policy_for):
    rule = policy_for("dongguan").onboarding_rule()
    assert rule.training_required and "附录G" in rule.registration_form
    assert [s.action for s in rule.steps] == ["propose", "register", "approve"]


def test_default_onboarding(policy_for):
    rule = policy_for("nanbu").onboarding_rule()
    assert [s.side for s in rule.steps] == ["department", "hall"] and rule.training_required
    assert rule.rules[0].source == "default"


# -- replacement ----------------------------------------------------------------------


def test_dongguan_new_before_old_from_preselected_substitutes(host, policy_for):
    rule = host.hook.tingwu_replacement_rule(jurisdiction="dongguan")
    assert rule.new_before_old and rule.from_preselected_substitutes and rule.written_report_required
    policy = policy_for("dongguan")
    good = ReplacementFacts(
        hall_agreed=True,
        written_report=True,
        substitute_preselected=True,
        new_on_duty_on=date(2026, 7, 1),
        old_leaves_on=date(2026, 7, 3),
    )
    assert policy.check_replacement(good) == ()
    old_left_first = ReplacementFacts(
        hall_agreed=True,
        written_report=True,
        substitute_preselected=True,
        new_on_duty_on=date(2026, 7, 6),
        old_leaves_on=date(2026, 7, 3),
    )
    assert [v.field for v in policy.check_replacement(old_left_first)] == ["new_on_duty_on"]
    fields = {v.field for v in policy.check_replacement(ReplacementFacts())}
    assert fields == {"hall_agreed", "written_report", "substitute_preselected", "new_on_duty_on"}


def test_panyu_replacement_is_filed_in_advance(policy_for):
    policy = policy_for("panyu")
    assert policy.replacement_rule().advance_filing_required
    violations = policy.check_replacement(ReplacementFacts(filed_in_advance=False))
    assert [v.field for v in violations] == ["filed_in_advance"]
    assert violations[0].rule_id == "panyu.staff.replacement"
    assert policy.check_replacement(ReplacementFacts(filed_in_advance=True)) == ()


def test_default_replacement_needs_hall_agreement(policy_for):
    assert [v.field for v in policy_for("dongying").check_replacement(ReplacementFacts())] == ["hall_agreed"]


# -- return to the dispatching department ----------------------------------------------------


@pytest.mark.parametrize(
    ("record", "trigger"),
    [
        (StaffRecord(as_of=date(2027, 1, 10), annual_grade="不称职"), "annual_grade"),
        (StaffRecord(as_of=date(2027, 1, 10), annual_grade="不合格"), "annual_grade"),
        (StaffRecord(as_of=date(2026, 8, 1), repeated_disobedience=True), "repeated_disobedience"),
        (
            StaffRecord(
                as_of=date(2026, 12, 31),
                periods=(quarter("2026Q1", *Q1, True), quarter("2026Q2", *Q2, False), quarter("2026Q3", *Q3, True)),
            ),
            "bottom_six_twice_in_year",
        ),
        (StaffRecord(as_of=date(2026, 12, 1), criticisms=(date(2026, 3, 2), date(2026, 11, 5))), "criticized_twice"),
        (StaffRecord(as_of=date(2026, 8, 1), serious_violation=True), "serious_violation"),
        (StaffRecord(as_of=date(2026, 8, 1), disciplinary_sanction=True), "disciplinary_sanction"),
    ],
)
def test_dongying_each_return_trigger(host, record, trigger):
    decision = host.hook.tingwu_return_to_unit(jurisdiction="dongying", record=record)
    assert decision.flagged and decision.mandatory and decision.decided_by == "hall"
    assert [t.code for t in decision.triggers] == [trigger]


@pytest.mark.parametrize(
    "record",
    [
        StaffRecord(as_of=date(2027, 1, 10), annual_grade="称职"),
        StaffRecord(as_of=date(2026, 12, 31), periods=(quarter("2026Q1", *Q1, True), quarter("2026Q2", *Q2, False))),
        # two criticisms, but in different years
        StaffRecord(as_of=date(2027, 3, 1), criticisms=(date(2026, 11, 5), date(2027, 2, 1))),
    ],
)
def test_dongying_no_trigger(policy_for, record):
    assert not policy_for("dongying").return_to_unit(record).flagged


def test_dongying_consecutive_periods_across_a_year_end(policy_for):
    record = StaffRecord(
        as_of=date(2027, 4, 1),
        periods=(quarter("2026Q4", *Q4, True), quarter("2027Q1", date(2027, 1, 1), date(2027, 3, 31), True)),
    )
    assert [t.code for t in policy_for("dongying").return_to_unit(record).triggers] == ["bottom_six_consecutive"]


def test_dongying_ignores_periods_not_ended_by_as_of(policy_for):
    record = StaffRecord(
        as_of=date(2026, 5, 1), periods=(quarter("2026Q1", *Q1, True), quarter("2026Q2", *Q2, True))
    )
    assert not policy_for("dongying").return_to_unit(record).flagged


def test_dongguan_may_return_staff_who_cannot_do_the_job(policy_for):
    decision = policy_for("dongguan").return_to_unit(StaffRecord(as_of=date(2026, 8, 1), cannot_do_job=True))
    assert decision.flagged and not decision.mandatory
    assert decision.rules[0].article == "6.3.4d"


def test_default_has_no_automatic_triggers(policy_for):
    decision = policy_for("panyu").return_to_unit(StaffRecord(as_of=date(2026, 8, 1), serious_violation=True))
    assert not decision.flagged and decision.rules[0].source == "default"
