"""A bottom-N watch (dongying's 后6名) flags nobody in a group of N or fewer."""

from __future__ import annotations

from core.policy.assessment import rank


def test_no_bottom_among_six_or_fewer():
    ranking = rank({f"s{i}": 90 - i for i in range(6)}, 6, ())
    assert not any(entry.in_bottom for entry in ranking.entries)


def test_bottom_six_among_ten():
    ranking = rank({f"s{i}": 90 - i for i in range(10)}, 6, ())
    assert [entry.subject_id for entry in ranking.entries if entry.in_bottom] == [f"s{i}" for i in range(4, 10)]
