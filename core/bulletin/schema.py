"""The bulletin query (the CSV and XLSX exports are HTTP routes: core/bulletin/export.py)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from core.bulletin.mutations.bulletin_entry_record import BulletinEntryResult, record_bulletin_entry
from core.bulletin.models import BulletinScope
from core.bulletin.reports import load_bulletin
from core.bulletin.types import BulletinScopeEnum, ServiceBulletinType
from core.graphql.relay import from_global_id


@strawberry.type
class BulletinQuery:
    @strawberry.field(description="服务质量通报 of a hall for a period, one row per hall, window, department or staff "
                                  "member (also as CSV and XLSX: GET /exports/bulletin.csv|.xlsx with the same arguments)")
    async def service_bulletin(
        self,
        info: Info,
        hall_id: strawberry.ID,
        from_: Annotated[date, strawberry.argument(name="from", description="first local day (included)")],
        to: Annotated[date, strawberry.argument(description="last local day (included)")],
        group_by: BulletinScopeEnum = BulletinScope.HALL,
        department_id: Annotated[strawberry.ID | None, strawberry.argument(
            description="only this department's windows, staff or itself")] = None,
    ) -> ServiceBulletinType:
        bulletin = await load_bulletin(
            info.context, hall_id=from_global_id(hall_id, "Hall")[1], first=from_, last=to, scope=BulletinScope(group_by.value),
            department_id=from_global_id(department_id, "Department")[1] if department_id else None,
        )
        return ServiceBulletinType.from_bulletin(bulletin)


@strawberry.type
class BulletinMutation:
    record_bulletin_entry: BulletinEntryResult = strawberry.mutation(
        resolver=record_bulletin_entry,
        description="通报登记: a 领导现场办公 or 信息宣传 for the monthly bulletin (R8, dongying Art 8(三)1(2))")
