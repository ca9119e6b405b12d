"""GraphQL types for patrols."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from core.graphql.enums import _describe
from core.graphql.helpers import loader
from core.graphql.relay import Node, to_global_id
from core.patrols.models import PatrolCategory, PatrolRecord
from core.staff.dataloaders import StaffByIdLoader
from core.timezones import to_local
from core.windows.dataloaders import WindowByIdLoader

PatrolCategoryEnum = _describe(PatrolCategory, "巡查内容")


@strawberry.type(name="PatrolRecord", description="巡查记录: what a patrol (on site or by video) saw")
class PatrolRecordType(Node):
    id: strawberry.ID
    category: PatrolCategoryEnum
    category_label: str
    patrolled_at: datetime
    compliant: bool
    finding: str | None
    recorded_by_name: str | None
    row: strawberry.Private[PatrolRecord]

    @classmethod
    def from_model(cls, row) -> "PatrolRecordType":
        category = PatrolCategory(row.category)
        return cls(id=to_global_id("PatrolRecord", row.id), category=category, category_label=category.label,
                   patrolled_at=to_local(row.patrolled_at), compliant=row.compliant, finding=row.finding,
                   recorded_by_name=row.recorded_by_name, row=row)

    @strawberry.field
    async def staff(self, info: Info) -> Annotated["StaffType", strawberry.lazy("core.staff.types")] | None:
        row = await loader(info, StaffByIdLoader).load(self.row.staff_id) if self.row.staff_id else None
        return staff_types.StaffType.from_model(row) if row else None

    @strawberry.field
    async def window(self, info: Info) -> Annotated["WindowType", strawberry.lazy("core.windows.types")] | None:
        row = await loader(info, WindowByIdLoader).load(self.row.window_id) if self.row.window_id else None
        return window_types.WindowType.from_model(row) if row else None


from core.staff import types as staff_types  # noqa: E402
from core.windows import types as window_types  # noqa: E402
