"""首问 queries and mutations."""

from __future__ import annotations

import datetime

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from core.auth.access import can, hall_scope
from core.graphql.relay import from_global_id
from core.halls.schema import visible_hall
from core.inquiries.models import FirstInquiry
from core.inquiries.mutations.inquiry_record import RecordFirstInquiryResult, record_first_inquiry
from core.inquiries.types import FirstInquiryType
from core.timezones import local_period_bounds


@strawberry.type
class InquiryQuery:
    @strawberry.field(description="首问记录 of a hall on a date, in order (the hall office and supervisors)")
    async def first_inquiries(self, info: Info, hall_id: strawberry.ID, date: datetime.date) -> list[FirstInquiryType]:
        ctx = info.context
        hall = await visible_hall(info, from_global_id(hall_id, "Hall")[1])
        if hall is None or ctx.actor is None or not can(ctx, "first_inquiry", "read", hall_scope(ctx, hall)):
            return []
        start, end = local_period_bounds(date, date)
        stmt = (sa.select(FirstInquiry).where(FirstInquiry.hall_id == hall.id, FirstInquiry.asked_at >= start,
                                              FirstInquiry.asked_at < end)
                .order_by(FirstInquiry.asked_at, FirstInquiry.id).limit(500))
        async with ctx.db.session() as session:
            rows = (await session.execute(stmt)).scalars().all()
        return [FirstInquiryType.from_model(row) for row in rows]


@strawberry.type
class InquiryMutation:
    record_first_inquiry: RecordFirstInquiryResult = strawberry.mutation(
        resolver=record_first_inquiry, description="首问登记: the responsible person by the jurisdiction's 首问 rule")
