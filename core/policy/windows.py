"""Window planning (窗口设置): the national baseline and the shared formula (RULEBOOK §12)."""

from __future__ import annotations

from fractions import Fraction

from core.policy.rules import default_rule
from core.policy.types import PolicyError, RuleRef, WindowPlan

DEFAULT_PLAN_RULE = default_rule(
    "default.windows.plan",
    topic="window_plan",
    title="综合窗口数量与人员配比",
    summary="Comprehensive windows = ceil(daily cases ÷ 30); staff = ceil(windows × 1.1).",
    article="RULEBOOK §12 (as dongguan 4.6)",
)

CASES_PER_WINDOW = 30
STAFF_PER_WINDOW = Fraction(11, 10)  # exact: 10 windows need 11 staff, not 12 from float rounding


def _ceil(value: Fraction) -> int:
    return -(-value.numerator // value.denominator)


def window_plan(
    daily_case_volume: int,
    rules: tuple[RuleRef, ...],
    *,
    cases_per_window: int = CASES_PER_WINDOW,
    staff_per_window: Fraction = STAFF_PER_WINDOW,
) -> WindowPlan:
    """Windows for the daily volume at ``cases_per_window`` each, and staff at ``staff_per_window``, rounded up."""
    if daily_case_volume < 0:
        raise PolicyError("daily case volume cannot be negative")
    windows = _ceil(Fraction(daily_case_volume, cases_per_window))
    staff = _ceil(windows * staff_per_window)
    ratio = f"1:{float(staff_per_window):g}"
    return WindowPlan(daily_case_volume, windows, staff, cases_per_window, ratio, rules)


def default_window_plan(daily_case_volume: int) -> WindowPlan:
    return window_plan(daily_case_volume, (DEFAULT_PLAN_RULE.ref,))
