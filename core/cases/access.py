"""Who may see a case and its applicant's personal data: the hall's roles, or the item's department."""

from __future__ import annotations

import uuid

from strawberry.types import Info

from core.auth.access import allowed_domain, can, department_scope, hall_scope, require
from core.departments.dataloaders import DepartmentByIdLoader
from core.halls.dataloaders import HallByIdLoader
from core.items.dataloaders import ServiceItemByIdLoader


async def _allowed(info: Info, case, obj: str, act: str) -> bool:
    ctx = info.context
    if ctx.actor is None:
        return False
    hall = await ctx.loaders[HallByIdLoader].load(case.hall_id)
    if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
        return False
    if can(ctx, obj, act, hall_scope(ctx, hall)):
        return True
    item = await ctx.loaders[ServiceItemByIdLoader].load(case.item_id)
    department = await ctx.loaders[DepartmentByIdLoader].load(item.department_id) if item else None
    return department is not None and can(ctx, obj, act, department_scope(ctx, department))


async def case_visible(info: Info, case) -> bool:
    """Cases are not public: the hall's staff and office, the item's department, integrators of the province."""
    return await _allowed(info, case, "case", "read")


async def personal_data_visible(info: Info, case) -> bool:
    """Applicants' ID and phone numbers: only roles that handle the case (others see them masked)."""
    return await _allowed(info, case, "personal_data", "read")


def case_visibility(ctx) -> "CaseVisibility":
    """Where the caller may read cases, from the domains of their grants (for lists: one SQL condition).

    A grant that allows ``case read`` in ``hall:<id>`` opens that hall; in
    ``jurisdiction:<code>`` its halls; in ``province:<code>`` the enabled
    jurisdictions of that province; in ``dept:<id>`` the cases of that
    department's items in every hall; on the platform, everything.
    """
    from core.cases.service import CaseVisibility

    if ctx.actor is None:
        return CaseVisibility()
    halls, codes, departments, everything = set(), set(), set(), False
    for domain in ctx.authorizer.domains_allowing(ctx.actor.user_id, "case", "read"):
        kind, _, value = domain.partition(":")
        if kind == "platform":
            everything = True
        elif kind == "hall":
            halls.add(uuid.UUID(value))
        elif kind == "dept":
            departments.add(uuid.UUID(value))
        elif kind == "jurisdiction":
            codes.add(value)
        elif kind == "province":
            codes.update(code for code, info in ctx.plugins.enabled.items() if info.province_code == value)
    return CaseVisibility(everything, frozenset(halls), frozenset(codes), frozenset(departments))


def require_case_write(ctx, hall, department) -> str:
    """受理/办理: window staff of the hall, or the item's department (its chief representative)."""
    domain = allowed_domain(ctx, "case", "write", hall_scope(ctx, hall))
    if domain is None and department is not None:
        domain = allowed_domain(ctx, "case", "write", department_scope(ctx, department))
    return domain or require(ctx, "case", "write", hall_scope(ctx, hall))
