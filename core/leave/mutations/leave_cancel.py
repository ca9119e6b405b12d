"""cancelLeave: the requester (or the hall section that registered it) withdraws a leave not yet over."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core import clock
from core.auth.access import hall_scope, require_self_or
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.leave import service as leave_service
from core.leave.types import LeaveRequestType
from core.staff import service as staff_service


@strawberry.input
class LeaveCancelInput:
    leave_request_id: strawberry.ID


@strawberry.type
class LeaveCancelSuccess:
    leave_request: LeaveRequestType


LeaveCancelResult = Annotated[Union[LeaveCancelSuccess, *ERROR_TYPES], strawberry.union("LeaveCancelResult")]


async def cancel_leave(info: Info, input: LeaveCancelInput) -> LeaveCancelResult:
    ctx = info.context

    async def body(session, call):
        request = await leave_service.get(session, leave_id=from_global_id(input.leave_request_id, "LeaveRequest")[1])
        call.acted(target_type="LeaveRequest", target_id=request.id)
        sides = await staff_service.get_with_sides(session, staff_id=request.staff_id, enabled=ctx.plugins.enabled_codes)
        domain = require_self_or(ctx, own=("leave", "request"), others=("leave", "register"),
                                 scope=hall_scope(ctx, sides.hall), staff_id=request.staff_id)
        before = {"status": request.status}
        await leave_service.cancel(session, request=request, now=clock.now())
        call.acted(domain=domain, before=before, after={"status": request.status})
        return LeaveCancelSuccess(leave_request=LeaveRequestType.from_model(request))

    return await run_mutation(info, "cancelLeave", body)
