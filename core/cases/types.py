"""GraphQL types for cases."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry
import strawberry.federation
from strawberry.types import Info

from core.cases.access import personal_data_visible
from core.cases.models import Case, CaseCategory, CaseStatus
from core.federation import references
from core.graphql.enums import CaseCategoryEnum, CaseStatusEnum
from core.graphql.helpers import loader
from core.graphql.relay import Node, to_global_id
from core.halls.dataloaders import HallByIdLoader
from core.items.dataloaders import ServiceItemByIdLoader
from core.privacy import mask_id_number, mask_name, mask_phone
from core.ratings.dataloaders import RatingsByCaseIdLoader
from core.staff.dataloaders import StaffByIdLoader
from core.timezones import to_local
from core.windows.dataloaders import WindowByIdLoader


@strawberry.federation.type(name="Case", keys=["serialNumber"], description="办件: one application for one item at one window")
class CaseType(Node):
    id: strawberry.ID
    serial_number: str = strawberry.field(description="办件流水号")
    category: CaseCategoryEnum
    category_label: str = strawberry.field(description="办件类别, e.g. 承诺件")
    status: CaseStatusEnum
    status_label: str
    tolerance_acceptance: bool = strawberry.field(description="容缺受理: accepted with secondary materials missing")
    supplement_due_on: date | None = strawberry.field(description="容缺材料补交期限")
    accepted_at: datetime
    deadline_on: date | None = strawberry.field(description="办结期限 (on the jurisdiction's working-day calendar)")
    completed_at: datetime | None
    row: strawberry.Private[Case]

    @classmethod
    def from_model(cls, row: Case) -> "CaseType":
        category = CaseCategory(row.category)
        status = CaseStatus(row.status)
        return cls(
            id=to_global_id("Case", row.id),
            serial_number=row.serial_number,
            category=category,
            category_label=category.label,
            status=status,
            status_label=status.label,
            tolerance_acceptance=row.tolerance_acceptance,
            supplement_due_on=row.supplement_due_on,
            accepted_at=to_local(row.accepted_at),
            deadline_on=row.deadline_on,
            completed_at=to_local(row.completed_at),
            row=row,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, **representation) -> "CaseType | None":
        """Federation: a case by its 办件流水号 (``serialNumber``); null unless the caller may read it."""
        return await references.resolve_case_by_serial_number(info, representation.get("serialNumber"))

    @strawberry.field(description="申请人 (masked unless you may see personal data)")
    async def applicant_name(self, info: Info) -> str:
        return self.row.applicant_name if await personal_data_visible(info, self.row) else mask_name(self.row.applicant_name)

    @strawberry.field(description="证件号码 (masked unless you may see personal data)")
    async def applicant_id_number(self, info: Info) -> str | None:
        value = self.row.applicant_id_number
        return value if await personal_data_visible(info, self.row) else mask_id_number(value)

    @strawberry.field(description="联系电话 (masked unless you may see personal data)")
    async def applicant_phone(self, info: Info) -> str | None:
        value = self.row.applicant_phone
        return value if await personal_data_visible(info, self.row) else mask_phone(value)

    @strawberry.field
    async def item(self, info: Info) -> Annotated["ServiceItemType", strawberry.lazy("core.items.types")]:
        return item_types.ServiceItemType.from_model(await loader(info, ServiceItemByIdLoader).load(self.row.item_id))

    @strawberry.field
    async def hall(self, info: Info) -> Annotated["HallType", strawberry.lazy("core.halls.types")]:
        return hall_types.HallType.from_model(await loader(info, HallByIdLoader).load(self.row.hall_id))

    @strawberry.field
    async def window(self, info: Info) -> Annotated["WindowType", strawberry.lazy("core.windows.types")] | None:
        if self.row.window_id is None:
            return None
        return window_types.WindowType.from_model(await loader(info, WindowByIdLoader).load(self.row.window_id))

    @strawberry.field(description="经办人")
    async def staff(self, info: Info) -> Annotated["StaffType", strawberry.lazy("core.staff.types")] | None:
        if self.row.staff_id is None:
            return None
        return staff_types.StaffType.from_model(await loader(info, StaffByIdLoader).load(self.row.staff_id))

    @strawberry.field(description="好差评, one per channel")
    async def ratings(self, info: Info) -> list[Annotated["RatingType", strawberry.lazy("core.ratings.types")]]:
        return [rating_types.RatingType.from_model(r) for r in await loader(info, RatingsByCaseIdLoader).load(self.row.id)]


from core.halls import types as hall_types  # noqa: E402
from core.items import types as item_types  # noqa: E402
from core.ratings import types as rating_types  # noqa: E402
from core.staff import types as staff_types  # noqa: E402
from core.windows import types as window_types  # noqa: E402
