"""GraphQL types for halls."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry.federation
from strawberry.types import Info

from core.federation import references
from core.graphql.enums import HallKindEnum, HallLevelEnum
from core.jurisdictions.policy_types import ServiceHoursType
from core.policy.access import policy_for
from core.graphql.compiler.spec import Code, Column, GlobalId, Related, Through, sql_type
from core.graphql.helpers import loader
from core.graphql.relay import Node, to_global_id
from core.departments.dataloaders import HallDepartmentsByHallIdLoader
from core.halls.dataloaders import HallByIdLoader, SubHallsByParentIdLoader
from core.items.dataloaders import ActiveServiceItemsByHallIdLoader
from core.staff.dataloaders import StaffByHallIdLoader
from core.windows.dataloaders import WindowsByHallIdLoader
from core.halls.models import Hall, HallKind, HallLevel
from core.timezones import to_local

if TYPE_CHECKING:
    from core.departments.types import StationedDepartmentType
    from core.items.types import ServiceItemType
    from core.jurisdictions.types import JurisdictionType
    from core.staff.types import StaffType
    from core.windows.types import WindowType


@strawberry.federation.type(name="Hall", keys=["id"], description="政务服务中心/大厅: a government service hall, sub-hall (专业大厅) or station")
class HallType(Node):
    id: strawberry.ID
    name: str = strawberry.field(description="标准中文名称")
    name_en_full: str | None = strawberry.field(description="English full name")
    name_en_short: str | None = strawberry.field(description="English short name")
    level: HallLevelEnum
    level_label: str = strawberry.field(description="层级中文名, e.g. 镇")
    kind: HallKindEnum
    place: str = strawberry.field(description="地名, e.g. 厚街")
    address: str | None
    phone: str | None
    jurisdiction_code: str
    created_at: datetime.datetime
    row: strawberry.Private[Hall]

    @classmethod
    def from_model(cls, row: Hall) -> "HallType":
        level = HallLevel(row.level)
        return cls(
            id=to_global_id("Hall", row.id),
            name=row.name,
            name_en_full=row.name_en_full,
            name_en_short=row.name_en_short,
            level=level,
            level_label=level.label,
            kind=HallKind(row.kind),
            place=row.place,
            address=row.address,
            phone=row.phone,
            jurisdiction_code=row.jurisdiction_code,
            created_at=to_local(row.created_at),
            row=row,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> "HallType | None":
        """Federation: a hall by global ID or UUID; null when missing or its jurisdiction is not enabled."""
        return await references.resolve_by_id(info, "Hall", id)

    @strawberry.field(description="所属辖区")
    def jurisdiction(self, info: Info) -> Annotated["JurisdictionType", strawberry.lazy("core.jurisdictions.types")]:
        return jurisdiction_types.JurisdictionType.for_code(info, self.jurisdiction_code)

    @strawberry.field(description="本厅某日服务时间: the jurisdiction's timetable, or the hall's own hours where the rule is a default")
    async def service_hours(self, info: Info, date: datetime.date) -> ServiceHoursType:
        policy = await policy_for(info.context, self.jurisdiction_code)
        return ServiceHoursType.from_hours(policy.service_hours(date, configured_hours=self.row.configured_hours or None))

    @strawberry.field(description="上级大厅 (for a 专业大厅 or a station)")
    async def parent(self, info: Info) -> HallType | None:
        if self.row.parent_id is None:
            return None
        parent = await loader(info, HallByIdLoader).load(self.row.parent_id)
        return HallType.from_model(parent) if parent else None

    @strawberry.field(description="下属专业大厅和便民服务站")
    async def sub_halls(self, info: Info) -> list[HallType]:
        return [HallType.from_model(h) for h in await loader(info, SubHallsByParentIdLoader).load(self.row.id)]

    @strawberry.field(description="进驻部门, each with its chief representative (首席代表) here")
    async def departments(
        self, info: Info
    ) -> list[Annotated["StationedDepartmentType", strawberry.lazy("core.departments.types")]]:
        return [department_types.StationedDepartmentType.from_model(r) for r in await loader(info, HallDepartmentsByHallIdLoader).load(self.row.id)]

    @strawberry.field(description="窗口, by number")
    async def windows(self, info: Info) -> list[Annotated["WindowType", strawberry.lazy("core.windows.types")]]:
        return [window_types.WindowType.from_model(w) for w in await loader(info, WindowsByHallIdLoader).load(self.row.id)]

    @strawberry.field(description="已进驻的政务服务事项")
    async def service_items(self, info: Info) -> list[Annotated["ServiceItemType", strawberry.lazy("core.items.types")]]:
        return [item_types.ServiceItemType.from_model(i) for i in await loader(info, ActiveServiceItemsByHallIdLoader).load(self.row.id)]

    @strawberry.field(description="派驻本厅的工作人员")
    async def staff(self, info: Info) -> list[Annotated["StaffType", strawberry.lazy("core.staff.types")]]:
        return [staff_types.StaffType.from_model(s) for s in await loader(info, StaffByHallIdLoader).load(self.row.id)]


# Compiled reads (core/graphql/compiler): what each field is in SQL. Not declared, so answered by the
# resolvers: created_at (a local time), phone (may become encrypted), jurisdiction, service_hours (a
# plugin hook), parent, sub_halls, departments, staff.
sql_type(
    "Hall", Hall,
    id=GlobalId("Hall"),
    name=Column("name"), name_en_full=Column("name_en_full"), name_en_short=Column("name_en_short"),
    level=Code("level", HallLevel), level_label=Code("level", HallLevel, label=True),
    kind=Code("kind", HallKind), place=Column("place"), address=Column("address"),
    jurisdiction_code=Column("jurisdiction_code"),
    # as WindowsByHallIdLoader: a retired window (撤销) is no longer one of the hall's windows
    windows=Related("Window", where="{self}.hall_id = {parent}.id AND {self}.retired_at IS NULL",
                    order_by=("{self}.number", "{self}.id")),
    service_items=Related(  # as ActiveServiceItemsByHallIdLoader: through hall_item, offered (active) only
        "ServiceItem", order_by=("{self}.code",), through=Through("hall_item", key="item_id"),
        where="{link}.hall_id = {parent}.id AND {link}.status = 'active'"),
)


# Imported last: these modules refer back to HallType.
from core.departments import types as department_types  # noqa: E402
from core.items import types as item_types  # noqa: E402
from core.jurisdictions import types as jurisdiction_types  # noqa: E402
from core.staff import types as staff_types  # noqa: E402
from core.windows import types as window_types  # noqa: E402
