"""Unit tests of each plugin's pure ``rules.py`` and the shared Guangdong rules, without the plugin manager."""

from __future__ import annotations

from datetime import date, time

import pytest

from core.policy.calendar import WorkingCalendar
from core.policy.types import ComplaintFacts, PeriodStanding, StaffRecord, TimeSpan
from plugins.dongguan import rules as dongguan
from plugins.dongying import rules as dongying
from plugins.guangdong import rules as guangdong
from plugins.jiedong import rules as jiedong
from plugins.nanbu import rules as nanbu
from plugins.panyu import rules as panyu

CALENDAR = WorkingCalendar()


def status(day: date):
    return CALENDAR.day_status(day)


# -- jiedong ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "season"),
    [(date(2026, 4, 30), "winter"), (date(2026, 5, 1), "summer"), (date(2026, 10, 31), "summer"), (date(2026, 11, 1), "winter")],
)
def test_jiedong_season(day, season):
    assert jiedong.season(day) == season


def test_jiedong_timetable_names_its_schedule():
    schedule, public, internal, rules = jiedong.timetable(status(date(2026, 11, 20)))
    assert schedule == "winter.friday"
    assert public[1] == TimeSpan(time(14, 30), time(16, 0)) and internal == (TimeSpan(time(16, 0), time(17, 30)),)
    assert rules[0].id == "jiedong.hours.winter" and rules[0].article == "Art 23"


def test_jiedong_leave_bands():
    assert jiedong.leave_chain(0.25, None, "personal").band == "under_half_day"
    assert jiedong.leave_chain(0.5, None, "sick").band == "half_day_or_more"
    assert jiedong.leave_chain(0.5, None, "meeting").band == "reported"


def test_jiedong_work_order_deadline():
    assert jiedong.complaint_deadline(CALENDAR, date(2026, 7, 1), date(2026, 7, 2)).due_on == date(2026, 7, 2)


# -- nanbu ---------------------------------------------------------------------------


def test_nanbu_hours_and_duty():
    assert nanbu.service_hours(date(2026, 7, 3), status(date(2026, 7, 3))).public == nanbu.PUBLIC_HOURS
    # R3: National Day is not a dead day: 领导带班、干部值班 (v1 had no duty at all on holidays).
    holiday = nanbu.duty_plan(date(2026, 10, 1), status(date(2026, 10, 1)))
    assert [s.code for s in holiday.slots] == ["holiday_leader_duty", "holiday_staff_duty"]
    assert [r.id for r in holiday.rules][:2] == ["nanbu.duty.holiday", "default.duty.holiday_hours"]
    assert [s.code for s in nanbu.duty_plan(date(2026, 7, 3), status(date(2026, 7, 3))).slots] == ["lunch_duty"]


def test_nanbu_leave_thresholds():
    assert nanbu.leave_chain(0, 0.99, "personal").band == "short_absence"
    assert nanbu.leave_chain(0.5, None, "personal").band == "up_to_half_day"
    assert nanbu.leave_chain(2.99, None, "personal").band == "over_half_day_under_three_days"
    assert nanbu.leave_chain(3, None, "personal").band == "three_days_or_more"


def test_nanbu_blacklist_for_forged_evidence():
    assert nanbu.complaint_blacklist(ComplaintFacts(forged_evidence=True)).blacklist


# -- dongying ---------------------------------------------------------------------------


def test_dongying_return_triggers_are_all_reported():
    record = StaffRecord(
        as_of=date(2027, 1, 20),
        annual_grade="不称职",
        serious_violation=True,
        periods=(
            PeriodStanding("2026Q1", date(2026, 1, 1), date(2026, 3, 31), True),
            PeriodStanding("2026Q2", date(2026, 4, 1), date(2026, 6, 30), True),
        ),
    )
    triggers = dongying.return_triggers(record)
    assert [t.code for t in triggers] == ["annual_grade", "bottom_six_consecutive", "serious_violation"]
    assert triggers[0].message_zh.startswith("第七条（四）1")


def test_dongying_rank_and_annual_score():
    assert dongying.rank({"a": 1.0}).bottom_n == 6
    assert dongying.annual_score([80.0, 90.0], [1.0]).score == pytest.approx(86.0)


# -- dongguan ----------------------------------------------------------------------------


def test_dongguan_standard_name_strips_the_municipality():
    assert dongguan.standard_name("东莞市厚街镇", "镇", None, None, None).name_zh == "东莞市厚街镇政务服务中心"


def test_dongguan_validate_name_without_english():
    assert dongguan.validate_name("茶山镇南社村便民服务站", "村", None).valid
    assert not dongguan.validate_name("南社村便民服务站", "村", None).valid


def test_dongguan_window_plan_and_referral():
    assert dongguan.window_plan(31).windows == 2
    assert dongguan.complaint_acceptance(ComplaintFacts(involves_law_or_discipline_violation=True)).outcome == "referred"


def test_dongguan_rejected_complaint_is_not_referred():
    decision = dongguan.complaint_acceptance(ComplaintFacts(signed=False, involves_law_or_discipline_violation=True))
    assert decision.outcome == "rejected" and decision.referral is None


# -- panyu --------------------------------------------------------------------------------


def test_panyu_correction_and_duty():
    assert panyu.correction("system_fault").allowed
    assert not panyu.correction("absence").allowed
    assert len(panyu.duty_plan(date(2026, 10, 10), status(date(2026, 10, 10))).slots) == 2  # make-up Saturday


def test_panyu_anomaly_threshold_is_configurable():
    report = panyu.case_anomalies((), date(2026, 7, 1), 5, 60)
    assert (report.threshold, report.window_days) == (5, 60)


# -- the shared Guangdong rules ---------------------------------------------------------------


def test_guangdong_rules_are_one_set_for_three_plugins():
    assert [level.score for level in guangdong.rating_scale().levels] == [10, 8, 6, 3, 0]
    assert guangdong.rating_default().after_natural_days == 7
    assert guangdong.rating_reminder().after_hours == 24
    assert guangdong.appeal_window(CALENDAR, "不满意", date(2026, 9, 24)).last_day == date(2026, 9, 30)
    assert guangdong.appeal_review(CALENDAR, date(2026, 9, 24)).due_on == date(2026, 10, 15)
    assert guangdong.rating_targets().rating_rate_target == 0.8
    assert all(rule.source == "guangdong" and rule.article for rule in guangdong.RULES.all())
