"""Who may see a case and its applicant's personal data: the hall's roles, or the item's department."""

from __future__ import annotations

from strawberry.types import Info

from core.auth.access import can, department_scope, hall_scope
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
