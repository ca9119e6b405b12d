"""What the department mutations share: loading a department or hall the caller may see."""

from __future__ import annotations

from core.departments import service as department_service
from core.departments.models import Department
from core.errors import NotFoundError
from core.graphql.relay import from_global_id
from core.halls.models import Hall

AUDITED = ("name", "short_name", "credit_code", "parent_body", "closed_on")


async def load_department(session, ctx, department_id) -> Department:
    return await department_service.get(session, department_id=from_global_id(department_id, "Department")[1],
                                        enabled=frozenset(ctx.plugins.enabled_codes))


async def load_hall(session, ctx, hall_id) -> Hall:
    hall = await session.get(Hall, from_global_id(hall_id, "Hall")[1])
    if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
        raise NotFoundError("大厅", "Hall")
    return hall
