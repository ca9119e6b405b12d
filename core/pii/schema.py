"""Personal-data read log query: the hall office and supervisors (督查) of a hall, the jurisdiction's administration."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from core.auth.access import hall_scope, require
from core.auth.authorizer import Scope
from core.errors import NotFoundError
from core.graphql.relay import Connection, from_global_id, paginate
from core.halls.schema import visible_hall
from core.pii import access as access_service
from core.pii.models import PersonalDataAccess
from core.pii.mutations.personal_data_erase import ErasePersonalDataResult, erase_personal_data
from core.pii.types import PersonalDataAccessType


@strawberry.type
class PrivacyQuery:
    @strawberry.field(description="个人信息查阅记录, newest first: who saw which citizen's or complainant's data "
                                  "unmasked, in a hall (hall office, 督查) or everywhere (platform admin)")
    async def personal_data_access_log(
        self,
        info: Info,
        hall_id: strawberry.ID | None = None,
        record_id: str | None = None,
        field: str | None = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> Connection[PersonalDataAccessType]:
        ctx = info.context
        if hall_id:
            hall = await visible_hall(info, from_global_id(hall_id, "Hall")[1])
            if hall is None:
                raise NotFoundError("大厅", "Hall")
            require(ctx, "personal_data_access", "read", hall_scope(ctx, hall))
            domains = [f"hall:{hall.id}"]
        else:
            require(ctx, "personal_data_access", "read", Scope.platform())
            domains = None
        stmt = access_service.list_statement(domains=domains, record_id=record_id, field=field)
        async with ctx.db.session() as session:
            return await paginate(session, stmt, order_by=(PersonalDataAccess.at, PersonalDataAccess.id),
                                  descending=True, first=first, after=after,
                                  to_node=PersonalDataAccessType.from_model)


@strawberry.type
class PrivacyMutation:
    erase_personal_data: ErasePersonalDataResult = strawberry.mutation(
        resolver=erase_personal_data,
        description="删除请求: erase a citizen's personal data where the law allows; what is kept says why")
