"""updateStaffEmployment: 职级/岗位 of a staff member — decided by the dispatching department (dongguan 6.3.4a)."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.audit.service import snapshot
from core.auth.access import department_scope, require
from core.departments.models import Department
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.staff import service as staff_service
from core.staff.types import StaffType

FIELDS = ("rank", "position")


@strawberry.input(description="编制、职级、待遇 of a staff member: the department's decision")
class StaffEmploymentInput:
    staff_id: strawberry.ID
    rank: str | None = strawberry.field(default=None, description="职级, e.g. 四级主任科员")
    position: str | None = strawberry.field(default=None, description="岗位")


@strawberry.type
class StaffEmploymentSuccess:
    staff: StaffType


StaffEmploymentResult = Annotated[Union[StaffEmploymentSuccess, *ERROR_TYPES], strawberry.union("StaffEmploymentResult")]


async def update_staff_employment(info: Info, input: StaffEmploymentInput) -> StaffEmploymentResult:
    ctx = info.context

    async def body(session, call):
        staff = await staff_service.get(session, staff_id=from_global_id(input.staff_id, "Staff")[1],
                                        enabled=ctx.plugins.enabled_codes)
        call.acted(target_type="Staff", target_id=staff.id)
        department = await session.get(Department, staff.department_id)
        domain = require(ctx, "staff_employment", "write", department_scope(ctx, department))
        before = snapshot(staff, FIELDS)
        await staff_service.update_employment(session, staff=staff, rank=input.rank, position=input.position)
        call.acted(domain=domain, before=before, after=snapshot(staff, FIELDS))
        return StaffEmploymentSuccess(staff=StaffType.from_model(staff))

    return await run_mutation(info, "updateStaffEmployment", body)
