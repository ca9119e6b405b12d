"""closeDepartment: 撤销 a department; refused while it is stationed in a hall or owns an offered item."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.audit.service import snapshot
from core.auth.access import jurisdiction_scope, require
from core.departments import service as department_service
from core.departments.mutations.common import AUDITED, load_department
from core.departments.types import DepartmentType
from core.graphql.errors import ERROR_TYPES, InUseError
from core.graphql.mutations import run_mutation
from core.timezones import local_today


@strawberry.input
class CloseDepartmentInput:
    department_id: strawberry.ID


@strawberry.type
class CloseDepartmentSuccess:
    department: DepartmentType


CloseDepartmentResult = Annotated[Union[CloseDepartmentSuccess, InUseError, *ERROR_TYPES], strawberry.union("CloseDepartmentResult")]


async def close_department(info: Info, input: CloseDepartmentInput) -> CloseDepartmentResult:
    ctx = info.context

    async def body(session, call):
        department = await load_department(session, ctx, input.department_id)
        call.acted(target_type="Department", target_id=department.id)
        domain = require(ctx, "department", "manage", jurisdiction_scope(ctx, department.jurisdiction_code))
        before = snapshot(department, AUDITED)
        await department_service.close(session, department=department, on=local_today())
        call.acted(domain=domain, before=before, after=snapshot(department, AUDITED))
        return CloseDepartmentSuccess(department=DepartmentType.from_model(department))

    return await run_mutation(info, "closeDepartment", body)
