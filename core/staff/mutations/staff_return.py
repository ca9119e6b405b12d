"""returnStaffToDepartment: 退回原派出单位 — the hall's decision, with the reason (dongying Art 7(四); dongguan 6.3.4d)."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core import clock
from core.assessment import service as assessment_service
from core.auth.access import hall_scope, require
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.policy.access import policy_in_session
from core.staff import changes
from core.staff import service as staff_service
from core.staff.types import StaffReturnType


@strawberry.input
class StaffReturnInput:
    staff_id: strawberry.ID
    reason: str = strawberry.field(description="退回理由")


@strawberry.type
class StaffReturnSuccess:
    staff_return: StaffReturnType


StaffReturnResult = Annotated[Union[StaffReturnSuccess, *ERROR_TYPES], strawberry.union("StaffReturnResult")]


async def return_staff_to_department(info: Info, input: StaffReturnInput) -> StaffReturnResult:
    ctx = info.context

    async def body(session, call):
        sides = await staff_service.get_with_sides(session, staff_id=from_global_id(input.staff_id, "Staff")[1],
                                                   enabled=ctx.plugins.enabled_codes)
        call.acted(target_type="Staff", target_id=sides.staff.id)
        domain = require(ctx, "staff_return", "write", hall_scope(ctx, sides.hall))
        policy = await policy_in_session(session, ctx.plugins, sides.hall.jurisdiction_code)
        now = clock.now()
        # The return rule's triggers at the time are kept with the decision (the hall decides either way).
        records = await assessment_service.staff_records(session, hall=sides.hall, staff_ids=[sides.staff.id],
                                                         as_of=clock.today())
        decision = policy.return_to_unit(records[sides.staff.id])
        before = {"status": sides.staff.status}
        record = await changes.return_to_department(
            session, staff=sides.staff, reason=input.reason, trigger_codes=[t.code for t in decision.triggers],
            rule_ids=[r.id for r in decision.rules], decided_by=ctx.actor.user_id, now=now)
        call.acted(domain=domain, before=before, after={"status": sides.staff.status, "reason": record.reason,
                                                        "triggers": record.trigger_codes})
        return StaffReturnSuccess(staff_return=StaffReturnType.from_model(record))

    return await run_mutation(info, "returnStaffToDepartment", body)
