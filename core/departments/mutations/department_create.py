"""createDepartment: a new department (派出单位) of a jurisdiction."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.audit.service import snapshot
from core.auth.access import jurisdiction_scope, require
from core.departments import service as department_service
from core.departments.mutations.common import AUDITED
from core.departments.types import DepartmentType
from core.errors import DomainError
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation


@strawberry.input(description="A new department; the name is unique in its jurisdiction")
class CreateDepartmentInput:
    jurisdiction: str
    name: str = strawberry.field(description="部门全称, e.g. 揭阳市揭东区市场监督管理局")
    short_name: str | None = strawberry.field(default=None, description="简称 (default: the name)")
    credit_code: str | None = strawberry.field(default=None, description="统一社会信用代码 (18 characters, check digit verified)")
    parent_body: str | None = strawberry.field(default=None, description="主管单位, e.g. 揭阳市揭东区人民政府")


@strawberry.type
class CreateDepartmentSuccess:
    department: DepartmentType


CreateDepartmentResult = Annotated[Union[CreateDepartmentSuccess, *ERROR_TYPES], strawberry.union("CreateDepartmentResult")]


async def create_department(info: Info, input: CreateDepartmentInput) -> CreateDepartmentResult:
    ctx = info.context

    async def body(session, call):
        if not ctx.plugins.is_enabled(input.jurisdiction):
            raise DomainError("JURISDICTION_NOT_ENABLED", {"code": input.jurisdiction}, "jurisdiction")
        domain = require(ctx, "department", "manage", jurisdiction_scope(ctx, input.jurisdiction))
        department = await department_service.create(
            session, jurisdiction=input.jurisdiction, name=input.name, short_name=input.short_name,
            credit_code=input.credit_code, parent_body=input.parent_body)
        call.acted(domain=domain, target_type="Department", target_id=department.id, after=snapshot(department, AUDITED))
        return CreateDepartmentSuccess(department=DepartmentType.from_model(department))

    return await run_mutation(info, "createDepartment", body)
