"""12345 work orders (工单, RULEBOOK §16 S8; jiedong Art 33, dongguan 6.1.7.2): deadlines on the working-day calendar.

No seed fixes the numbers (jiedong Art 33: "按照规定时限办结工单"; dongguan 6.1.7.2: general enquiries answered at once,
complex ones within the set time, complaints within the set time with an explanation when that cannot be met), so
they are configurable defaults: sign for an order within 1 working day, reply within 5 working days of receipt
unless the platform's order carries its own deadline, one extension of at most 5 working days approved by the hall
office.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from core.policy.calendar import WorkingCalendar
from core.policy.rules import default_rule
from core.policy.types import RuleRef

WORK_ORDER_RULE = default_rule(
    "default.work_orders.deadlines",
    topic="work_orders",
    title="12345工单时限",
    summary="Sign for (签收) within 1 working day; reply within 5 working days of receipt unless the order carries "
    "its own deadline; one extension of at most 5 working days, approved by the hall office; an order not replied "
    "by its deadline is overdue and its unit is reported.",
    article="RULEBOOK §16 S8 (jiedong Art 33; dongguan 6.1.7.2 b-c: numbers are defaults)",
)


@dataclass(frozen=True)
class WorkOrderRules:
    sign_within_days: int
    reply_within_days: int
    max_extensions: int
    max_extension_days: int
    rules: tuple[RuleRef, ...]


DEFAULT_RULES = WorkOrderRules(sign_within_days=1, reply_within_days=5, max_extensions=1, max_extension_days=5,
                               rules=(WORK_ORDER_RULE.ref,))


def deadlines(rules: WorkOrderRules, calendar: WorkingCalendar, received_on: date,
              due_on: date | None) -> tuple[date, date]:
    """(sign by, reply by): working days after receipt; the platform's own due date wins for the reply."""
    sign_by = calendar.add_working_days(received_on, rules.sign_within_days)
    reply_by = due_on or calendar.add_working_days(received_on, rules.reply_within_days)
    return sign_by, reply_by
