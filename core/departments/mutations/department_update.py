"""updateDepartment: rename a department or change its credit code or parent body."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.audit.service import snapshot
from core.auth.access import jurisdiction_scope, require
from core.departments import service as department_service
from core.departments.mutations.common import AUDITED, load_department
from core.departments.types import DepartmentType
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation


@strawberry.input(description="Only the fields given change; an empty credit code or parent body clears it")
class UpdateDepartmentInput:
    department_id: strawberry.ID
    name: str | None = None
    short_name: str | None = None
    credit_code: str | None = None
    parent_body: str | None = None


@strawberry.type
class UpdateDepartmentSuccess:
    department: DepartmentType


UpdateDepartmentResult = Annotated[Union[UpdateDepartmentSuccess, *ERROR_TYPES], strawberry.union("UpdateDepartmentResult")]


async def update_department(info: Info, input: UpdateDepartmentInput) -> UpdateDepartmentResult:
    ctx = info.context

    async def body(session, call):
        department = await load_department(session, ctx, input.department_id)
        call.acted(target_type="Department", target_id=department.id)
        domain = require(ctx, "department", "manage", jurisdiction_scope(ctx, department.jurisdiction_code))
        before = snapshot(department, AUDITED)
        await department_service.update(session, department=department, name=input.name, short_name=input.short_name,
                                        credit_code=input.credit_code, parent_body=input.parent_body)
        call.acted(domain=domain, before=before, after=snapshot(department, AUDITED))
        return UpdateDepartmentSuccess(department=DepartmentType.from_model(department))

    return await run_mutation(info, "updateDepartment", body)
