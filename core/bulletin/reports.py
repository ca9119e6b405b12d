"""What the bulletin query and its CSV/XLSX exports share: find the hall, authorize, count.

The hall side (``bulletin read`` in the hall, its jurisdiction or province) reads any bulletin of
the hall; a department (``bulletin read`` in ``dept:<id>``) reads its own rows — the bulletin by
window, staff or department limited to that department.
"""

from __future__ import annotations

import uuid
from datetime import date

from core.auth.access import allowed_domain, department_scope, hall_scope, require
from core.bulletin import service as bulletin_service
from core.bulletin.models import BulletinScope
from core.departments.models import Department
from core.errors import DomainError, NotFoundError
from core.halls.models import Hall
from core.periods import period_bounds
from core.policy.access import policy_for
from core.timezones import local_today


async def load_bulletin(ctx, *, hall_id: uuid.UUID, first: date, last: date, scope: BulletinScope,
                        department_id: uuid.UUID | None = None) -> bulletin_service.Bulletin:
    """The bulletin, when the caller may read it; NOT_FOUND, PERMISSION_DENIED or PERIOD_INVALID otherwise."""
    period_bounds(first, last)  # checks the period
    async with ctx.db.session() as session:
        hall = await session.get(Hall, hall_id)
        if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("大厅", "Hall")
        department = await session.get(Department, department_id) if department_id else None
        if department_id and (department is None or department.jurisdiction_code != hall.jurisdiction_code):
            raise NotFoundError("部门", "Department")
        if department is not None and scope is BulletinScope.HALL:
            raise DomainError("VALIDATION_FAILED", {"field": "groupBy", "field_label": "通报对象",
                                                    "reason": "按部门筛选时应按窗口、部门或工作人员分列",
                                                    "reason_en": "with a department, group by window, department or staff"},
                              field_name="groupBy")
        if allowed_domain(ctx, "bulletin", "read", hall_scope(ctx, hall)) is None:
            if department is None:
                require(ctx, "bulletin", "read", hall_scope(ctx, hall))
            require(ctx, "bulletin", "read", department_scope(ctx, department))
        policy = await policy_for(ctx, hall.jurisdiction_code)
        return await bulletin_service.compute(session, policy=policy, hall=hall, scope=scope, first=first, last=last,
                                              today=local_today(), department_id=department_id)
