"""GraphQL types for reported data (上报数据) at the province."""

from __future__ import annotations

from datetime import datetime

import strawberry

from core.graphql.relay import Node, to_global_id
from core.reporting.models import ReportedRating
from core.timezones import to_local


@strawberry.type(name="ReportedRating", description="上报的好差评: a county's rating as the provincial platform takes it")
class ReportedRatingType(Node):
    id: strawberry.ID
    jurisdiction_code: str = strawberry.field(description="Reporting county's jurisdiction")
    region_code: str | None = strawberry.field(description="行政区划代码 (GB/T 2260)")
    case_serial_number: str | None = strawberry.field(description="办件流水号")
    item_code: str | None = strawberry.field(description="实施编码")
    staff_number: str | None = strawberry.field(description="工号")
    level: str = strawberry.field(description="评价等级, e.g. very_satisfied")
    score: float | None
    channel: str = strawberry.field(description="评价渠道, e.g. device")
    defaulted: bool
    rated_at: datetime
    received_at: datetime
    row: strawberry.Private[ReportedRating]

    @classmethod
    def from_model(cls, row: ReportedRating) -> "ReportedRatingType":
        return cls(
            id=to_global_id("ReportedRating", row.id),
            jurisdiction_code=row.source_jurisdiction_code,
            region_code=row.region_code,
            case_serial_number=row.case_serial_number,
            item_code=row.item_code,
            staff_number=row.staff_number,
            level=row.level,
            score=row.score,
            channel=row.channel,
            defaulted=row.defaulted,
            rated_at=to_local(row.rated_at),
            received_at=to_local(row.received_at),
            row=row,
        )
