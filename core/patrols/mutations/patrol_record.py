"""recordPatrol: a supervisor's patrol observation (attendance, dress, discipline, window state, video)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core import clock
from core.auth.access import hall_scope, require
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.patrols import service as patrol_service
from core.patrols.models import PatrolCategory
from core.patrols.types import PatrolCategoryEnum, PatrolRecordType
from core.staff import service as staff_service
from core.staff.access import actor_name, hall_in_session, local_moment
from core.windows import service as window_service


@strawberry.input
class PatrolInput:
    hall_id: strawberry.ID
    category: PatrolCategoryEnum
    compliant: bool
    finding: str | None = strawberry.field(default=None, description="what was seen (required for a finding)")
    staff_id: strawberry.ID | None = None
    window_id: strawberry.ID | None = None
    patrolled_at: datetime | None = strawberry.field(default=None, description="default: now")


@strawberry.type
class PatrolSuccess:
    patrol: PatrolRecordType


PatrolResult = Annotated[Union[PatrolSuccess, *ERROR_TYPES], strawberry.union("PatrolResult")]


async def record_patrol(info: Info, input: PatrolInput) -> PatrolResult:
    ctx = info.context

    async def body(session, call):
        hall = await hall_in_session(session, ctx, input.hall_id)
        call.acted(target_type="Hall", target_id=hall.id)
        domain = require(ctx, "conduct", "write", hall_scope(ctx, hall))
        staff = window = None
        if input.staff_id:
            staff = await staff_service.get(session, staff_id=from_global_id(input.staff_id, "Staff")[1],
                                            enabled=ctx.plugins.enabled_codes)
        if input.window_id:
            window = await window_service.get_window(session, window_id=from_global_id(input.window_id, "Window")[1])
        now = clock.now()
        patrol = await patrol_service.record(
            session, hall_id=hall.id, category=PatrolCategory(input.category.value),
            patrolled_at=local_moment(input.patrolled_at) or now, staff=staff, window=window,
            compliant=input.compliant, finding=input.finding, recorded_by=ctx.actor.user_id,
            recorded_by_name=await actor_name(session, ctx), now=now)
        call.acted(domain=domain, target_type="PatrolRecord", target_id=patrol.id,
                   after={"category": patrol.category, "compliant": patrol.compliant,
                          "staff_id": str(patrol.staff_id) if patrol.staff_id else None})
        return PatrolSuccess(patrol=PatrolRecordType.from_model(patrol))

    return await run_mutation(info, "recordPatrol", body)
