"""Service hours and staff hours (RULEBOOK §4), with the seeds' boundaries."""

from __future__ import annotations

from datetime import date, time

import pytest

from core.policy.types import TimeSpan


def spans(*texts: str) -> tuple[TimeSpan, ...]:
    return tuple(TimeSpan.parse(text) for text in texts)


# -- jiedong (Art 23) ------------------------------------------------------------


def test_jiedong_friday_afternoon_is_shorter_than_thursday(policy_for):
    policy = policy_for("jiedong")
    thursday, friday = policy.service_hours(date(2026, 7, 2)), policy.service_hours(date(2026, 7, 3))
    assert thursday.public[1] == TimeSpan.parse("14:30-17:30") and thursday.internal == ()
    assert friday.public[1] == TimeSpan.parse("14:30-16:30")
    assert friday.internal == spans("16:30-17:30")


def test_jiedong_winter_friday_afternoon(policy_for):
    friday = policy_for("jiedong").service_hours(date(2026, 11, 20))
    assert friday.public == spans("08:30-11:30", "14:30-16:00")
    assert friday.internal == spans("16:00-17:30")
    assert friday.schedule == "winter.friday"


@pytest.mark.parametrize(
    ("day", "season", "afternoon"),
    [
        (date(2026, 4, 30), "winter", "14:00-17:00"),  # Thursday, last day of winter
        (date(2026, 5, 6), "summer", "14:30-17:30"),  # first working Wednesday of summer
        (date(2026, 10, 29), "summer", "14:30-17:30"),  # Thursday in the last week of summer
        (date(2026, 11, 2), "winter", "14:00-17:00"),  # Monday, first working day of winter
    ],
)
def test_jiedong_season_switches_on_1_may_and_1_november(policy_for, day, season, afternoon):
    hours = policy_for("jiedong").service_hours(day)
    assert hours.schedule.startswith(season)
    assert hours.public[1] == TimeSpan.parse(afternoon)


def test_jiedong_1_may_and_31_october_are_closed_but_already_in_their_season(policy_for):
    policy = policy_for("jiedong")
    labour_day = policy.service_hours(date(2026, 5, 1))
    assert not labour_day.open and labour_day.rules[-1].id == "jiedong.hours.summer"
    october_31 = policy.service_hours(date(2026, 10, 31))  # a Saturday
    assert not october_31.open and october_31.rules[-1].id == "jiedong.hours.summer"
    november_1 = policy.service_hours(date(2026, 11, 1))  # a Sunday
    assert not november_1.open and november_1.rules[-1].id == "jiedong.hours.winter"


@pytest.mark.parametrize(
    ("day", "public", "internal"),
    [
        (date(2026, 10, 10), ("08:30-11:30", "14:30-17:30"), ()),  # make-up Saturday, summer
        (date(2026, 2, 14), ("08:30-11:30", "14:00-17:00"), ("17:00-17:30",)),  # make-up Saturday, winter
        (date(2026, 9, 20), ("08:30-11:30", "14:30-17:30"), ()),  # make-up Sunday, summer
    ],
)
def test_jiedong_makeup_days_follow_monday_to_thursday(policy_for, day, public, internal):
    hours = policy_for("jiedong").service_hours(day)
    assert hours.open and hours.public == spans(*public) and hours.internal == spans(*internal)
    assert "default.hours.makeup_day" in {rule.id for rule in hours.rules}


@pytest.mark.parametrize("day", [date(2026, 9, 25), date(2026, 10, 1)])
def test_statutory_holidays_on_weekdays_are_closed(policy_for, day):
    for code in ("jiedong", "nanbu", "panyu"):
        hours = policy_for(code).service_hours(day)
        assert not hours.open and hours.public == ()
        assert hours.rules[0].id == "national.calendar"


def test_jiedong_hours_are_fixed_by_the_document(policy_for):
    hours = policy_for("jiedong").service_hours(date(2026, 7, 2), configured_hours=["09:00-12:00"])
    assert not hours.configurable and not hours.configured
    assert hours.public[0] == TimeSpan.parse("08:30-11:30")


# -- nanbu, panyu and the default ----------------------------------------------------


def test_nanbu_hours(policy_for):
    hours = policy_for("nanbu").service_hours(date(2026, 7, 3))
    assert hours.public == spans("09:00-12:00", "13:30-17:00")
    assert not hours.configurable
    assert hours.rules[0].article == "考勤制度 一"


def test_panyu_default_hours_are_hall_configurable(policy_for):
    policy = policy_for("panyu")
    default = policy.service_hours(date(2026, 7, 3))
    assert default.public == spans("08:30-12:00", "14:00-17:00")
    assert default.configurable and not default.configured
    assert default.rules[0].source == "default"
    configured = policy.service_hours(date(2026, 7, 3), configured_hours=["14:00-17:30", "08:30-12:00"])
    assert configured.configured and configured.schedule == "hall_configured"
    assert configured.public == spans("08:30-12:00", "14:00-17:30")


def test_configured_hours_are_ignored_on_a_holiday(policy_for):
    hours = policy_for("dongying").service_hours(date(2026, 10, 1), configured_hours=[TimeSpan(time(9), time(12))])
    assert not hours.open and hours.public == ()


def test_service_hours_hook_directly(host, calendar):
    answer = host.hook.tingwu_service_hours(
        jurisdiction="dongguan", calendar=calendar, day=date(2026, 7, 3), configured_hours=None
    )
    assert answer.public == spans("08:30-12:00", "14:00-17:00") and answer.rules[0].id == "default.hours.public"


# -- staff hours ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "sign_in_by", "sign_out_from", "rule"),
    [
        ("panyu", time(8, 30), time(17, 0), "panyu.attendance.sign_in_out"),
        ("jiedong", time(8, 30), time(17, 30), "jiedong.hours.summer"),
        ("nanbu", time(9, 0), time(17, 0), "nanbu.hours.service"),
        ("dongying", time(8, 30), time(17, 0), "default.hours.staff"),
    ],
)
def test_staff_hours(host, calendar, code, sign_in_by, sign_out_from, rule):
    hours = host.hook.tingwu_staff_hours(jurisdiction=code, calendar=calendar, day=date(2026, 7, 3))
    assert (hours.sign_in_by, hours.sign_out_from) == (sign_in_by, sign_out_from)
    assert hours.rules[0].id == rule


def test_no_staff_hours_on_a_holiday(policy_for):
    hours = policy_for("panyu").staff_hours(date(2026, 10, 1))
    assert not hours.working and hours.sign_in_by is None


def test_time_span_parsing():
    assert str(TimeSpan.parse("8:30–11:30")) == "08:30–11:30"
    with pytest.raises(ValueError):
        TimeSpan.parse("11:30-08:30")
    with pytest.raises(ValueError):
        TimeSpan.parse("morning")
