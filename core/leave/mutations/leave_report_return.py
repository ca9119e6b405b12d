"""reportReturnFromLeave: 销假 — back on the post (jiedong Art 30); the window's handover ends."""

from __future__ import annotations

from datetime import datetime
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
from core.staff.access import local_moment


@strawberry.input
class LeaveReturnInput:
    leave_request_id: strawberry.ID
    at: datetime | None = strawberry.field(default=None, description="back on the post at (default: now)")


@strawberry.type
class LeaveReturnSuccess:
    leave_request: LeaveRequestType


LeaveReturnResult = Annotated[Union[LeaveReturnSuccess, *ERROR_TYPES], strawberry.union("LeaveReturnResult")]


async def report_return_from_leave(info: Info, input: LeaveReturnInput) -> LeaveReturnResult:
    ctx = info.context

    async def body(session, call):
        request = await leave_service.get(session, leave_id=from_global_id(input.leave_request_id, "LeaveRequest")[1])
        call.acted(target_type="LeaveRequest", target_id=request.id)
        sides = await staff_service.get_with_sides(session, staff_id=request.staff_id, enabled=ctx.plugins.enabled_codes)
        domain = require_self_or(ctx, own=("leave", "request"), others=("leave", "register"),
                                 scope=hall_scope(ctx, sides.hall), staff_id=request.staff_id)
        before = {"status": request.status}
        await leave_service.report_return(session, request=request, at=local_moment(input.at) or clock.now())
        call.acted(domain=domain, before=before, after={"status": request.status,
                                                        "returned_at": request.returned_at.isoformat()})
        return LeaveReturnSuccess(leave_request=LeaveRequestType.from_model(request))

    return await run_mutation(info, "reportReturnFromLeave", body)
