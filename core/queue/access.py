"""Who may operate a window's queue: its own window staff, and the hall's admins (like setWindowStatus)."""

from __future__ import annotations

import sqlalchemy as sa

from core.auth.access import PermissionDeniedError, hall_scope, require
from core.auth.roles import Role, Side
from core.windows.models import WindowAssignment


async def require_window_operator(ctx, session, window, hall) -> str:
    """The domain the caller calls for; window staff only on windows they are assigned to."""
    domain = require(ctx, "queue", "call", hall_scope(ctx, hall))
    roles = ctx.authorizer.roles_in(ctx.actor.user_id, domain)
    if roles == [Role.WINDOW_STAFF.value]:
        assigned = None
        if ctx.actor.staff_id is not None:
            assigned = (await session.execute(sa.select(WindowAssignment.id).where(
                WindowAssignment.window_id == window.id, WindowAssignment.staff_id == ctx.actor.staff_id))).first()
        if assigned is None:
            raise PermissionDeniedError("queue", "call", Side.HALL, domain)
    return domain
