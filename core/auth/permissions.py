"""Permission classes for GraphQL fields: they ask the authorization layer, never the enforcer.

Attach with :func:`guarded` so that a caller without the right sees the same
thing as for an object that does not exist (null, or an empty list) instead
of an error that would confirm the object is there.
"""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission, PermissionExtension
from strawberry.types import Info

from core.auth.access import can, hall_scope
from core.halls.dataloaders import HallByIdLoader


async def hall_of(info: Info, source: Any):
    """The hall an object belongs to (the object itself when it is a hall)."""
    row = getattr(source, "row", source)
    hall_id = getattr(row, "hall_id", None)
    if hall_id is None:
        return row  # a hall
    return await info.context.loaders[HallByIdLoader].load(hall_id)


class HallPermission(BasePermission):
    """Allowed when the caller may ``act`` on ``obj`` in the hall the source object belongs to."""

    message = "无权查看 / Not allowed"

    def __init__(self, obj: str, act: str = "read"):
        self.obj = obj
        self.act = act

    async def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        ctx = info.context
        if ctx.actor is None:
            return False
        hall = await hall_of(info, source)
        return hall is not None and can(ctx, self.obj, self.act, hall_scope(ctx, hall))


class SignedIn(BasePermission):
    message = "请先登录 / Please sign in first"

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.actor is not None


def guarded(*permissions: BasePermission) -> list[PermissionExtension]:
    """Field extensions: without the permission the field reads as absent (null or [])."""
    return [PermissionExtension(permissions=list(permissions), fail_silently=True)]
