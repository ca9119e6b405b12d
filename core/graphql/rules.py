"""Which rule decided: the GraphQL face of a policy answer's ``RuleRef``."""

from __future__ import annotations

import strawberry

from core.policy.types import RuleRef


@strawberry.type(name="RuleRef", description="依据: a rule that decided an answer, with its source document and article")
class RuleRefType:
    id: str = strawberry.field(description="e.g. guangdong.rating.scale")
    source: str = strawberry.field(description="a jurisdiction code, guangdong, national, or default (a configurable default)")
    document: str | None
    article: str | None = strawberry.field(description="e.g. panyu Art 35")

    @classmethod
    def from_ref(cls, ref: RuleRef) -> "RuleRefType":
        return cls(id=ref.id, source=ref.source, document=ref.document, article=ref.article)

    @classmethod
    def many(cls, refs) -> list["RuleRefType"]:
        return [cls.from_ref(ref) for ref in refs]
