"""putReplacementOnDuty and releaseReplacedStaff: the department carries out a replacement, new member first
where the rule says 先进后出 (dongguan 6.3.4c); each step is checked against the jurisdiction's rule."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core import clock
from core.auth.access import department_scope, require
from core.graphql.errors import RULED_ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.policy.access import policy_in_session
from core.staff import changes
from core.staff import service as staff_service
from core.staff.models import StaffReplacement
from core.staff.types import StaffReplacementType


@strawberry.input
class StaffReplacementStepInput:
    replacement_id: strawberry.ID


@strawberry.type
class StaffReplacementStepSuccess:
    replacement: StaffReplacementType


StaffReplacementStepResult = Annotated[Union[StaffReplacementStepSuccess, *RULED_ERROR_TYPES],
                                       strawberry.union("StaffReplacementStepResult")]


def _step(action: str, carry_out):
    async def resolver(info: Info, input: StaffReplacementStepInput) -> StaffReplacementStepResult:
        ctx = info.context

        async def body(session, call):
            replacement = await changes.get_row(session, StaffReplacement,
                                                from_global_id(input.replacement_id, "StaffReplacement")[1], "调换", "Replacement")
            call.acted(target_type="StaffReplacement", target_id=replacement.id)
            sides = await staff_service.get_with_sides(session, staff_id=replacement.old_staff_id,
                                                       enabled=ctx.plugins.enabled_codes)
            domain = require(ctx, "replacement", "propose", department_scope(ctx, sides.department))
            policy = await policy_in_session(session, ctx.plugins, sides.hall.jurisdiction_code)
            before = {"status": replacement.status}
            await carry_out(session, policy=policy, replacement=replacement, now=clock.now())
            call.acted(domain=domain, before=before, after={"status": replacement.status})
            return StaffReplacementStepSuccess(replacement=StaffReplacementType.from_model(replacement))

        return await run_mutation(info, action, body)

    return resolver


put_replacement_on_duty = _step("putReplacementOnDuty", changes.put_new_on_duty)
release_replaced_staff = _step("releaseReplacedStaff", changes.release_old)
