"""GraphQL type of a 首问 record."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from core.graphql.helpers import loader
from core.graphql.relay import to_global_id
from core.inquiries.models import FirstInquiry, InquiryOutcome
from core.staff.dataloaders import StaffByIdLoader
from core.timezones import to_local
from core.windows.dataloaders import WindowByIdLoader


@strawberry.type(name="FirstInquiry", description="首问记录: what was asked, who was responsible, how it ended")
class FirstInquiryType:
    id: strawberry.ID
    question: str
    outcome: str = strawberry.field(description="answered, handed_over or guided")
    outcome_label: str
    note: str | None
    asked_at: datetime
    rule_ids: list[str]
    row: strawberry.Private[FirstInquiry]

    @classmethod
    def from_model(cls, row: FirstInquiry) -> "FirstInquiryType":
        outcome = InquiryOutcome(row.outcome)
        return cls(id=to_global_id("FirstInquiry", row.id), question=row.question, outcome=outcome.value,
                   outcome_label=outcome.label, note=row.note, asked_at=to_local(row.asked_at),
                   rule_ids=list(row.rule_ids), row=row)

    @strawberry.field(description="首问责任人: 工号 and name")
    async def responsible(self, info: Info) -> str:
        staff = await loader(info, StaffByIdLoader).load(self.row.responsible_staff_id)
        return f"{staff.staff_number} {staff.name}"

    @strawberry.field(description="移交窗口 (handed over)")
    async def handed_to_window(self, info: Info) -> str | None:
        if self.row.handed_to_window_id is None:
            return None
        return (await loader(info, WindowByIdLoader).load(self.row.handed_to_window_id)).number
