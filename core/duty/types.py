"""GraphQL types for duty."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated

import strawberry
from strawberry.types import Info

from core.duty.models import DutyAssignment
from core.graphql.helpers import loader
from core.graphql.relay import Node, to_global_id
from core.staff.dataloaders import StaffByIdLoader
from core.timezones import to_local


@strawberry.type(name="DutyAssignment", description="值班安排: one person on one duty slot of a day")
class DutyAssignmentType(Node):
    id: strawberry.ID
    duty_on: date
    slot_code: str = strawberry.field(description="from the jurisdiction's duty plan, e.g. leader_duty, lunch_duty")
    title: str = strawberry.field(description="e.g. 领导值班, 午间值班")
    start_time: time
    end_time: time
    location: str | None
    assignee_name: str
    notice_channel: str | None = strawberry.field(description="how the roster was notified, e.g. sms")
    notified_at: datetime | None
    rule_ids: list[str]
    row: strawberry.Private[DutyAssignment]

    @classmethod
    def from_model(cls, row) -> "DutyAssignmentType":
        return cls(id=to_global_id("DutyAssignment", row.id), duty_on=row.duty_on, slot_code=row.slot_code,
                   title=row.title, start_time=row.start_time, end_time=row.end_time, location=row.location,
                   assignee_name=row.assignee_name, notice_channel=row.notice_channel,
                   notified_at=to_local(row.notified_at), rule_ids=list(row.rule_ids or []), row=row)

    @strawberry.field(description="the staff member on duty (null for a leader)")
    async def staff(self, info: Info) -> Annotated["StaffType", strawberry.lazy("core.staff.types")] | None:
        row = await loader(info, StaffByIdLoader).load(self.row.assignee_staff_id) if self.row.assignee_staff_id else None
        return staff_types.StaffType.from_model(row) if row else None


from core.staff import types as staff_types  # noqa: E402
