"""Service-quality bulletin (服务质量通报): the national baseline (RULEBOOK §14).

The rating-rate target shown with a bulletin comes from the ratings hook
(``tingwu_rating_targets``), so it is stated in one place only.
"""

from __future__ import annotations

from core.policy.rules import default_rule
from core.policy.types import BulletinMetric, BulletinSpec, RuleRef

DEFAULT_BULLETIN_RULE = default_rule(
    "default.bulletin.metrics",
    topic="bulletin",
    title="服务质量通报",
    summary="Per hall, window, department and staff for a period: people served, cases, overdue cases, "
    "correction rate, satisfaction, praise, complaints; plus the rating rate against its target.",
    article="RULEBOOK §14 (as panyu Art 107)",
)

SCOPES = ("hall", "window", "department", "staff")

SERVICE_QUALITY_METRICS = (
    BulletinMetric("people_served", "服务人次", "people served"),
    BulletinMetric("cases", "办件量", "cases handled"),
    BulletinMetric("overdue_cases", "超时件", "overdue cases"),
    BulletinMetric("correction_rate", "补齐补正率", "correction rate (non-standard acceptance, intake errors)"),
    BulletinMetric("satisfaction", "满意度", "satisfaction"),
    BulletinMetric("praise", "表扬", "praise"),
    BulletinMetric("complaints", "投诉", "complaints"),
    BulletinMetric("rating_rate", "评价率", "rating rate"),
)


def bulletin(
    metrics: tuple[BulletinMetric, ...], rules: tuple[RuleRef, ...], *, cadence: str | None = None,
    scopes: tuple[str, ...] = SCOPES,
) -> BulletinSpec:
    return BulletinSpec(scopes=scopes, cadence=cadence, metrics=metrics, rules=rules)


def default_bulletin() -> BulletinSpec:
    return bulletin(SERVICE_QUALITY_METRICS, (DEFAULT_BULLETIN_RULE.ref,))
