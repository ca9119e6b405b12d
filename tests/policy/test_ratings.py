"""Ratings 好差评 (RULEBOOK §8): scales, default rating, reminder, appeals, rates."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.policy.conftest import GUANGDONG, SHANDONG


@pytest.mark.parametrize("code", GUANGDONG)
def test_guangdong_scale_is_shared(host, code):
    scale = host.hook.tingwu_rating_scale(jurisdiction=code)
    assert [level.score for level in scale.levels] == [10, 8, 6, 3, 0]
    assert scale.rules[-1].id == "guangdong.rating.scale"


@pytest.mark.parametrize("code", SHANDONG)
def test_shandong_default_scores(policy_for, code):
    scale = policy_for(code).rating_scale()
    assert [(level.name, level.score) for level in scale.levels] == [
        ("非常满意", 5), ("满意", 4), ("基本满意", 3), ("不满意", 2), ("非常不满意", 1)
    ]
    assert scale.rules[-1].id == "default.rating.scores" and scale.rules[-1].source == "default"


def test_nanbu_cites_its_own_five_levels(policy_for):
    assert policy_for("nanbu").rating_scale().rules[0].id == "nanbu.rating.levels"


def test_default_rating_is_not_applied_before_the_seventh_day_ends(host, policy_for):
    rule = host.hook.tingwu_rating_default(jurisdiction="jiedong")
    assert (rule.level, rule.after_natural_days) == ("basically_satisfied", 7)
    policy = policy_for("jiedong")
    assert not policy.default_rating(date(2026, 11, 10), as_of=date(2026, 11, 16)).applies
    assert not policy.default_rating(date(2026, 11, 10), as_of=datetime(2026, 11, 17, 23, 0)).applies
    assert policy.default_rating(date(2026, 11, 10), as_of=datetime(2026, 11, 18, 0, 0)).applies
    assert policy.default_rating(date(2026, 11, 10), as_of=date(2026, 11, 10)).last_day_to_rate == date(2026, 11, 17)


def test_shandong_has_no_default_rating(policy_for):
    outcome = policy_for("nanbu").default_rating(date(2026, 1, 5), as_of=date(2026, 3, 1))
    assert not outcome.applies and outcome.rules[0].id == "default.rating.no_default"


def test_sms_reminder_24_hours_after_an_online_case(host, policy_for):
    rule = host.hook.tingwu_rating_reminder(jurisdiction="panyu")
    assert (rule.after_hours, rule.channel) == (24, "sms")
    policy = policy_for("panyu")
    assert policy.rating_reminder_due(datetime(2026, 9, 30, 16, 0)) == datetime(2026, 10, 1, 16, 0)
    assert policy.rating_reminder_due(datetime(2026, 9, 30, 16, 0), channel="device") is None
    assert policy_for("dongying").rating_reminder_due(datetime(2026, 9, 30, 16, 0)) is None


def test_only_bad_ratings_can_be_appealed(host, calendar):
    window = host.hook.tingwu_rating_appeal_window(
        jurisdiction="dongguan", calendar=calendar, level="satisfied", rated_on=date(2026, 9, 24)
    )
    assert not window.appealable and window.last_day is None
    very_bad = host.hook.tingwu_rating_appeal_window(
        jurisdiction="dongguan", calendar=calendar, level="非常不满意", rated_on=date(2026, 9, 28)
    )
    # 29 and 30 Sep, then the National Day break: the third working day is 8 Oct.
    assert very_bad.appealable and very_bad.last_day == date(2026, 10, 8) and very_bad.filed_by == "rated_staff"


def test_appeal_window_counts_the_makeup_saturday(policy_for):
    # 8 and 9 Oct, then Saturday 10 Oct, a make-up working day.
    assert policy_for("panyu").appeal_window("dissatisfied", date(2026, 9, 30)).last_day == date(2026, 10, 10)


def test_shandong_appeals_use_the_default(policy_for):
    window = policy_for("nanbu").appeal_window("不满意", date(2026, 9, 24))
    assert window.last_day == date(2026, 9, 30) and window.rules[0].source == "default"


def test_appeal_review_within_10_working_days(host, calendar):
    review = host.hook.tingwu_rating_appeal_review(jurisdiction="panyu", calendar=calendar, filed_on=date(2026, 9, 28))
    assert review.due_on == date(2026, 10, 16)  # 29, 30 Sep; 8, 9, 10 (make-up Sat), 12, 13, 14, 15, 16 Oct
    outcomes = {o.code: o.counts_in_assessment for o in review.outcomes}
    assert outcomes == {"upheld": True, "overturned_mistaken": False, "overturned_malicious": False}


def test_rating_rate_against_the_80_percent_target(host, policy_for):
    assert host.hook.tingwu_rating_targets(jurisdiction="jiedong").rating_rate_target == 0.8
    policy = policy_for("panyu")
    assert policy.rating_rate(80, 100).meets_target
    below = policy.rating_rate(79, 100)
    assert below.value == pytest.approx(0.79) and below.meets_target is False
    assert below.rules[0].article == "panyu Art 34(三)"
    assert policy.rating_rate(0, 0).value is None


def test_satisfaction_rate(host):
    result = host.hook.tingwu_satisfaction_rate(
        jurisdiction="nanbu", counts={"非常满意": 5, "satisfied": 3, "基本满意": 2, "不满意": 1, "very_dissatisfied": 1}
    )
    assert (result.numerator, result.denominator) == (10, 12)
    assert result.value == pytest.approx(10 / 12)
    assert result.rules[0].source == "national"


def test_satisfaction_rate_rejects_unknown_levels(policy_for):
    with pytest.raises(ValueError):
        policy_for("panyu").satisfaction_rate({"好": 1})
    assert policy_for("panyu").satisfaction_rate({}).value is None
