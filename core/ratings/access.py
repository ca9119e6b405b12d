"""Who may see what of a rating: the hall's rating readers, and the rated staff member their own."""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission
from strawberry.types import Info

from core.auth.access import can, hall_scope, is_own_staff
from core.halls.dataloaders import HallByIdLoader


async def ratings_readable(info: Info, row) -> bool:
    """``rating read`` in the rating's hall, or the caller is the staff member it rates."""
    ctx = info.context
    if ctx.actor is None:
        return False
    if is_own_staff(ctx, row.staff_id):
        return True
    hall = await ctx.loaders[HallByIdLoader].load(row.hall_id)
    return hall is not None and can(ctx, "rating", "read", hall_scope(ctx, hall))


class RatingReader(BasePermission):
    """Appeals and appeal windows: the hall's rating readers and the rated staff member."""

    message = "无权查看 / Not allowed"

    async def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return await ratings_readable(info, source.row)
