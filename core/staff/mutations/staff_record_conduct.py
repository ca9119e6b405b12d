"""recordConduct: a conduct fact (通报批评, 处分, 不服从管理…) recorded by the hall (daily discipline is the hall's)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core import clock
from core.auth.access import hall_scope, require
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.staff import changes
from core.staff import service as staff_service
from core.staff.types import ConductKindEnum, ConductRecordType


@strawberry.input
class ConductInput:
    staff_id: strawberry.ID
    kind: ConductKindEnum
    occurred_on: date
    description: str


@strawberry.type
class ConductSuccess:
    record: ConductRecordType


ConductResult = Annotated[Union[ConductSuccess, *ERROR_TYPES], strawberry.union("ConductResult")]


async def record_conduct(info: Info, input: ConductInput) -> ConductResult:
    ctx = info.context

    async def body(session, call):
        sides = await staff_service.get_with_sides(session, staff_id=from_global_id(input.staff_id, "Staff")[1],
                                                   enabled=ctx.plugins.enabled_codes)
        call.acted(target_type="Staff", target_id=sides.staff.id)
        domain = require(ctx, "conduct", "write", hall_scope(ctx, sides.hall))
        record = await changes.record_conduct(session, staff=sides.staff, kind=input.kind.value,
                                              occurred_on=input.occurred_on, description=input.description,
                                              recorded_by=ctx.actor.user_id, today=clock.today())
        call.acted(domain=domain, after={"kind": record.kind, "occurred_on": record.occurred_on.isoformat()})
        return ConductSuccess(record=ConductRecordType.from_model(record))

    return await run_mutation(info, "recordConduct", body)
