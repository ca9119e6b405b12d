"""recordFirstInquiry: 首问登记 — who was asked, what, and how it ended (hall staff at windows and desks)."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.auth.access import hall_scope, require
from core.errors import NotFoundError
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.halls.models import Hall
from core.inquiries import service as inquiry_service
from core.inquiries.models import InquiryOutcome
from core.inquiries.types import FirstInquiryType
from core.policy.access import policy_in_session




@strawberry.input
class RecordFirstInquiryInput:
    hall_id: strawberry.ID
    staff_numbers: list[str] = strawberry.field(description="工号 of everyone asked at that moment (usually one)")
    question: str = strawberry.field(description="询问事项")
    outcome: str = strawberry.field(description="answered, handed_over (with handedToWindow) or guided (with note)")
    handed_to_window: str | None = strawberry.field(default=None, description="窗口号 it was handed over to")
    note: str | None = strawberry.field(default=None, description="how the person was guided")


@strawberry.type
class RecordFirstInquirySuccess:
    inquiry: FirstInquiryType


RecordFirstInquiryResult = Annotated[Union[RecordFirstInquirySuccess, *ERROR_TYPES],
                                     strawberry.union("RecordFirstInquiryResult")]


async def record_first_inquiry(info: Info, input: RecordFirstInquiryInput) -> RecordFirstInquiryResult:
    ctx = info.context

    async def body(session, call):
        hall = await session.get(Hall, from_global_id(input.hall_id, "Hall")[1])
        if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("大厅", "Hall")
        domain = require(ctx, "first_inquiry", "record", hall_scope(ctx, hall))
        outcome = input.outcome.strip()
        if outcome not in {o.value for o in InquiryOutcome}:
            from core.errors import DomainError
            raise DomainError("VALIDATION_FAILED", {"field": "outcome", "field_label": "首问结果",
                                                    "reason": "应为 answered、handed_over 或 guided",
                                                    "reason_en": "one of answered, handed_over, guided"})
        policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
        inquiry, responsible = await inquiry_service.record(
            session, policy=policy, hall_id=hall.id, staff_numbers=input.staff_numbers, question=input.question,
            outcome=outcome, handed_to_window=input.handed_to_window, note=input.note,
            user_id=ctx.actor.user_id if ctx.actor else None, at=ctx.runtime.now())
        call.acted(domain=domain, target_type="FirstInquiry", target_id=inquiry.id,
                   after={"responsible_staff_id": str(responsible.id), "outcome": outcome})
        return RecordFirstInquirySuccess(inquiry=FirstInquiryType.from_model(inquiry))

    return await run_mutation(info, "recordFirstInquiry", body)
