"""Which rule decided: the one GraphQL face of a policy answer's rule references.

Answers computed now carry :class:`~core.policy.types.RuleRef` objects
(``RuleReferenceType.many``); rows that stored the ids of the rules that
decided them (a case's deadline, a rating's score) are described from the
jurisdiction's rule catalogue (``rule_references``), with no database work.
"""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from core.policy.access import policy_for
from core.policy.types import RuleRef


@strawberry.type(name="RuleReference", description="依据: the rule that decided an answer, and where it is written")
class RuleReferenceType:
    id: str = strawberry.field(description="Stable rule id, e.g. dongying.items.approval")
    title: str | None = strawberry.field(description="规则名称 (when described from the catalogue)")
    source: str | None = strawberry.field(
        description="A jurisdiction code, guangdong, national or default (a configurable default)")
    document: str | None = strawberry.field(description="来源文件")
    article: str | None = strawberry.field(description="条款, e.g. Art 4(三)")

    @classmethod
    def from_ref(cls, ref: RuleRef) -> "RuleReferenceType":
        return cls(id=ref.id, title=None, source=ref.source, document=ref.document, article=ref.article)

    @classmethod
    def many(cls, refs) -> list["RuleReferenceType"]:
        return [cls.from_ref(ref) for ref in refs]


async def rule_references(info: Info, jurisdiction: str, rule_ids) -> list[RuleReferenceType]:
    """The rules with these ids, described from the jurisdiction's catalogue (no database work)."""
    catalogue = await _catalogue(info, jurisdiction)
    result = []
    for rule_id in rule_ids or ():
        rule = catalogue.get(rule_id)
        result.append(RuleReferenceType(
            id=rule_id,
            title=rule.title if rule else None,
            source=rule.source if rule else None,
            document=rule.source_document if rule else None,
            article=rule.article if rule else None,
        ))
    return result


async def _catalogue(info: Info, jurisdiction: str) -> dict:
    """Every rule that can answer for the jurisdiction (its own and the baseline's), once per request."""
    key = ("rule-catalogue", jurisdiction)
    cache = info.context.policies
    if key not in cache:
        policy = await policy_for(info.context, jurisdiction)
        cache[key] = {rule.id: rule for rules in policy.hook.tingwu_policy_rules(jurisdiction=jurisdiction)
                      for rule in rules}
    return cache[key]
