"""Department mutations: the jurisdiction keeps its departments; the hall stations them (进驻)."""

from __future__ import annotations

import strawberry

from core.departments.mutations.department_close import CloseDepartmentResult, close_department
from core.departments.mutations.department_create import CreateDepartmentResult, create_department
from core.departments.mutations.department_station import (
    StationDepartmentResult,
    UnstationDepartmentResult,
    station_department,
    unstation_department,
)
from core.departments.mutations.department_update import UpdateDepartmentResult, update_department


@strawberry.type
class DepartmentMutation:
    create_department: CreateDepartmentResult = strawberry.mutation(
        resolver=create_department, description="新建部门: a department of a jurisdiction (jurisdiction admins)")
    update_department: UpdateDepartmentResult = strawberry.mutation(
        resolver=update_department, description="修改部门: name, 统一社会信用代码, 主管单位")
    close_department: CloseDepartmentResult = strawberry.mutation(
        resolver=close_department, description="撤销部门: refused while it is stationed in a hall or owns an offered item")
    station_department: StationDepartmentResult = strawberry.mutation(
        resolver=station_department, description="进驻: put a department into a hall, naming its chief representative (hall side)")
    unstation_department: UnstationDepartmentResult = strawberry.mutation(
        resolver=unstation_department, description="撤出: take a department out of a hall; refused while its staff, windows or items are there")
