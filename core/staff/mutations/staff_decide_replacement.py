"""decideStaffReplacement: the hall agrees to (or refuses) a replacement (dongguan 6.3.4b: 与政务服务大厅协商一致)."""

from __future__ import annotations

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
from core.staff.models import StaffReplacement
from core.staff.types import StaffReplacementType


@strawberry.input
class StaffReplacementDecisionInput:
    replacement_id: strawberry.ID
    agree: bool


@strawberry.type
class StaffReplacementDecisionSuccess:
    replacement: StaffReplacementType


StaffReplacementDecisionResult = Annotated[Union[StaffReplacementDecisionSuccess, *ERROR_TYPES],
                                           strawberry.union("StaffReplacementDecisionResult")]


async def decide_staff_replacement(info: Info, input: StaffReplacementDecisionInput) -> StaffReplacementDecisionResult:
    ctx = info.context

    async def body(session, call):
        replacement = await changes.get_row(session, StaffReplacement,
                                            from_global_id(input.replacement_id, "StaffReplacement")[1], "调换", "Replacement")
        call.acted(target_type="StaffReplacement", target_id=replacement.id)
        sides = await staff_service.get_with_sides(session, staff_id=replacement.old_staff_id,
                                                   enabled=ctx.plugins.enabled_codes)
        domain = require(ctx, "replacement", "agree", hall_scope(ctx, sides.hall))
        await changes.agree_replacement(session, replacement=replacement, agree=input.agree,
                                        decided_by=ctx.actor.user_id, now=clock.now())
        call.acted(domain=domain, before={"status": "proposed"}, after={"status": replacement.status})
        return StaffReplacementDecisionSuccess(replacement=StaffReplacementType.from_model(replacement))

    return await run_mutation(info, "decideStaffReplacement", body)
