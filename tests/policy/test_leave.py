"""Leave approval chains (RULEBOOK §6) and their exact boundaries."""

from __future__ import annotations

from datetime import date

import pytest


def roles(chain) -> list[tuple[str, str]]:
    return [(step.role, step.side) for step in chain.steps]


# -- jiedong: < ½ day vs ≥ ½ day (Art 27-29) ---------------------------------------


def test_jiedong_just_under_half_a_day(host):
    chain = host.hook.tingwu_leave_chain(jurisdiction="jiedong", days=0.49, hours=None, kind="personal")
    assert chain.band == "under_half_day"
    assert roles(chain) == [("service_section", "hall"), ("chief_representative", "department")]
    assert chain.steps[0].action == "report" and chain.steps[1].action == "approve"
    assert chain.window_must_stay_staffed and not chain.substitute_required
    assert chain.form is None


def test_jiedong_exactly_half_a_day_takes_the_full_chain(policy_for):
    chain = policy_for("jiedong").leave_chain(0.5)
    assert chain.band == "half_day_or_more"
    assert chain.form == "揭阳市揭东区政务服务大厅请假单"
    assert chain.rules[0].article == "Art 28"


def test_jiedong_business_trips_and_meetings_are_reported(policy_for):
    policy = policy_for("jiedong")
    for kind in ("business_trip", "meeting"):
        chain = policy.leave_chain(2, kind=kind)
        assert not chain.approval_required and chain.band == "reported"
        assert [step.action for step in chain.steps] == ["report"]
        assert chain.substitute_required
    handling = {kind.code: kind.handling for kind in policy.leave_kinds()}
    assert handling == {"personal": "approved", "sick": "approved", "business_trip": "reported", "meeting": "reported"}


def test_jiedong_records_return_from_leave(policy_for):
    chain = policy_for("jiedong").leave_chain(1)
    assert chain.return_report_required
    assert "jiedong.leave.return" in {rule.id for rule in chain.rules}


# -- nanbu: short, ≤ ½, > ½ and < 3, ≥ 3 (考勤制度 三-四) ---------------------------------


@pytest.mark.parametrize(
    ("days", "hours", "band", "first_role"),
    [
        (0, 0.5, "short_absence", "service_section"),
        (0, 1.0, "up_to_half_day", "service_section_head"),  # exactly 1 hour is no longer short
        (0.5, None, "up_to_half_day", "service_section_head"),
        (1, None, "over_half_day_under_three_days", "unit_deputy_head"),
        (2.5, None, "over_half_day_under_three_days", "unit_deputy_head"),
        (3, None, "three_days_or_more", "unit_principal"),
        (5, None, "three_days_or_more", "unit_principal"),
    ],
)
def test_nanbu_bands(policy_for, days, hours, band, first_role):
    chain = policy_for("nanbu").leave_chain(days, hours=hours)
    assert chain.band == band
    assert chain.steps[0].role == first_role


def test_nanbu_b_role_substitute_for_anything_but_a_short_absence(policy_for):
    policy = policy_for("nanbu")
    assert not policy.leave_chain(0, hours=0.5).b_role_substitute_required
    for days in (0.5, 1, 3):
        chain = policy.leave_chain(days)
        assert chain.b_role_substitute_required and chain.substitute_required
        assert "nanbu.leave.b_role_substitute" in {rule.id for rule in chain.rules}


def test_nanbu_short_absence_threshold_is_a_default(policy_for):
    chain = policy_for("nanbu").leave_chain(0, hours=0.25)
    assert [(rule.id, rule.source) for rule in chain.rules] == [
        ("nanbu.leave.short_absence", "nanbu"), ("nanbu.leave.short_absence_threshold", "default")
    ]


def test_nanbu_under_three_days_chain(policy_for):
    chain = policy_for("nanbu").leave_chain(2)
    assert roles(chain) == [("unit_deputy_head", "department"), ("centre_head", "hall"), ("service_section", "hall")]


def test_nanbu_official_business_also_needs_leave(host):
    kinds = host.hook.tingwu_leave_kinds(jurisdiction="nanbu")
    assert {kind.handling for kind in kinds} == {"approved"}
    assert kinds[0].rules[0].article == "考勤制度 二"


# -- the default -----------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["panyu", "dongguan", "dongying"])
def test_default_chain(policy_for, code):
    chain = policy_for(code).leave_chain(4)
    assert roles(chain) == [("chief_representative", "department"), ("hall_office", "hall")]
    assert chain.rules[0].id == "default.leave.chain" and chain.rules[0].source == "default"


def test_negative_or_unknown_leave_is_rejected(policy_for):
    with pytest.raises(ValueError):
        policy_for("panyu").leave_chain(-1)
    with pytest.raises(ValueError):
        policy_for("nanbu").leave_chain(1, kind="holiday")


# -- counting a leave's duration in working days --------------------------------------------


def test_leave_duration_skips_holidays_and_weekends(policy_for):
    policy = policy_for("jiedong")
    # Thursday afternoon 24 Sep to Monday morning 28 Sep: 25 Sep is Mid-Autumn, 26-27 the weekend.
    assert policy.leave_duration(date(2026, 9, 24), date(2026, 9, 28), "afternoon", "morning") == 1.0
    assert policy.leave_duration(date(2026, 7, 2), date(2026, 7, 2), "morning", "morning") == 0.5
    assert policy.leave_duration(date(2026, 10, 9), date(2026, 10, 10)) == 2.0  # make-up Saturday counts


def test_leave_duration_rejects_a_reversed_span(policy_for):
    with pytest.raises(ValueError):
        policy_for("panyu").leave_duration(date(2026, 7, 2), date(2026, 7, 2), "afternoon", "morning")
