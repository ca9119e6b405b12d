"""Who may read and act on a staff member's records: their hall's office, their department, themselves.

Reads ask either side (双重管理: both manage the staff member); which side
*decides* a change is asked by each mutation through ``core.auth.access``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import strawberry
from strawberry.types import Info

from core.auth.access import (
    PermissionDeniedError,
    allowed_domain,
    can,
    department_scope,
    hall_scope,
    is_own_staff,
    require,
)
from core.auth.models import User
from core.auth.roles import Side
from core.departments.dataloaders import DepartmentByIdLoader
from core.departments.models import Department
from core.errors import DomainError, NotFoundError
from core.graphql.helpers import loader
from core.graphql.relay import from_global_id
from core.halls.dataloaders import HallByIdLoader
from core.halls.models import Hall
from core.leave.approvers import deciders_for
from core.timezones import SHANGHAI


async def may_read(info: Info, obj: str, *, hall_id: uuid.UUID, department_id: uuid.UUID | None = None,
                   staff_id: uuid.UUID | None = None) -> bool:
    """The staff member themselves, or ``obj read`` in the hall or in the department."""
    ctx = info.context
    if ctx.actor is None:
        return False
    hall = await loader(info, HallByIdLoader).load(hall_id)
    if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
        return False
    if staff_id is not None and is_own_staff(ctx, staff_id):
        return True
    if can(ctx, obj, "read", hall_scope(ctx, hall)):
        return True
    if department_id is None:
        return False
    department = await loader(info, DepartmentByIdLoader).load(department_id)
    return department is not None and can(ctx, obj, "read", department_scope(ctx, department))


@dataclass(frozen=True)
class ListScope:
    """What a list may show: rows of these halls and/or these departments (None: not restricted by it)."""

    hall_ids: list[uuid.UUID] | None
    department_ids: list[uuid.UUID] | None


async def list_scope(info: Info, obj: str, *, hall_id: strawberry.ID | None,
                     department_id: strawberry.ID | None) -> ListScope:
    """A hall's rows (``obj read`` in the hall) or a department's (``obj read`` in the department), or both."""
    ctx = info.context
    if hall_id is None and department_id is None:
        raise DomainError("VALIDATION_FAILED", {"field": "hallId", "reason": "须指定大厅或部门",
                                                "reason_en": "give a hallId or a departmentId"}, "hallId")
    hall_ids = department_ids = None
    if hall_id is not None:
        hall = await loader(info, HallByIdLoader).load(from_global_id(hall_id, "Hall")[1])
        if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("大厅", "Hall")
        require(ctx, obj, "read", hall_scope(ctx, hall))
        hall_ids = [hall.id]
    if department_id is not None:
        department = await loader(info, DepartmentByIdLoader).load(from_global_id(department_id, "Department")[1])
        if department is None or not ctx.plugins.is_enabled(department.jurisdiction_code):
            raise NotFoundError("部门", "Department")
        require(ctx, obj, "read", department_scope(ctx, department))
        department_ids = [department.id]
    return ListScope(hall_ids, department_ids)


async def visible_hall_for(info: Info, obj: str, hall_id: strawberry.ID):
    """A hall whose ``obj`` records the caller may read (raises NotFound / PermissionDenied)."""
    ctx = info.context
    hall = await loader(info, HallByIdLoader).load(from_global_id(hall_id, "Hall")[1])
    if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
        raise NotFoundError("大厅", "Hall")
    require(ctx, obj, "read", hall_scope(ctx, hall))
    return hall


async def actor_name(session, ctx) -> str:
    """The caller's display name, for records that name who decided (审批人)."""
    user = await session.get(User, ctx.actor.user_id) if ctx.actor else None
    return user.display_name if user else (ctx.actor.username if ctx.actor else "")


def local_moment(value):
    """A datetime from the API: naive means China Standard Time; returned aware."""
    if value is None:
        return None
    return value.replace(tzinfo=SHANGHAI) if value.tzinfo is None else value


def require_decider(ctx, *, obj: str, act: str, role: str, side: str, sides) -> str:
    """The caller holds one of the Tingwu roles that a chain step (or slip signer) ``role`` on ``side`` maps to
    (``core/leave/approvers.py``), in the staff member's department or hall; the domain they act for."""
    deciders = deciders_for(role, side)
    deciding_side = Side(side)
    scope = department_scope(ctx, sides.department) if deciding_side == Side.DEPARTMENT else hall_scope(ctx, sides.hall)
    if ctx.actor is None:
        raise DomainError("UNAUTHENTICATED")
    domain = allowed_domain(ctx, obj, act, scope)
    held = set(ctx.authorizer.roles_in(ctx.actor.user_id, domain)) if domain else set()
    if deciders is None or not held & {r.value for r in deciders.roles}:
        raise PermissionDeniedError(obj, act, deciding_side, domain or scope.domains[0])
    return domain


async def hall_in_session(session, ctx, hall_id: strawberry.ID):
    """A hall of an enabled jurisdiction, read in the mutation's transaction; NotFound otherwise."""
    hall = await session.get(Hall, from_global_id(hall_id, "Hall")[1])
    if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
        raise NotFoundError("大厅", "Hall")
    return hall


async def department_in_session(session, ctx, department_id: strawberry.ID):
    department = await session.get(Department, from_global_id(department_id, "Department")[1])
    if department is None or not ctx.plugins.is_enabled(department.jurisdiction_code):
        raise NotFoundError("部门", "Department")
    return department


def require_either(ctx, obj: str, act: str, sides) -> str:
    """Either side may do this (e.g. record training: dongguan 6.3.3c, the hall with the department)."""
    domain = allowed_domain(ctx, obj, act, hall_scope(ctx, sides.hall))
    return domain or require(ctx, obj, act, department_scope(ctx, sides.department))
