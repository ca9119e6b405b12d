"""无否决权 (RULEBOOK §16 S11; nanbu 无否决权制度): who may refuse an application, and what must come first.

Where the jurisdiction has the rule, a window may not refuse (退件) on its own: the refusal is proposed with the
reason and whether 容缺后补 was offered (when the item allows it), and a second person reviews it; only an approved
review returns the case. Elsewhere the baseline lets the window return the case directly (*default*).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.policy.rules import default_rule
from core.policy.types import RuleRef

DIRECT_RETURN_RULE = default_rule(
    "default.cases.direct_return",
    topic="refusal_review",
    title="窗口退件",
    summary="A window may return (退件) an application that does not qualify, with the reason; no second review "
    "unless the jurisdiction's rules require one.",
    article="RULEBOOK §10, §16 S11 (no seed but nanbu's asks for a review)",
)


@dataclass(frozen=True)
class RefusalReview:
    """``required``: a refusal needs a second person's approval; ``tolerance_first``: where the item allows
    容缺受理, the proposal must say it was offered (the applicant declined it)."""

    required: bool
    tolerance_first: bool
    rules: tuple[RuleRef, ...]


DEFAULT = RefusalReview(required=False, tolerance_first=False, rules=(DIRECT_RETURN_RULE.ref,))
