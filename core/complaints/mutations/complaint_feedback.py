"""recordComplaintFeedback: 反馈 — what the complainant was told, and whether they were satisfied."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.audit.service import snapshot
from core.complaints import service as complaint_service
from core.complaints.mutations.handling import AUDITED, complaint_for
from core.complaints.types import ComplaintType
from core.db.base import utcnow
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation


@strawberry.input
class ComplaintFeedbackInput:
    complaint_id: strawberry.ID
    feedback: str = strawberry.field(description="what the complainant was told, when and how")
    complainant_satisfied: bool | None = strawberry.field(default=None, description="null: not asked or no answer")


@strawberry.type
class ComplaintFeedbackSuccess:
    complaint: ComplaintType


ComplaintFeedbackResult = Annotated[Union[ComplaintFeedbackSuccess, *ERROR_TYPES],
                                    strawberry.union("ComplaintFeedbackResult")]


async def record_complaint_feedback(info: Info, input: ComplaintFeedbackInput) -> ComplaintFeedbackResult:
    ctx = info.context

    async def body(session, call):
        complaint, _, _, _ = await complaint_for(session, ctx, call, input.complaint_id)
        before = snapshot(complaint, AUDITED)
        await complaint_service.record_feedback(session, complaint=complaint, feedback=input.feedback,
                                                complainant_satisfied=input.complainant_satisfied, now=utcnow())
        call.acted(before=before, after=snapshot(complaint, AUDITED))
        return ComplaintFeedbackSuccess(complaint=ComplaintType.from_model(complaint))

    return await run_mutation(info, "recordComplaintFeedback", body)
