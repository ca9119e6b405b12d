"""recordBulletinEntry: the hall records a 领导现场办公 or a 信息宣传 for the monthly bulletin (R8: dongying Art 8(三)1(2))."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.auth.access import hall_scope, require
from core.bulletin.models import BulletinEntry, BulletinEntryKind
from core.departments.models import HallDepartment
from core.errors import NotFoundError
from core.graphql.enums import _describe
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id, to_global_id
from core.halls.models import Hall
from core.staff.models import Staff
from core.validation import text

BulletinEntryKindEnum = _describe(BulletinEntryKind, "通报登记类别")


@strawberry.type(name="BulletinEntry", description="领导现场办公 / 信息宣传, counted in the monthly bulletin (R8)")
class BulletinEntryType:
    id: strawberry.ID
    kind: BulletinEntryKindEnum
    kind_label: str
    occurred_on: date
    title: str


@strawberry.input(description="A 领导现场办公 or a 信息宣传 of a department (and the staff member who did it, if one did)")
class BulletinEntryInput:
    hall_id: strawberry.ID
    kind: BulletinEntryKindEnum
    department_id: strawberry.ID
    occurred_on: date
    title: str = strawberry.field(description="e.g. 区市场监管局分管领导到大厅现场办公")
    staff_id: strawberry.ID | None = None


@strawberry.type
class BulletinEntrySuccess:
    entry: BulletinEntryType


BulletinEntryResult = Annotated[Union[BulletinEntrySuccess, *ERROR_TYPES], strawberry.union("BulletinEntryResult")]


async def record_bulletin_entry(info: Info, input: BulletinEntryInput) -> BulletinEntryResult:
    ctx = info.context

    async def body(session, call):
        hall = await session.get(Hall, from_global_id(input.hall_id, "Hall")[1])
        if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("大厅", "Hall")
        domain = require(ctx, "bulletin_entry", "record", hall_scope(ctx, hall))
        department_id = from_global_id(input.department_id, "Department")[1]
        stationed = (await session.execute(HallDepartment.__table__.select().where(
            HallDepartment.hall_id == hall.id, HallDepartment.department_id == department_id))).first()
        if stationed is None:
            raise NotFoundError("进驻部门", "Department")
        staff_id = None
        if input.staff_id is not None:
            staff = await session.get(Staff, from_global_id(input.staff_id, "Staff")[1])
            if staff is None or staff.hall_id != hall.id:
                raise NotFoundError("工作人员", "Staff member")
            staff_id = staff.id
        entry = BulletinEntry(hall_id=hall.id, kind=BulletinEntryKind(input.kind.value).value,
                              department_id=department_id, staff_id=staff_id, occurred_on=input.occurred_on,
                              title=text(input.title, field="title", label="事项", max_length=200, required=True),
                              recorded_by_user_id=ctx.actor.user_id)
        session.add(entry)
        await session.flush()
        call.acted(domain=domain, target_type="BulletinEntry", target_id=entry.id,
                   after={"kind": entry.kind, "occurred_on": entry.occurred_on.isoformat(), "title": entry.title})
        kind = BulletinEntryKind(entry.kind)
        return BulletinEntrySuccess(entry=BulletinEntryType(id=to_global_id("BulletinEntry", entry.id), kind=kind,
                                                            kind_label=kind.label, occurred_on=entry.occurred_on,
                                                            title=entry.title))

    return await run_mutation(info, "recordBulletinEntry", body)
