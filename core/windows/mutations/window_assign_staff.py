"""assignStaffToWindow / removeStaffFromWindow: AB岗 posts (panyu Art 14); a new A makes the old A the B, a leaving A
hands the window to a B — each change a logged handover."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core import clock
from core.auth.access import hall_scope, require
from core.errors import DomainError
from core.graphql.enums import PostRoleEnum
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.halls.models import Hall
from core.staff import service as staff_service
from core.windows import service as window_service
from core.windows.models import HandoverReason, PostRole
from core.windows.types import WindowType


@strawberry.input
class WindowPostInput:
    window_id: strawberry.ID
    staff_id: strawberry.ID
    role: PostRoleEnum = PostRole.B


@strawberry.input
class WindowPostRemovalInput:
    window_id: strawberry.ID
    staff_id: strawberry.ID


@strawberry.type
class WindowPostSuccess:
    window: WindowType


WindowPostResult = Annotated[Union[WindowPostSuccess, *ERROR_TYPES], strawberry.union("WindowPostResult")]


async def _window_and_staff(session, ctx, input):
    window = await window_service.get_window(session, window_id=from_global_id(input.window_id, "Window")[1])
    hall = await session.get(Hall, window.hall_id)
    staff = await staff_service.get(session, staff_id=from_global_id(input.staff_id, "Staff")[1],
                                    enabled=ctx.plugins.enabled_codes)
    return window, hall, staff


async def assign_staff_to_window(info: Info, input: WindowPostInput) -> WindowPostResult:
    ctx = info.context

    async def body(session, call):
        window, hall, staff = await _window_and_staff(session, ctx, input)
        call.acted(target_type="Window", target_id=window.id)
        domain = require(ctx, "window", "manage", hall_scope(ctx, hall))
        changes = await window_service.assign(session, window=window, staff=staff, role=PostRole(input.role.value),
                                              at=clock.now())
        call.acted(domain=domain, after=changes)
        return WindowPostSuccess(window=WindowType.from_model(window))

    return await run_mutation(info, "assignStaffToWindow", body)


async def remove_staff_from_window(info: Info, input: WindowPostRemovalInput) -> WindowPostResult:
    ctx = info.context

    async def body(session, call):
        window, hall, staff = await _window_and_staff(session, ctx, input)
        call.acted(target_type="Window", target_id=window.id)
        domain = require(ctx, "window", "manage", hall_scope(ctx, hall))
        left = await window_service.vacate(session, staff=staff, reason=HandoverReason.REASSIGNED, at=clock.now(),
                                           window_ids=[window.id])
        if not left:
            raise DomainError("STAFF_NOT_ON_WINDOW")
        call.acted(domain=domain, after={"staff": str(staff.id), "left": left})
        return WindowPostSuccess(window=WindowType.from_model(window))

    return await run_mutation(info, "removeStaffFromWindow", body)
