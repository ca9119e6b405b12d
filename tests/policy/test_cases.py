"""Cases 办件 and the national service rules (RULEBOOK §1, §10)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from core.policy.types import AskedStaff, CaseActivity

ACCEPTED = date(2026, 9, 24)  # a Thursday before Mid-Autumn and National Day


def test_national_categories(host):
    codes = [c.code for c in host.hook.tingwu_case_categories(jurisdiction="panyu")]
    assert codes == ["immediate", "promised", "joint", "supplement", "returned"]


def test_jiedong_adds_reply_approval_report_and_special(policy_for):
    categories = {c.code: c for c in policy_for("jiedong").case_categories()}
    assert {"reply", "approval_report", "special"} <= set(categories)
    assert categories["reply"].name == "答复件" and categories["reply"].rules[0].article == "Art 15"
    assert len(categories) == 8


def test_immediate_case_is_due_the_same_day(host, calendar):
    deadline = host.hook.tingwu_case_deadline(
        jurisdiction="nanbu",
        calendar=calendar,
        category="immediate",
        accepted_on=ACCEPTED,
        promised_working_days=None,
        complex_case=False,
        materials_completed_on=None,
    )
    assert deadline.due_on == ACCEPTED and deadline.rules[0].id == "nanbu.case.immediate"


def test_returned_case_same_day_or_3_working_days_if_complex(policy_for):
    policy = policy_for("nanbu")
    assert policy.case_deadline("returned", ACCEPTED).due_on == ACCEPTED
    assert policy.case_deadline("returned", ACCEPTED, complex_case=True).due_on == date(2026, 9, 30)


def test_promised_and_joint_cases_run_for_the_item_limit(policy_for):
    policy = policy_for("dongying")
    assert policy.case_deadline("promised", ACCEPTED, promised_working_days=5).due_on == date(2026, 10, 9)
    assert policy.case_deadline("joint", ACCEPTED, promised_working_days=1).due_on == date(2026, 9, 28)
    assert policy.case_deadline("promised", ACCEPTED, promised_working_days=5).rules[0].source == "national"


def test_supplement_case_waits_for_complete_materials(policy_for):
    policy = policy_for("nanbu")
    waiting = policy.case_deadline("supplement", ACCEPTED, promised_working_days=3)
    assert waiting.status == "waiting_for_materials" and waiting.due_on is None
    running = policy.case_deadline(
        "supplement", ACCEPTED, promised_working_days=3, materials_completed_on=date(2026, 10, 8)
    )
    assert running.clock_starts_on == date(2026, 10, 8) and running.due_on == date(2026, 10, 12)


def test_jiedong_special_case_within_its_limit(policy_for):
    deadline = policy_for("jiedong").case_deadline("special", ACCEPTED, promised_working_days=2)
    assert deadline.due_on == date(2026, 9, 29) and deadline.rules[0].id == "jiedong.case.within_limit"


def test_case_deadline_errors(policy_for):
    with pytest.raises(ValueError, match="承诺件"):
        policy_for("panyu").case_deadline("promised", ACCEPTED)
    with pytest.raises(ValueError, match="unknown case category"):
        policy_for("panyu").case_deadline("special", ACCEPTED, promised_working_days=2)


# -- 容缺受理 ---------------------------------------------------------------------------


def test_dongguan_late_supplement_brings_a_credit_record(host):
    outcome = host.hook.tingwu_deficiency_acceptance(
        jurisdiction="dongguan",
        item_in_catalog=True,
        main_materials_complete=True,
        supplement_due_on=date(2026, 7, 10),
        supplied_on=None,
        as_of=date(2026, 7, 13),
    )
    assert outcome.may_accept and outcome.status == "overdue" and outcome.credit_record
    assert outcome.rules[0].article == "5.2.7"


@pytest.mark.parametrize(
    ("supplied_on", "as_of", "status", "credit"),
    [
        (None, date(2026, 7, 10), "pending", False),
        (date(2026, 7, 10), date(2026, 7, 20), "supplied", False),
        (date(2026, 7, 11), date(2026, 7, 20), "supplied_late", True),
    ],
)
def test_dongguan_supplement_status(policy_for, supplied_on, as_of, status, credit):
    outcome = policy_for("dongguan").deficiency_acceptance(date(2026, 7, 10), as_of, supplied_on=supplied_on)
    assert (outcome.status, outcome.credit_record) == (status, credit)


def test_deficiency_acceptance_needs_the_catalog_and_main_materials(policy_for):
    outcome = policy_for("dongguan").deficiency_acceptance(
        date(2026, 7, 10), date(2026, 7, 1), item_in_catalog=False
    )
    assert not outcome.may_accept


def test_default_has_no_credit_record(policy_for):
    outcome = policy_for("nanbu").deficiency_acceptance(date(2026, 7, 10), date(2026, 7, 20))
    assert outcome.status == "overdue" and not outcome.credit_record and outcome.rules[0].source == "default"


# -- Panyu's anomaly watch (Art 21) ------------------------------------------------------


def case(case_id: str, applicant: str, item: str, day: int, terminated: bool = False) -> CaseActivity:
    return CaseActivity(case_id, applicant, item, date(2026, 7, day), terminated)


def test_panyu_same_applicant_same_item_three_times_in_30_days(host):
    cases = (case("c1", "a1", "X", 1), case("c2", "a1", "X", 10), case("c3", "a1", "X", 30), case("c4", "a2", "Y", 5))
    report = host.hook.tingwu_case_anomalies(
        jurisdiction="panyu", cases=cases, as_of=date(2026, 7, 30), threshold=None, window_days=None,
        volume_multiple=None, volume_floor=None,
    )
    assert report.enabled and (report.threshold, report.window_days) == (3, 30)
    assert [(f.pattern, f.item_code, f.applicant_id, f.count) for f in report.findings] == [
        ("same_applicant_same_item", "X", "a1", 3)
    ]
    assert {rule.id for rule in report.rules} == {"panyu.case.anomaly_watch", "panyu.case.anomaly_threshold",
                                                  "panyu.case.anomaly_volume"}


def test_panyu_case_outside_the_window_does_not_count(policy_for):
    cases = (case("c1", "a1", "X", 1), case("c2", "a1", "X", 10), case("c3", "a1", "X", 30))
    assert policy_for("panyu").case_anomalies(cases, as_of=date(2026, 7, 31)).findings == ()


def test_panyu_repeated_termination_and_a_few_applicants_are_not_many(policy_for):
    cases = (
        case("c1", "a1", "X", 1, terminated=True),
        case("c2", "a2", "X", 2, terminated=True),
        case("c3", "a3", "X", 3),
    )
    report = policy_for("panyu").case_anomalies(cases, as_of=date(2026, 7, 5), threshold=2, window_days=7)
    # R10: three applicants are not "many": the floor is 10 (v1 counted distinct applicants against 3).
    assert [(f.pattern, f.count) for f in report.findings] == [("repeated_termination", 2)]
    assert [rule.id for rule in report.rules] == ["panyu.case.anomaly_watch", "panyu.case.anomaly_volume"]


def _day(item: str, day: date, applicants: int, prefix: str) -> list[CaseActivity]:
    return [CaseActivity(f"{prefix}{day:%m%d}-{n}", f"{prefix}{day:%m%d}-{n}", item, day) for n in range(applicants)]


def test_r10_many_applicants_is_measured_against_the_items_normal_volume(policy_for):
    """A busy item (ID cards: 20 a day) is not an anomaly at 25; a quiet item jumping from 1 a day to 10 is."""
    as_of = date(2026, 7, 31)
    busy = [c for back in range(1, 31) for c in _day("ID", as_of - timedelta(days=back), 20, "b")]
    quiet = [c for back in range(1, 31) for c in _day("QUIET", as_of - timedelta(days=back), 1, "q")]
    policy = policy_for("panyu")
    busy_today = policy.case_anomalies([*busy, *_day("ID", as_of, 25, "t")], as_of=as_of)
    assert [f.pattern for f in busy_today.findings] == []  # 25 < 3 × 20
    spike = policy.case_anomalies([*busy, *_day("ID", as_of, 60, "t")], as_of=as_of)
    assert [(f.pattern, f.item_code, f.count, f.threshold) for f in spike.findings] == [
        ("many_applicants_same_item", "ID", 60, 60)]
    # The floor: 3 × 1 = 3, but fewer than 10 applicants never make "many".
    assert policy.case_anomalies([*quiet, *_day("QUIET", as_of, 9, "t")], as_of=as_of).findings == ()
    ten = policy.case_anomalies([*quiet, *_day("QUIET", as_of, 10, "t")], as_of=as_of).findings
    assert [(f.count, f.threshold) for f in ten] == [(10, 10)]
    # Configurable by the jurisdiction admin (passed by the platform): 2× and a floor of 5.
    tuned = policy.case_anomalies([*quiet, *_day("QUIET", as_of, 5, "t")], as_of=as_of, volume_multiple=2,
                                  volume_floor=5)
    assert [(f.count, f.threshold) for f in tuned.findings] == [(5, 5)]


def test_no_anomaly_watch_elsewhere(policy_for):
    report = policy_for("dongying").case_anomalies((case("c1", "a1", "X", 1),) * 5, as_of=date(2026, 7, 5))
    assert not report.enabled and report.findings == ()


# -- national: first asker, one-time notification -------------------------------------------


def test_first_asker_is_the_first_asked(host):
    asked = (
        AskedStaff("s2", datetime(2026, 7, 2, 9, 5), rank_order=1),
        AskedStaff("s1", datetime(2026, 7, 2, 9, 0), rank_order=3),
    )
    decision = host.hook.tingwu_first_asker(jurisdiction="jiedong", asked=asked)
    assert decision.responsible_staff_id == "s1" and decision.rules[0].source == "national"


def test_of_several_asked_at_once_the_highest_ranked_answers(policy_for):
    moment = datetime(2026, 7, 2, 9, 0)
    asked = (AskedStaff("s1", moment, rank_order=3), AskedStaff("s2", moment, rank_order=1))
    assert policy_for("dongguan").first_asker(asked).responsible_staff_id == "s2"


def test_correction_notice_must_list_all_missing_materials(host):
    check = host.hook.tingwu_correction_notice_check(
        jurisdiction="nanbu", required=("ID", "form", "photo"), supplied=("ID",), listed=("form",)
    )
    assert not check.complete and check.missing_from_notice == ("photo",)
    assert check.rules[0].id == "national.one_time_notification"


def test_complete_correction_notice(policy_for):
    check = policy_for("panyu").check_correction_notice(["ID", "form"], ["ID"], ["form"])
    assert check.complete and check.not_actually_missing == ()
