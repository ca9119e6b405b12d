"""stationDepartment / unstationDepartment: 进驻 — put a department into a hall (naming its chief representative), take it out."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.auth.access import hall_scope, require
from core.departments import service as department_service
from core.departments.mutations.common import load_department, load_hall
from core.departments.types import StationedDepartmentType
from core.graphql.errors import ERROR_TYPES, InUseError
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.timezones import local_today


@strawberry.input(description="进驻: the department and the hall; again with a chief representative to change who it is")
class StationDepartmentInput:
    hall_id: strawberry.ID
    department_id: strawberry.ID
    chief_representative_id: strawberry.ID | None = strawberry.field(
        default=None, description="首席代表: a staff member the department dispatched to this hall")


@strawberry.type
class StationDepartmentSuccess:
    stationed: StationedDepartmentType


StationDepartmentResult = Annotated[Union[StationDepartmentSuccess, *ERROR_TYPES], strawberry.union("StationDepartmentResult")]


@strawberry.input
class UnstationDepartmentInput:
    hall_id: strawberry.ID
    department_id: strawberry.ID


@strawberry.type
class UnstationDepartmentSuccess:
    hall_id: strawberry.ID
    department_id: strawberry.ID


UnstationDepartmentResult = Annotated[Union[UnstationDepartmentSuccess, InUseError, *ERROR_TYPES],
                                      strawberry.union("UnstationDepartmentResult")]


async def station_department(info: Info, input: StationDepartmentInput) -> StationDepartmentResult:
    ctx = info.context

    async def body(session, call):
        hall = await load_hall(session, ctx, input.hall_id)
        department = await load_department(session, ctx, input.department_id)
        call.acted(target_type="Hall", target_id=hall.id)
        domain = require(ctx, "hall_department", "manage", hall_scope(ctx, hall))
        chief = from_global_id(input.chief_representative_id, "Staff")[1] if input.chief_representative_id else None
        row = await department_service.station(session, hall=hall, department=department, on=local_today(),
                                               chief_representative_id=chief)
        call.acted(domain=domain, after={"department_id": str(department.id), "chief_representative_id": str(chief) if chief else None})
        return StationDepartmentSuccess(stationed=StationedDepartmentType.from_model(row))

    return await run_mutation(info, "stationDepartment", body)


async def unstation_department(info: Info, input: UnstationDepartmentInput) -> UnstationDepartmentResult:
    ctx = info.context

    async def body(session, call):
        hall = await load_hall(session, ctx, input.hall_id)
        department = await load_department(session, ctx, input.department_id)
        call.acted(target_type="Hall", target_id=hall.id)
        domain = require(ctx, "hall_department", "manage", hall_scope(ctx, hall))
        await department_service.unstation(session, hall=hall, department=department)
        call.acted(domain=domain, before={"department_id": str(department.id)})
        return UnstationDepartmentSuccess(hall_id=input.hall_id, department_id=input.department_id)

    return await run_mutation(info, "unstationDepartment", body)
