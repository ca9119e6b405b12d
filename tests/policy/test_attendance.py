"""Attendance (RULEBOOK §5): required check-ins, verdicts, correction slips, publication."""

from __future__ import annotations

from datetime import date, time

import pytest

THURSDAY, FRIDAY_WINTER = date(2026, 7, 2), date(2026, 11, 20)


def test_panyu_two_check_ins(policy_for):
    plan = policy_for("panyu").required_check_ins(THURSDAY)
    assert [(s.code, s.direction, s.at) for s in plan.slots] == [("in", "in", time(8, 30)), ("out", "out", time(17, 0))]
    assert plan.rules[0].id == "panyu.attendance.check_ins"


def test_jiedong_four_face_recognition_check_ins(host, calendar):
    plan = host.hook.tingwu_required_check_ins(jurisdiction="jiedong", calendar=calendar, day=FRIDAY_WINTER)
    assert [(s.code, s.at) for s in plan.slots] == [
        ("am_in", time(8, 30)), ("am_out", time(11, 30)), ("pm_in", time(14, 30)), ("pm_out", time(17, 30))
    ]
    assert plan.method == "face_recognition"
    assert {(m.role, m.check_ins_per_month) for m in plan.role_minimums} == {
        ("chief_representative", 4), ("key_staff", 4)
    }


def test_jiedong_winter_monday_afternoon_starts_at_two(policy_for):
    plan = policy_for("jiedong").required_check_ins(date(2026, 11, 19))
    assert plan.slot("pm_in").at == time(14, 0)


def test_nanbu_roll_calls_at_random(policy_for):
    plan = policy_for("nanbu").required_check_ins(THURSDAY)
    assert plan.random_roll_calls
    assert plan.slot("in").at == time(9, 0)


def test_no_check_ins_on_a_holiday(policy_for):
    plan = policy_for("jiedong").required_check_ins(date(2026, 10, 1))
    assert plan.slots == ()


@pytest.mark.parametrize(
    ("slot", "at", "verdict"),
    [
        ("in", time(8, 30), "on_time"),
        ("in", time(8, 30, 59), "on_time"),  # within the minute
        ("in", time(8, 31), "late"),
        ("out", time(17, 0), "on_time"),
        ("out", time(16, 59), "early"),
        ("out", None, "missing"),
    ],
)
def test_judging_panyu_check_ins(host, policy_for, slot, at, verdict):
    plan = policy_for("panyu").required_check_ins(THURSDAY)
    answer = host.hook.tingwu_judge_check_in(jurisdiction="panyu", plan=plan, slot=slot, at=at, excused=False)
    assert answer.verdict == verdict


def test_excused_lateness(policy_for):
    assert policy_for("panyu").judge_check_in(THURSDAY, "in", time(9, 15), excused=True).verdict == "excused"


def test_jiedong_unexcused_lateness_is_off_post(policy_for):
    policy = policy_for("jiedong")
    verdict = policy.judge_check_in(THURSDAY, "am_in", time(8, 45))
    assert verdict.verdict == "off_post"
    assert "jiedong.attendance.off_post" in {rule.id for rule in verdict.rules}
    assert policy.judge_check_in(THURSDAY, "pm_out", time(17, 0)).verdict == "off_post"
    assert policy.judge_check_in(THURSDAY, "am_in", time(8, 45), excused=True).verdict == "excused"
    assert policy.judge_check_in(THURSDAY, "am_in", None).verdict == "missing"


def test_judging_an_unknown_slot_fails(policy_for):
    with pytest.raises(ValueError, match="am_in"):
        policy_for("panyu").judge_check_in(THURSDAY, "am_in", time(8, 0))


@pytest.mark.parametrize(
    ("reason", "allowed"),
    [("forgot", True), ("system_fault", True), ("late", False), ("early_leave", False), ("absence", False)],
)
def test_panyu_correction_slip_only_for_people_at_work(host, reason, allowed):
    decision = host.hook.tingwu_attendance_correction(jurisdiction="panyu", reason=reason)
    assert decision.allowed is allowed
    assert decision.rules[0].article == "Art 64"
    if allowed:
        assert decision.signers[0].side == "department" and decision.kept_by == "hall_admin"
    else:
        assert decision.signers == ()


def test_default_correction_rule_for_other_jurisdictions(policy_for):
    decision = policy_for("dongying").attendance_correction("forgot")
    assert decision.allowed and decision.rules[0].source == "default"


def test_unknown_correction_reason(policy_for):
    with pytest.raises(ValueError):
        policy_for("panyu").attendance_correction("traffic")


def test_system_failure_means_manual_attendance(host):
    handling = host.hook.tingwu_attendance_system_failure(jurisdiction="panyu", day=THURSDAY)
    assert handling.manual_attendance and handling.rules[0].article == "Art 65"


@pytest.mark.parametrize(
    ("code", "cadence"), [("dongying", "half_monthly"), ("nanbu", "weekly"), ("panyu", "monthly"), ("jiedong", "monthly")]
)
def test_publication_cadence(host, code, cadence):
    assert host.hook.tingwu_attendance_publication(jurisdiction=code).cadence == cadence


def test_publication_periods(policy_for):
    assert policy_for("dongying").attendance_publication().period_containing(date(2026, 2, 16)) == (
        date(2026, 2, 16), date(2026, 2, 28)
    )
    assert policy_for("dongying").attendance_publication().period_containing(date(2026, 2, 15)) == (
        date(2026, 2, 1), date(2026, 2, 15)
    )
    assert policy_for("nanbu").attendance_publication().period_containing(date(2026, 7, 3)) == (
        date(2026, 6, 29), date(2026, 7, 5)
    )
    assert policy_for("panyu").attendance_publication().period_containing(date(2026, 12, 31)) == (
        date(2026, 12, 1), date(2026, 12, 31)
    )
