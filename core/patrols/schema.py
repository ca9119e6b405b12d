"""Patrol queries and mutations."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from core.graphql.relay import Connection, from_global_id, paginate
from core.patrols import service as patrol_service
from core.patrols.models import PatrolRecord
from core.patrols.mutations.patrol_record import PatrolResult, record_patrol
from core.patrols.types import PatrolCategoryEnum, PatrolRecordType
from core.staff.access import list_scope, local_moment


@strawberry.type
class PatrolQuery:
    @strawberry.field(description="巡查记录, newest first: a hall's (hall office, supervisors) or a department's staff's")
    async def patrol_records(
        self,
        info: Info,
        hall_id: strawberry.ID | None = None,
        department_id: strawberry.ID | None = None,
        staff_id: strawberry.ID | None = None,
        window_id: strawberry.ID | None = None,
        category: list[PatrolCategoryEnum] | None = None,
        findings_only: Annotated[bool, strawberry.argument(description="only records that found a problem")] = False,
        from_: Annotated[datetime | None, strawberry.argument(name="from")] = None,
        to: datetime | None = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> Connection[PatrolRecordType]:
        scope = await list_scope(info, "conduct", hall_id=hall_id, department_id=department_id)
        stmt = patrol_service.list_statement(
            hall_ids=scope.hall_ids, department_ids=scope.department_ids,
            staff_id=from_global_id(staff_id, "Staff")[1] if staff_id else None,
            window_id=from_global_id(window_id, "Window")[1] if window_id else None,
            categories=[c.value for c in category] if category else None, findings_only=findings_only,
            from_at=local_moment(from_), to_at=local_moment(to))
        async with info.context.db.session() as session:
            return await paginate(session, stmt, order_by=(PatrolRecord.patrolled_at, PatrolRecord.id), descending=True,
                                  first=first, after=after, to_node=PatrolRecordType.from_model)


@strawberry.type
class PatrolMutation:
    record_patrol: PatrolResult = strawberry.mutation(
        resolver=record_patrol, description="巡查: a supervisor records attendance, dress, discipline, window state or a "
                                            "video patrol (nanbu 巡查制度)")
