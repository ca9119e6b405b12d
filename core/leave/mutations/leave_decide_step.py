"""decideLeaveStep: one step of a leave chain, decided by a role the step maps to, on the step's side."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core import clock
from core.auth.access import is_own_staff
from core.errors import DomainError, NotFoundError
from core.graphql.errors import RULED_ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.leave import service as leave_service
from core.leave.models import LeaveStep
from core.leave.types import LeaveRequestType
from core.policy.access import policy_in_session
from core.staff import service as staff_service
from core.staff.access import actor_name, require_decider


@strawberry.input(description="A decision on the step awaiting it: approve (同意/签字/备案) or reject (不同意)")
class LeaveStepDecisionInput:
    step_id: strawberry.ID
    approve: bool
    comment: str | None = None


@strawberry.type
class LeaveStepDecisionSuccess:
    leave_request: LeaveRequestType


LeaveStepDecisionResult = Annotated[Union[LeaveStepDecisionSuccess, *RULED_ERROR_TYPES],
                                    strawberry.union("LeaveStepDecisionResult")]


async def decide_leave_step(info: Info, input: LeaveStepDecisionInput) -> LeaveStepDecisionResult:
    ctx = info.context

    async def body(session, call):
        step = await session.get(LeaveStep, from_global_id(input.step_id, "LeaveStep")[1])
        if step is None:
            raise NotFoundError("审批步骤", "Leave step")
        request = await leave_service.get(session, leave_id=step.leave_request_id)
        call.acted(target_type="LeaveRequest", target_id=request.id)
        sides = await staff_service.get_with_sides(session, staff_id=request.staff_id, enabled=ctx.plugins.enabled_codes)
        domain = require_decider(ctx, obj="leave", act="approve", role=step.role, side=step.side, sides=sides)
        if is_own_staff(ctx, request.staff_id):
            raise DomainError("LEAVE_SELF_APPROVAL")
        before = {"status": request.status, "step": step.position, "step_status": step.status}
        policy = await policy_in_session(session, ctx.plugins, sides.hall.jurisdiction_code)
        await leave_service.decide(
            session, policy=policy, sides=sides, request=request, step=step, approve=input.approve,
            comment=input.comment, decided_by=ctx.actor.user_id, decided_by_name=await actor_name(session, ctx),
            acted_for=domain, now=clock.now())
        call.acted(domain=domain, before=before,
                   after={"status": request.status, "step": step.position, "step_status": step.status,
                          "role": step.role, "side": step.side})
        return LeaveStepDecisionSuccess(leave_request=LeaveRequestType.from_model(request))

    return await run_mutation(info, "decideLeaveStep", body)
