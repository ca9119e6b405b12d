"""Assessment 考核 (RULEBOOK §11): schemes, annual score, ranking."""

from __future__ import annotations

import pytest


def test_dongying_scheme(host):
    scheme = host.hook.tingwu_assessment_scheme(jurisdiction="dongying")
    assert [d.name for d in scheme.dimensions] == ["德", "能", "勤", "绩"]
    assert [c.code for c in scheme.cadences] == ["half_monthly_publication", "monthly_bulletin", "quarterly", "annual"]
    assert scheme.bottom_watch == 6


def test_panyu_scheme_weighs_results(policy_for):
    scheme = policy_for("panyu").assessment_scheme()
    assert [d.name for d in scheme.dimensions] == ["德", "能", "勤", "绩", "廉"]
    assert scheme.emphasis == "重点考评工作实绩"
    assert (scheme.grade_proposed_by, scheme.grade_recorded_by) == ("hall", "department")


def test_dongguan_hall_proposes_the_annual_grade(policy_for):
    scheme = policy_for("dongguan").assessment_scheme()
    assert scheme.grade_proposed_by == "hall"
    assert [rule.id for rule in scheme.rules] == ["default.assessment.scheme", "dongguan.assessment.grade"]


def test_annual_score_is_the_quarterly_mean_plus_adjustments(host, policy_for):
    score = host.hook.tingwu_annual_assessment_score(
        jurisdiction="dongying", quarterly_scores=(90, 85, 95, 80), adjustments=(2, -1.5)
    )
    assert score.quarterly_mean == pytest.approx(87.5)
    assert score.score == pytest.approx(88.0)
    assert score.rules[0].article == "Art 8(三)1(4)"
    assert policy_for("nanbu").annual_assessment_score([80, 90]).score == pytest.approx(85)


def test_annual_score_needs_a_quarter(policy_for):
    with pytest.raises(ValueError):
        policy_for("dongying").annual_assessment_score([])


def test_dongying_ranking_flags_the_bottom_six(host):
    scores = {f"s{i:02d}": 100 - i for i in range(10)}  # s00 best ... s09 worst
    ranking = host.hook.tingwu_rank_assessment(jurisdiction="dongying", scores=scores, first_place_tie_exempt=None)
    assert [e.subject_id for e in ranking.entries][:2] == ["s00", "s01"]
    assert [e.subject_id for e in ranking.entries if e.in_bottom] == ["s04", "s05", "s06", "s07", "s08", "s09"]


def test_ties_share_the_better_rank(policy_for):
    ranking = policy_for("dongying").rank_assessment({"a": 90, "b": 80, "c": 80, "d": 70, "e": 60, "f": 50, "g": 40})
    assert [(e.subject_id, e.rank) for e in ranking.entries] == [
        ("a", 1), ("b", 2), ("c", 2), ("d", 4), ("e", 5), ("f", 6), ("g", 7)
    ]
    # Bottom six of seven are ranks 2-7; b and c share rank 2, so both are in.
    assert [e.subject_id for e in ranking.entries if e.in_bottom] == ["b", "c", "d", "e", "f", "g"]


def test_a_tie_straddling_the_line_includes_everyone_tied_and_shows_it(policy_for):
    """R9 (v1 said the opposite: a straddling tie took the better rank and was left out)."""
    ranking = policy_for("dongying").rank_assessment(
        {"a": 90, "b": 80, "c": 80, "d": 70, "e": 60, "f": 50, "g": 40, "h": 30}
    )
    # Eight people: bottom six are places 3-8; b and c tie for places 2-3, so both are in, the tie shown.
    assert [e.subject_id for e in ranking.entries if e.in_bottom] == ["b", "c", "d", "e", "f", "g", "h"]
    assert [e.subject_id for e in ranking.entries if e.tied_at_boundary] == ["b", "c"]


def test_default_ranking_has_no_bottom_watch(policy_for):
    ranking = policy_for("panyu").rank_assessment({"a": 1, "b": 2})
    assert ranking.bottom_n is None and not any(e.in_bottom for e in ranking.entries)


METRICS = {"late": 2, "missing": 1, "off_post": 1, "patrol_findings": 1, "video_patrol_findings": 2,
           "complaints_upheld": 1, "bad_ratings": 3, "overdue_cases": 1, "cases_handled": 40, "ratings": 30}


def test_default_formula_counts_every_deduction_and_names_its_rule(host):
    score = host.hook.tingwu_assessment_formula(jurisdiction="nanbu", cadence="quarterly", metrics=METRICS)
    # 100 − 2×1 − 1×2 − 1×3 − 1×2 − 2×2 − 1×5 − 3×2 − 1×2 = 74
    assert score.score == pytest.approx(74)
    assert {term.metric: term.points for term in score.terms}["bad_ratings"] == pytest.approx(-6)
    assert all(term.rule_ids == ("default.assessment.formula",) for term in score.terms)
    assert [rule.source for rule in score.rules] == ["default"]


def test_dongying_quarterly_score_counts_patrols_attendance_and_complaints_only(policy_for):
    score = policy_for("dongying").assessment_formula("quarterly", METRICS)
    counted = [term.metric for term in score.terms]
    assert "bad_ratings" not in counted and "overdue_cases" not in counted
    # 100 − 2 − 2 − 3 − 2 − 4 − 5 = 82
    assert score.score == pytest.approx(82)
    assert score.terms[0].rule_ids == ("dongying.assessment.quarterly_items", "default.assessment.formula")
    assert score.rules[0].article == "Art 8(三)1(3)"
    half_month = policy_for("dongying").assessment_formula("half_monthly_publication", METRICS)
    assert tuple(term.metric for term in half_month.terms) == ("late", "early", "missing", "off_post")
    assert half_month.score == pytest.approx(93)


def test_formula_never_goes_below_zero_and_refuses_unknown_metrics(policy_for):
    assert policy_for("jiedong").assessment_formula("quarterly", {"off_post": 50}).score == 0
    with pytest.raises(ValueError):
        policy_for("jiedong").assessment_formula("quarterly", {"smiles": 1})
