"""GraphQL types for reported data (上报数据) at the province."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from core.graphql.relay import Node, to_global_id
from core.reporting.models import ReportedCase, ReportedRating
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
    counts_in_assessment: bool = strawberry.field(
        description="False once the county's review of an appeal overturned it: out of assessment and satisfaction")
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
            counts_in_assessment=row.counts_in_assessment,
            rated_at=to_local(row.rated_at),
            received_at=to_local(row.received_at),
            row=row,
        )


@strawberry.type(name="ReportedCase", description="上报的办件: a county's case as the province keeps it (no applicant data)")
class ReportedCaseType(Node):
    id: strawberry.ID
    jurisdiction_code: str = strawberry.field(description="Reporting county's jurisdiction")
    serial_number: str = strawberry.field(description="办件流水号")
    item_code: str | None = strawberry.field(description="实施编码")
    category: str | None = strawberry.field(description="办件类别, e.g. promised (承诺件)")
    status: str = strawberry.field(description="e.g. accepted, awaiting_materials, completed, returned, terminated")
    outcome: str | None = strawberry.field(description="办理结果: approved or denied")
    tolerance_acceptance: bool = strawberry.field(description="容缺受理")
    accepted_at: datetime
    deadline_on: date | None = strawberry.field(description="办结期限 on the county's working-day calendar")
    paused: bool = strawberry.field(description="The clock stands still: awaiting corrected materials")
    completed_at: datetime | None = strawberry.field(description="办结 (or returned, terminated)")
    overdue: bool = strawberry.field(description="超期: completed after the deadline, or still running past it")
    last_event_type: str = strawberry.field(description="What the county reported last, e.g. case.completed")
    received_at: datetime
    row: strawberry.Private[ReportedCase]

    @classmethod
    def from_model(cls, row: ReportedCase, *, today: date) -> "ReportedCaseType":
        late_completion = row.status == "completed" and row.completed_on is not None and row.deadline_on is not None \
            and row.completed_on > row.deadline_on
        running_late = row.status == "accepted" and row.deadline_on is not None and row.deadline_on < today
        return cls(
            id=to_global_id("ReportedCase", row.id),
            jurisdiction_code=row.source_jurisdiction_code,
            serial_number=row.serial_number,
            item_code=row.item_code,
            category=row.category,
            status=row.status,
            outcome=row.outcome,
            tolerance_acceptance=row.tolerance_acceptance,
            accepted_at=to_local(row.accepted_at),
            deadline_on=row.deadline_on,
            paused=row.paused_since is not None,
            completed_at=to_local(row.completed_at) if row.completed_at else None,
            overdue=late_completion or running_late,
            last_event_type=row.last_event_type,
            received_at=to_local(row.received_at),
            row=row,
        )
