"""Window planning, duty and the service-quality bulletin (RULEBOOK §12-§14)."""

from __future__ import annotations

from datetime import date, time

import pytest

from core.policy.types import TimeSpan


@pytest.mark.parametrize(
    ("volume", "windows", "staff"),
    [(0, 0, 0), (1, 1, 2), (30, 1, 2), (31, 2, 3), (300, 10, 11), (330, 11, 13), (331, 12, 14)],
)
def test_window_plan(host, volume, windows, staff):
    plan = host.hook.tingwu_window_plan(jurisdiction="dongguan", daily_case_volume=volume)
    assert (plan.windows, plan.staff) == (windows, staff)


def test_window_plan_default_elsewhere(policy_for):
    plan = policy_for("nanbu").window_plan(330)
    assert (plan.windows, plan.staff) == (11, 13) and plan.rules[0].source == "default"
    with pytest.raises(ValueError):
        policy_for("nanbu").window_plan(-1)


def test_panyu_leader_duty_on_a_weekday(host, calendar):
    plan = host.hook.tingwu_duty_plan(jurisdiction="panyu", calendar=calendar, day=date(2026, 7, 3))
    assert [slot.span for slot in plan.slots] == [TimeSpan(time(8, 0), time(8, 30)), TimeSpan(time(17, 0), time(17, 30))]
    assert {(s.notified_days_ahead, s.notified_by, s.swaps) for s in plan.slots} == {(1, "sms", "between_duty_leaders")}
    assert plan.rules[0].article == "Art 66-67"


def test_panyu_holiday_duty_is_rostered(policy_for):
    """R3 (Art 66(二) "遇节假日根据实际情况调整"): v1 had no duty at all on holidays."""
    plan = policy_for("panyu").duty_plan(date(2026, 10, 1))
    assert [(s.code, s.notified_days_ahead, s.swaps) for s in plan.slots] == [
        ("holiday_leader_duty", 1, "between_duty_leaders"), ("holiday_staff_duty", None, "person_on_duty_finds_substitute")]
    assert plan.rules[0].id == "panyu.duty.holiday"


def test_nanbu_lunch_duty(policy_for):
    (slot,) = policy_for("nanbu").duty_plan(date(2026, 7, 3)).slots
    assert slot.span == TimeSpan(time(12, 0), time(13, 20))
    assert slot.location == "一楼前台" and slot.swaps == "person_on_duty_finds_substitute"


def test_no_duty_by_default(policy_for):
    assert policy_for("dongying").duty_plan(date(2026, 7, 3)).slots == ()


def test_panyu_bulletin_with_the_rating_rate_target(host, policy_for):
    spec = host.hook.tingwu_bulletin_spec(jurisdiction="panyu")
    assert [m.title for m in spec.metrics][:7] == ["服务人次", "办件量", "超时件", "补齐补正率", "满意度", "表扬", "投诉"]
    assert spec.scopes == ("hall", "window", "department", "staff")
    full = policy_for("panyu").bulletin_spec()
    assert full.rating_rate_target == 0.8
    assert {rule.id for rule in full.rules} == {"panyu.bulletin.service_quality", "guangdong.rating.rate_target"}


def test_dongying_monthly_bulletin(policy_for):
    spec = policy_for("dongying").bulletin_spec()
    assert spec.cadence == "monthly" and "领导现场办公情况" in {m.title for m in spec.metrics}
    assert spec.rating_rate_target == 0.8 and "default.rating.rate_target" in {rule.id for rule in spec.rules}
