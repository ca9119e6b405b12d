"""proposeStaffReplacement: the department proposes replacing a member; the rule's requirements of a proposal are
checked now (dongguan: in writing, from the pre-selected substitutes; panyu: filed in advance)."""

from __future__ import annotations

from datetime import date
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
from core.staff.types import StaffReplacementType


@strawberry.input
class StaffReplacementInput:
    old_staff_id: strawberry.ID
    new_staff_id: strawberry.ID = strawberry.field(description="a pre-selected substitute (预选替岗人员) or a proposed member")
    reason: str
    written_report: str | None = strawberry.field(default=None, description="书面报告 to the hall")
    planned_on: date = strawberry.field(description="the day the change is to happen")


@strawberry.type
class StaffReplacementSuccess:
    replacement: StaffReplacementType


StaffReplacementResult = Annotated[Union[StaffReplacementSuccess, *RULED_ERROR_TYPES], strawberry.union("StaffReplacementResult")]


async def propose_staff_replacement(info: Info, input: StaffReplacementInput) -> StaffReplacementResult:
    ctx = info.context

    async def body(session, call):
        sides = await staff_service.get_with_sides(session, staff_id=from_global_id(input.old_staff_id, "Staff")[1],
                                                   enabled=ctx.plugins.enabled_codes)
        call.acted(target_type="Staff", target_id=sides.staff.id)
        domain = require(ctx, "replacement", "propose", department_scope(ctx, sides.department))
        new = await staff_service.get(session, staff_id=from_global_id(input.new_staff_id, "Staff")[1],
                                      enabled=ctx.plugins.enabled_codes)
        policy = await policy_in_session(session, ctx.plugins, sides.hall.jurisdiction_code)
        replacement = await changes.propose_replacement(
            session, policy=policy, old=sides.staff, new=new, reason=input.reason, written_report=input.written_report,
            planned_on=input.planned_on, proposed_by=ctx.actor.user_id, now=clock.now())
        call.acted(domain=domain, target_type="StaffReplacement", target_id=replacement.id,
                   after={"old": str(replacement.old_staff_id), "new": str(replacement.new_staff_id),
                          "planned_on": replacement.planned_on.isoformat(), "rule_ids": replacement.rule_ids})
        return StaffReplacementSuccess(replacement=StaffReplacementType.from_model(replacement))

    return await run_mutation(info, "proposeStaffReplacement", body)
