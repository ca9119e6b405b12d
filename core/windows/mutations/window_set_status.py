"""setWindowStatus: serving / 请您稍候 / 暂停服务 (panyu Art 13)."""

from __future__ import annotations

from typing import Annotated, Union

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from core.auth.access import PermissionDeniedError, hall_scope, require
from core.auth.roles import Role, Side
from core.errors import NotFoundError
from core.graphql.enums import WindowStatusEnum
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.halls.models import Hall
from core.windows import service as window_service
from core.windows.models import Window, WindowAssignment
from core.windows.types import WindowType
from core.queue.events import publish_window_status


@strawberry.input
class WindowStatusInput:
    window_id: strawberry.ID
    status: WindowStatusEnum


@strawberry.type
class WindowStatusSuccess:
    window: WindowType


WindowStatusResult = Annotated[Union[WindowStatusSuccess, *ERROR_TYPES], strawberry.union("WindowStatusResult")]


async def set_window_status(info: Info, input: WindowStatusInput) -> WindowStatusResult:
    ctx = info.context

    async def body(session, call):
        window = await session.get(Window, from_global_id(input.window_id, "Window")[1])
        hall = await session.get(Hall, window.hall_id) if window else None
        if window is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("窗口", "Window")
        call.acted(target_type="Window", target_id=window.id)
        domain = require(ctx, "window_status", "write", hall_scope(ctx, hall))
        # Window staff set only the windows they work on; hall admins set any window of their hall.
        roles = ctx.authorizer.roles_in(ctx.actor.user_id, domain)
        if roles == [Role.WINDOW_STAFF.value]:
            assigned = await session.execute(sa.select(WindowAssignment.id).where(
                WindowAssignment.window_id == window.id, WindowAssignment.staff_id == ctx.actor.staff_id))
            if ctx.actor.staff_id is None or assigned.first() is None:
                raise PermissionDeniedError("window_status", "write", Side.HALL, domain)
        before = {"status": window.status}
        await window_service.set_status(session, window=window, status=input.status.value, at=ctx.runtime.now())
        call.acted(domain=domain, before=before, after={"status": window.status})
        await publish_window_status(call, session, window, window.status_changed_at)
        return WindowStatusSuccess(window=WindowType.from_model(window))

    return await run_mutation(info, "setWindowStatus", body)
