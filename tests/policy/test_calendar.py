"""The one working-day arithmetic: day status, overrides, estimates, counting from the day after."""

from __future__ import annotations

from datetime import date

import pytest

from core.policy.types import DayOverride, PolicyError


@pytest.mark.parametrize(
    ("day", "workday", "kind"),
    [
        (date(2026, 7, 2), True, "workday"),
        (date(2026, 7, 4), False, "weekend"),
        (date(2026, 9, 25), False, "statutory_holiday"),  # Mid-Autumn on a Friday
        (date(2026, 10, 1), False, "statutory_holiday"),  # National Day on a Thursday
        (date(2026, 10, 6), False, "statutory_holiday"),  # 调休 day off in the National Day break
        (date(2026, 10, 10), True, "makeup_workday"),
        (date(2026, 2, 14), True, "makeup_workday"),
        (date(2026, 1, 4), True, "makeup_workday"),  # a Sunday
        (date(2026, 9, 20), True, "makeup_workday"),  # a Sunday
    ],
)
def test_published_national_calendar(calendar, day, workday, kind):
    status = calendar.day_status(day)
    assert (status.workday, status.kind, status.estimated) == (workday, kind, False)
    assert status.basis == "chinese_calendar"


def test_holiday_and_makeup_days_say_why(calendar):
    assert calendar.day_status(date(2026, 10, 1)).reason == "国庆节"
    assert calendar.day_status(date(2026, 10, 6)).reason == "国庆节（调休）"
    assert calendar.day_status(date(2026, 10, 10)).reason == "国庆节调休上班"


def test_add_working_days_counts_from_the_day_after(calendar):
    assert calendar.add_working_days(date(2026, 9, 24), 1) == date(2026, 9, 28)
    assert calendar.add_working_days(date(2026, 9, 24), 3) == date(2026, 9, 30)
    # Across National Day: 30 Sep, then the make-up Saturday 10 Oct is a working day.
    assert calendar.add_working_days(date(2026, 9, 29), 2) == date(2026, 10, 8)
    assert calendar.add_working_days(date(2026, 10, 8), 2) == date(2026, 10, 10)


def test_add_zero_working_days_returns_start_even_on_a_holiday(calendar):
    assert calendar.add_working_days(date(2026, 10, 1), 0) == date(2026, 10, 1)


def test_negative_working_days_count_back(calendar):
    assert calendar.add_working_days(date(2026, 9, 30), -3) == date(2026, 9, 24)


def test_working_days_between_is_the_inverse(calendar):
    start = date(2026, 9, 24)
    for n in range(0, 15):
        assert calendar.working_days_between(start, calendar.add_working_days(start, n)) == n
    assert calendar.working_days_between(date(2026, 9, 30), date(2026, 9, 24)) == -3


def test_next_working_day_skips_the_national_day_break(calendar):
    assert calendar.next_working_day(date(2026, 9, 30)) == date(2026, 10, 8)


def test_working_days_in_includes_both_ends(calendar):
    assert calendar.working_days_in(date(2026, 10, 8), date(2026, 10, 12)) == [
        date(2026, 10, 8), date(2026, 10, 9), date(2026, 10, 10), date(2026, 10, 12)
    ]


def test_a_2027_date_is_an_estimate_until_an_override_is_entered(calendar):
    before = calendar.day_status(date(2027, 10, 1))
    assert before.estimated and not before.workday and before.kind == "statutory_holiday"
    assert calendar.day_status(date(2027, 3, 2)).estimated

    notice = {
        date(2027, 10, 1): DayOverride("statutory_holiday", "国庆节（国务院办公厅通知）"),
        date(2027, 9, 26): DayOverride("makeup_workday", "国庆节调休上班"),
    }
    entered = calendar.with_overrides(notice)
    after = entered.day_status(date(2027, 10, 1))
    assert (after.estimated, after.basis, after.reason) == (False, "override", "国庆节（国务院办公厅通知）")
    makeup = entered.day_status(date(2027, 9, 26))  # a Sunday
    assert makeup.workday and makeup.kind == "makeup_workday" and not makeup.estimated
    # Other dates of the year stay estimates until the year is confirmed as fully entered.
    assert entered.day_status(date(2027, 3, 2)).estimated
    confirmed = entered.with_overrides({}, confirmed_years=(2027,))
    assert confirmed.day_status(date(2027, 3, 2)).estimated is False
    assert confirmed.day_status(date(2027, 3, 6)).kind == "weekend"


def test_an_estimated_year_still_counts_working_days(calendar):
    assert calendar.add_working_days(date(2027, 3, 5), 1) == date(2027, 3, 8)


def test_a_local_closure_overrides_a_workday(calendar):
    closed = calendar.with_overrides({date(2026, 7, 2): DayOverride("local_closure", "台风停工", source="jiedong")})
    status = closed.day_status(date(2026, 7, 2))
    assert (status.workday, status.kind, status.reason) == (False, "local_closure", "台风停工")
    assert closed.add_working_days(date(2026, 7, 1), 1) == date(2026, 7, 3)


def test_unknown_override_kind_is_rejected():
    with pytest.raises(PolicyError):
        DayOverride("half_day", None)


def test_day_status_hook_answers_from_the_calendar(host, calendar):
    override = calendar.with_overrides({date(2026, 7, 2): DayOverride("local_closure", "停电")})
    for code in ("panyu", "jiedong", "nanbu"):
        status = host.hook.tingwu_day_status(jurisdiction=code, calendar=override, day=date(2026, 7, 2))
        assert status.kind == "local_closure"


def test_facade_delegates_working_day_arithmetic_to_its_calendar(policy_for):
    policy = policy_for("nanbu")
    assert policy.add_working_days(date(2026, 9, 24), 3) == date(2026, 9, 30)
    assert policy.working_days_between(date(2026, 9, 24), date(2026, 9, 30)) == 3
    assert policy.next_working_day(date(2026, 10, 9)) == date(2026, 10, 10)
    assert policy.is_working_day(date(2026, 10, 10))
    assert policy.day_status(date(2026, 9, 25)).kind == "statutory_holiday"
