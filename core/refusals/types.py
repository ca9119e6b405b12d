"""GraphQL type of a proposed refusal and its review."""

from __future__ import annotations

from datetime import datetime

import strawberry

from core.graphql.relay import to_global_id
from core.refusals.models import CaseReturnReview, RefusalStatus
from core.timezones import to_local


@strawberry.type(name="CaseReturnReview", description="退件复核 (无否决权): a window's proposed refusal and its review")
class CaseReturnReviewType:
    id: strawberry.ID
    reason: str
    tolerance_offered: bool = strawberry.field(description="容缺后补 was offered and declined")
    status: str = strawberry.field(description="pending, approved (returned) or rejected (keep handling)")
    status_label: str
    proposed_at: datetime
    reviewed_at: datetime | None
    review_note: str | None
    rule_ids: list[str]

    @classmethod
    def from_model(cls, row: CaseReturnReview) -> "CaseReturnReviewType":
        status = RefusalStatus(row.status)
        return cls(id=to_global_id("CaseReturnReview", row.id), reason=row.reason,
                   tolerance_offered=row.tolerance_offered, status=status.value, status_label=status.label,
                   proposed_at=to_local(row.proposed_at), reviewed_at=to_local(row.reviewed_at),
                   review_note=row.review_note, rule_ids=list(row.rule_ids))
