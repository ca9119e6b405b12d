"""recordStaffTraining: 岗前培训 / 在岗培训 — by the hall or the department (dongguan 6.3.3c: trained together)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core import clock
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.staff import changes
from core.staff import service as staff_service
from core.staff.access import require_either
from core.staff.models import TrainingKind
from core.staff.types import StaffTrainingType, StaffType, TrainingKindEnum


@strawberry.input
class StaffTrainingInput:
    staff_id: strawberry.ID
    kind: TrainingKindEnum = TrainingKind.PRE_DUTY
    title: str = strawberry.field(description="e.g. 服务规范、规章制度和礼仪培训")
    hours: float | None = None
    completed_on: date


@strawberry.type
class StaffTrainingSuccess:
    training: StaffTrainingType
    staff: StaffType


StaffTrainingResult = Annotated[Union[StaffTrainingSuccess, *ERROR_TYPES], strawberry.union("StaffTrainingResult")]


async def record_staff_training(info: Info, input: StaffTrainingInput) -> StaffTrainingResult:
    ctx = info.context

    async def body(session, call):
        sides = await staff_service.get_with_sides(session, staff_id=from_global_id(input.staff_id, "Staff")[1],
                                                   enabled=ctx.plugins.enabled_codes)
        call.acted(target_type="Staff", target_id=sides.staff.id)
        domain = require_either(ctx, "staff_training", "write", sides)
        training = await changes.record_training(session, staff=sides.staff, kind=TrainingKind(input.kind.value),
                                                 title=input.title, hours=input.hours, completed_on=input.completed_on,
                                                 recorded_by=ctx.actor.user_id, today=clock.today())
        call.acted(domain=domain, after={"kind": training.kind, "title": training.title,
                                         "completed_on": training.completed_on.isoformat()})
        return StaffTrainingSuccess(training=StaffTrainingType.from_model(training), staff=StaffType.from_model(sides.staff))

    return await run_mutation(info, "recordStaffTraining", body)
