"""RULEBOOK §15: every worked example, through the facade with the real plugin manager."""

from __future__ import annotations

from datetime import date, time

from core.policy.types import PeriodStanding, StaffRecord, TimeSpan


def spans(*texts: str) -> tuple[TimeSpan, ...]:
    return tuple(TimeSpan.parse(text) for text in texts)


def test_1_jiedong_friday_in_summer(policy_for):
    hours = policy_for("jiedong").service_hours(date(2026, 7, 3))
    assert hours.public == spans("08:30-11:30", "14:30-16:30")
    assert hours.internal == spans("16:30-17:30")
    assert "jiedong.hours.summer" in {rule.id for rule in hours.rules}


def test_2_jiedong_thursday_in_winter(policy_for):
    hours = policy_for("jiedong").service_hours(date(2026, 11, 19))
    assert hours.public == spans("08:30-11:30", "14:00-17:00")
    assert hours.internal == spans("17:00-17:30")
    assert "jiedong.hours.winter" in {rule.id for rule in hours.rules}


def test_3_jiedong_closed_on_national_day(policy_for):
    hours = policy_for("jiedong").service_hours(date(2026, 10, 1))
    assert not hours.open
    assert hours.public == () and hours.internal == ()
    assert hours.day.kind == "statutory_holiday"


def test_4_jiedong_makeup_saturday_follows_monday_to_thursday_summer(policy_for):
    hours = policy_for("jiedong").service_hours(date(2026, 10, 10))
    assert hours.day.kind == "makeup_workday"
    assert hours.public == spans("08:30-11:30", "14:30-17:30")
    assert hours.internal == ()
    assert {"jiedong.hours.summer", "default.hours.makeup_day"} <= {rule.id for rule in hours.rules}


def test_5_panyu_last_day_to_appeal_a_dissatisfied_rating(policy_for):
    window = policy_for("panyu").appeal_window("不满意", date(2026, 9, 24))
    assert window.appealable
    assert window.last_day == date(2026, 9, 30)  # 25th Mid-Autumn, 26-27 weekend, 28, 29, 30
    assert window.rules[0].id == "guangdong.rating.appeal"


def test_6_dongguan_standard_name_of_houjie(policy_for):
    name = policy_for("dongguan").standard_hall_name("厚街", "镇")
    assert name.name_zh == "东莞市厚街镇政务服务中心"
    assert name.name_en_full == "Houjie Township Government Service Center of Dongguan Municipality"
    assert name.name_en_short == "Dongguan Houjie Township Government Service Center"
    assert name.rules[0].article == "4.4.1"


def test_7_dongguan_window_plan_for_330_cases(policy_for):
    plan = policy_for("dongguan").window_plan(330)
    assert (plan.windows, plan.staff) == (11, 13)
    assert plan.rules[0].id == "dongguan.windows.plan"


def test_8_jiedong_half_day_leave(policy_for):
    chain = policy_for("jiedong").leave_chain(0.5)
    assert [(step.role, step.side) for step in chain.steps] == [
        ("window_unit", "department"),
        ("chief_representative", "department"),
        ("bureau_leader_in_charge", "hall"),
        ("service_section", "hall"),
    ]
    assert chain.steps[-1].title == "政务服务股" and chain.steps[-1].action == "file"
    assert chain.substitute_required


def test_9_nanbu_three_day_leave(policy_for):
    chain = policy_for("nanbu").leave_chain(3)
    assert [(step.role, step.side) for step in chain.steps] == [
        ("unit_principal", "department"),
        ("centre_head", "hall"),
        ("service_section", "hall"),
    ]
    assert chain.steps[-1].title == "政务服务科" and chain.steps[-1].action == "file"
    assert chain.b_role_substitute_required


def test_10_panyu_rating_scale(policy_for):
    scale = policy_for("panyu").rating_scale()
    assert [(level.name, level.score) for level in scale.levels] == [
        ("非常满意", 10), ("满意", 8), ("基本满意", 6), ("不满意", 3), ("非常不满意", 0)
    ]


def test_11_panyu_unrated_case_defaults_to_basically_satisfied(policy_for):
    outcome = policy_for("panyu").default_rating(date(2026, 11, 10), as_of=date(2026, 11, 17))
    assert outcome.applies and outcome.defaulted
    assert (outcome.level_name, outcome.score) == ("基本满意", 6)


def test_12_dongying_bottom_six_in_two_quarters_is_flagged(policy_for):
    record = StaffRecord(
        as_of=date(2026, 7, 1),
        periods=(
            PeriodStanding("2026Q1", date(2026, 1, 1), date(2026, 3, 31), in_bottom_six=True),
            PeriodStanding("2026Q2", date(2026, 4, 1), date(2026, 6, 30), in_bottom_six=True),
        ),
    )
    decision = policy_for("dongying").return_to_unit(record)
    assert decision.flagged and decision.mandatory
    assert [t.code for t in decision.triggers] == ["bottom_six_consecutive"]
    assert decision.rules[0].article == "Art 7(四)"


def test_13_panyu_check_in_at_0831_is_late_and_cannot_be_corrected(policy_for):
    policy = policy_for("panyu")
    verdict = policy.judge_check_in(date(2026, 11, 10), "in", time(8, 31))
    assert verdict.verdict == "late"
    correction = policy.attendance_correction("late")
    assert not correction.allowed
    assert correction.rules[0].article == "Art 64"
