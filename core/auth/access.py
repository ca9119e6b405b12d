"""What resolvers and mutations ask: the caller's rights on an object, through the authorizer.

Scopes are derived from the object (a hall's id, jurisdiction and province; a
department's id); answers are memoised for the request, so asking again for
every row of a page costs nothing.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from core.auth.authorizer import Scope
from core.auth.roles import Side
from core.errors import DomainError

if TYPE_CHECKING:
    from core.graphql.context import Context


class PermissionDeniedError(DomainError):
    """The caller may not do this; ``side`` is who would have to decide."""

    def __init__(self, obj: str, act: str, side: Side, domain: str | None = None):
        labels = {Side.HALL: "大厅管理方", Side.DEPARTMENT: "派出部门", Side.PROVINCE: "省级", Side.PLATFORM: "平台管理员"}
        super().__init__("PERMISSION_DENIED", {"side": side.value, "side_label": labels[side], "obj": obj, "act": act})
        self.side = side
        self.obj = obj
        self.act = act
        self.domain = domain


def hall_scope(ctx: "Context", hall) -> Scope:
    info = ctx.plugins.info(hall.jurisdiction_code)
    return Scope.hall(hall.id, hall.jurisdiction_code, info.province_code if info else None)


def department_scope(ctx: "Context", department) -> Scope:
    info = ctx.plugins.info(department.jurisdiction_code)
    return Scope.department(department.id, department.jurisdiction_code, info.province_code if info else None)


def jurisdiction_scope(ctx: "Context", code: str) -> Scope:
    info = ctx.plugins.info(code)
    return Scope.jurisdiction(code, info.province_code if info else None)


def allowed_domain(ctx: "Context", obj: str, act: str, scope: Scope) -> str | None:
    """The domain granting ``act`` on ``obj`` to the caller, memoised per request."""
    if ctx.actor is None:
        return None
    key = (obj, act, scope)
    memo = ctx.permission_memo
    if key not in memo:
        memo[key] = ctx.authorizer.allowed_domain(ctx.actor.user_id, obj, act, scope)
    return memo[key]


def can(ctx: "Context", obj: str, act: str, scope: Scope) -> bool:
    return allowed_domain(ctx, obj, act, scope) is not None


def require(ctx: "Context", obj: str, act: str, scope: Scope) -> str:
    """The domain the caller acts for; raises :class:`PermissionDeniedError` naming the deciding side."""
    domain = allowed_domain(ctx, obj, act, scope)
    if domain is None:
        if ctx.actor is None:
            raise DomainError("UNAUTHENTICATED")
        raise PermissionDeniedError(obj, act, ctx.authorizer.deciding_side(obj, act, scope), scope.domains[0])
    return domain


def require_both(ctx: "Context", hall_need: tuple[str, str, Scope], department_need: tuple[str, str, Scope]) -> tuple[str, str]:
    """An operation that needs both sides asks both (two checks, never one clever matcher)."""
    return require(ctx, *hall_need), require(ctx, *department_need)


def is_own_staff(ctx: "Context", staff_id: uuid.UUID | None) -> bool:
    return ctx.actor is not None and staff_id is not None and ctx.actor.staff_id == staff_id


def require_self_or(ctx: "Context", *, own: tuple[str, str], others: tuple[str, str], scope: Scope,
                    staff_id: uuid.UUID) -> str:
    """Acting on oneself needs ``own`` (e.g. a window staff member's own check-in); acting on another
    staff member needs ``others`` (e.g. the hall office's attendance write)."""
    if is_own_staff(ctx, staff_id):
        domain = allowed_domain(ctx, *own, scope)
        if domain is not None:
            return domain
    return require(ctx, *others, scope)
