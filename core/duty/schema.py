"""Duty queries and mutations."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from core import clock
from core.duty import service as duty_service
from core.duty.models import DutyAssignment
from core.duty.mutations.duty_schedule import DutyResult, hand_over_duty, schedule_duty, swap_duty
from core.duty.types import DutyAssignmentType
from core.errors import NotFoundError
from core.graphql.relay import Connection, from_global_id, paginate
from core.halls.schema import visible_hall
from core.staff.access import local_moment, visible_hall_for


@strawberry.type
class DutyQuery:
    @strawberry.field(description="值班表: a hall's duty roster by day and time")
    async def duty_roster(
        self,
        info: Info,
        hall_id: strawberry.ID,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> Connection[DutyAssignmentType]:
        hall = await visible_hall_for(info, "duty", hall_id)
        stmt = sa.select(DutyAssignment.__table__).where(DutyAssignment.hall_id == hall.id)
        if from_ is not None:
            stmt = stmt.where(DutyAssignment.duty_on >= from_)
        if to is not None:
            stmt = stmt.where(DutyAssignment.duty_on <= to)
        async with info.context.db.session() as session:
            return await paginate(session, stmt, order_by=(DutyAssignment.duty_on, DutyAssignment.start_time,
                                                           DutyAssignment.id),
                                  first=first, after=after, to_node=DutyAssignmentType.from_model)

    @strawberry.field(description="当前值班: who is on duty in a hall now (or at `at`) — public, as on the hall's board")
    async def duty_now(
        self, info: Info, hall_id: strawberry.ID,
        at: Annotated[datetime | None, strawberry.argument(description="default: now")] = None,
    ) -> list[DutyAssignmentType]:
        hall = await visible_hall(info, from_global_id(hall_id, "Hall")[1])
        if hall is None:
            raise NotFoundError("大厅", "Hall")
        async with info.context.db.session() as session:
            rows = (await session.execute(duty_service.on_duty_statement(
                hall_id=hall.id, at=local_moment(at) or clock.now()))).all()
        return [DutyAssignmentType.from_model(row) for row in rows]


@strawberry.type
class DutyMutation:
    schedule_duty: DutyResult = strawberry.mutation(
        resolver=schedule_duty, description="排班: a slot of the jurisdiction's duty plan, notified as far ahead as it says")
    swap_duty: DutyResult = strawberry.mutation(
        resolver=swap_duty, description="领导互换值班 (panyu Art 67)")
    hand_over_duty: DutyResult = strawberry.mutation(
        resolver=hand_over_duty, description="值班人员找人替班 (nanbu 午间值班制度)")
