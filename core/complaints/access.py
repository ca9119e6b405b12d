"""Who may see a complaint and who its complainant is.

Complaints are read by the hall side (``complaint read``). The complainant's name and contact
are shown to ``complainant_identity read`` (the hall office leader, supervisors) and, unless the
complainant asked for confidentiality (保密, dongguan 5.2.8.2c), to those who handle complaints;
never to the staff member complained about, nor to staff on the window complained about.
"""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission
from strawberry.types import Info

from core.auth.access import can, hall_scope, is_own_staff
from core.complaints.models import ComplaintTarget
from core.halls.dataloaders import HallByIdLoader
from core.windows.dataloaders import AssignmentsByStaffIdLoader


async def _hall(info: Info, row):
    return await info.context.loaders[HallByIdLoader].load(row.hall_id)


async def complaint_readable(info: Info, row) -> bool:
    ctx = info.context
    if ctx.actor is None:
        return False
    hall = await _hall(info, row)
    return hall is not None and ctx.plugins.is_enabled(hall.jurisdiction_code) and can(
        ctx, "complaint", "read", hall_scope(ctx, hall))


async def is_complained_about(info: Info, row) -> bool:
    """The caller is the staff member complained about, or works on the window complained about."""
    ctx = info.context
    if ctx.actor is None or ctx.actor.staff_id is None:
        return False
    if row.target_kind == ComplaintTarget.STAFF:
        return is_own_staff(ctx, row.target_id)
    if row.target_kind == ComplaintTarget.WINDOW:
        posts = await ctx.loaders[AssignmentsByStaffIdLoader].load(ctx.actor.staff_id)
        return any(post.window_id == row.target_id for post in posts)
    return False


async def identity_visible(info: Info, row) -> bool:
    ctx = info.context
    if ctx.actor is None or await is_complained_about(info, row):
        return False
    scope = hall_scope(ctx, await _hall(info, row))
    if can(ctx, "complainant_identity", "read", scope):
        return True
    return not row.confidential and can(ctx, "complaint", "handle", scope)


class ComplaintReader(BasePermission):
    message = "无权查看 / Not allowed"

    async def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return await complaint_readable(info, source.row)
