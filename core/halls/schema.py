"""Hall queries."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from core.graphql.enums import HallLevelEnum
from core.graphql.compiler.spec import Filter, SqlRoot, sql_root
from core.graphql.helpers import loader
from core.graphql.relay import Connection, from_global_id, paginate
from core.halls import service as hall_service
from core.halls.dataloaders import HallByIdLoader
from core.halls.models import Hall
from core.halls.mutations.hall_create import CreateHallResult, create_hall
from core.halls.mutations.hall_update import UpdateHallResult, update_hall
from core.halls.types import HallType


async def visible_hall(info: Info, hall_id) -> Hall | None:
    """A hall the caller may see: it exists and its jurisdiction is enabled here."""
    hall = await loader(info, HallByIdLoader).load(hall_id)
    if hall is None or not info.context.plugins.is_enabled(hall.jurisdiction_code):
        return None
    return hall


def visible_jurisdictions(context, jurisdiction: str | None = None) -> list[str]:
    """The jurisdictions whose halls anyone may list: the enabled ones (optionally just one of them)."""
    enabled = sorted(context.plugins.enabled_codes)
    return [c for c in enabled if c == jurisdiction] if jurisdiction else enabled


def _like(text: str) -> str:
    """``contains(…, autoescape=True)``'s pattern: %, _ and / escaped with /."""
    return "%" + text.replace("/", "//").replace("%", "/%").replace("_", "/_") + "%"


# Compiled reads (core/graphql/compiler): the same visibility and filters as the resolvers below.
sql_root(SqlRoot(
    "halls", node="Hall", kind="connection", order_by=("name", "id"),
    visible=lambda context, args: visible_jurisdictions(context, args.get("jurisdiction")),
    filters=(
        Filter("{self}.level = :level", applies=lambda a: bool(a.get("level")), params=lambda a: {"level": a["level"]}),
        Filter("{self}.name LIKE :search ESCAPE '/'", applies=lambda a: bool(a.get("search")),
               params=lambda a: {"search": _like(a["search"])}),
    ),
))
sql_root(SqlRoot("hall", node="Hall", kind="by_id", visible=lambda context, args: visible_jurisdictions(context)))


@strawberry.type
class HallQuery:
    @strawberry.field(description="大厅列表: halls of the enabled jurisdictions, ordered by name (Relay connection)")
    async def halls(
        self,
        info: Info,
        jurisdiction: str | None = None,
        level: HallLevelEnum | None = None,
        search: Annotated[str | None, strawberry.argument(description="名称包含")] = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> Connection[HallType]:
        codes = visible_jurisdictions(info.context, jurisdiction)
        stmt = hall_service.list_statement(
            jurisdiction_codes=codes, level=level.value if level else None, search=search
        )
        async with info.context.db.session() as session:
            return await paginate(
                session, stmt, order_by=(Hall.name, Hall.id), first=first, after=after, to_node=HallType.from_model
            )

    @strawberry.field(description="一个大厅, by its ID (global ID or UUID)")
    async def hall(self, info: Info, id: strawberry.ID) -> HallType | None:
        _, hall_id = from_global_id(id, "Hall")
        hall = await visible_hall(info, hall_id)
        return HallType.from_model(hall) if hall else None


@strawberry.type
class HallMutation:
    create_hall: CreateHallResult = strawberry.mutation(
        resolver=create_hall, description="新建大厅: named and validated by the jurisdiction's naming rule (RULEBOOK §3)")
    update_hall: UpdateHallResult = strawberry.mutation(
        resolver=update_hall, description="修改大厅: renaming is validated by the naming rule; a rejection names the rule")
