"""GraphQL types for cases."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated

import strawberry
import strawberry.federation
from strawberry.types import Info

from core.cases import service as case_service
from core.cases.access import personal_data_visible
from core.cases.dataloaders import CaseByIdLoader, CorrectionNoticesByCaseIdLoader, CreditRecordsByCaseIdLoader
from core.cases.models import (
    AnomalyPattern,
    AnomalyStatus,
    Case,
    CaseAnomaly,
    CaseCategory,
    CaseOutcome,
    CaseStatus,
    CorrectionNotice,
    CreditRecord,
    NoticePurpose,
)
from core.federation import references
from core.graphql.enums import (
    AnomalyPatternEnum,
    AnomalyStatusEnum,
    CaseCategoryEnum,
    CaseOutcomeEnum,
    CaseStatusEnum,
    NoticePurposeEnum,
)
from core.graphql.rules import RuleReferenceType, rule_references
from core.policy.access import policy_for
from core.graphql.helpers import loader
from core.graphql.relay import Node, to_global_id
from core.halls.dataloaders import HallByIdLoader
from core.items.dataloaders import ServiceItemByIdLoader
from core.pii.access import note_read
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
    completed_on: date | None = strawberry.field(description="办结（或退回、终止）日期")
    promised_limit_days: int | None = strawberry.field(description="承诺办结时限 at acceptance (working days)")
    complex_case: bool = strawberry.field(description="复杂的退回件: decided within 3 working days")
    supplied_materials: list[str] = strawberry.field(description="已收材料")
    materials_completed_on: date | None = strawberry.field(
        description="补办件: the day its clock starts, by the rule (nanbu 一次性告知 四: the day materials are complete)")
    paused_since: date | None = strawberry.field(description="补正中: the clock stands still since this day")
    paused_working_days: int = strawberry.field(description="补正期间不计时: working days added to the deadline")
    supplement_supplied_on: date | None = strawberry.field(description="容缺材料补交日期")
    outcome: CaseOutcomeEnum | None = strawberry.field(description="办理结果: 准予 / 不予")
    closing_reason: str | None = strawberry.field(description="退回或终止的理由")
    terminated_on_request: bool = strawberry.field(description="申请人主动申请终止")
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
            completed_on=row.completed_on,
            promised_limit_days=row.promised_limit_days,
            complex_case=row.complex_case,
            supplied_materials=list(row.supplied_materials or []),
            materials_completed_on=row.materials_completed_on,
            paused_since=row.paused_since,
            paused_working_days=row.paused_working_days,
            supplement_supplied_on=row.supplement_supplied_on,
            outcome=CaseOutcome(row.outcome) if row.outcome else None,
            closing_reason=row.closing_reason,
            terminated_on_request=row.terminated_on_request,
            row=row,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, **representation) -> "CaseType | None":
        """Federation: a case by its 办件流水号 (``serialNumber``); null unless the caller may read it."""
        return await references.resolve_case_by_serial_number(info, representation.get("serialNumber"))
    @strawberry.field(description="计时状态: running, paused (awaiting corrected materials), "
                                  "waiting_for_materials (补办件 before its clock starts) or closed")
    def deadline_status(self) -> str:
        return case_service.deadline_status(self.row)

    @strawberry.field(description="超期: past the deadline while running, or completed after it")
    async def overdue(self, info: Info) -> bool:
        return case_service.is_overdue(self.row, _today(info))

    @strawberry.field(description="剩余工作日: working days left (0: due today; negative: overdue by that many); "
                                  "null without a running clock")
    async def remaining_working_days(self, info: Info) -> int | None:
        jurisdiction = await _jurisdiction(info, self.row)
        return case_service.remaining_working_days(await policy_for(info.context, jurisdiction), self.row, _today(info))

    @strawberry.field(description="办结期限的依据: the rules the deadline was computed by")
    async def deadline_rules(self, info: Info) -> list[RuleReferenceType]:
        return await rule_references(info, await _jurisdiction(info, self.row), self.row.deadline_rule_ids)

    @strawberry.field(description="补正告知书, first one first")
    async def correction_notices(self, info: Info) -> list[CorrectionNoticeType]:
        rows = await loader(info, CorrectionNoticesByCaseIdLoader).load(self.row.id)
        return [CorrectionNoticeType.from_model(r, self.row) for r in rows]

    @strawberry.field(description="失信记录 (容缺受理 promises not kept)")
    async def credit_records(self, info: Info) -> list[CreditRecordType]:
        return [CreditRecordType.from_model(r) for r in await loader(info, CreditRecordsByCaseIdLoader).load(self.row.id)]

    @strawberry.field(description="申请人 (masked unless you may see personal data)")
    async def applicant_name(self, info: Info) -> str:
        return await self._personal(info, "applicantName", self.row.applicant_name, mask_name)

    @strawberry.field(description="证件号码 (masked unless you may see personal data; an unmasked read is logged)")
    async def applicant_id_number(self, info: Info) -> str | None:
        return await self._personal(info, "applicantIdNumber", self.row.applicant_id_number, mask_id_number)

    @strawberry.field(description="联系电话 (masked unless you may see personal data; an unmasked read is logged)")
    async def applicant_phone(self, info: Info) -> str | None:
        return await self._personal(info, "applicantPhone", self.row.applicant_phone, mask_phone)

    async def _personal(self, info: Info, field: str, value, mask):
        if value is None or not await personal_data_visible(info, self.row):
            return mask(value)
        note_read(info, record_type="Case", record_id=self.row.id, field=field, hall_id=self.row.hall_id)
        return value

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


def _today(info: Info):
    return case_service.local_date(info.context.runtime.now())


async def _jurisdiction(info: Info, row) -> str:
    return (await loader(info, HallByIdLoader).load(row.hall_id)).jurisdiction_code


@strawberry.type(name="CorrectionNotice", description="补正告知书: every missing material listed at once (一次性告知)")
class CorrectionNoticeType:
    id: strawberry.ID
    sequence: int = strawberry.field(description="1 for the notice; a later one only repeats materials the first listed")
    purpose: NoticePurposeEnum
    purpose_label: str
    materials: list[str] = strawberry.field(description="须补正的材料")
    issued_on: date
    due_on: date | None = strawberry.field(description="补正期限 / 容缺材料补交期限")
    supplied_on: date | None
    row: strawberry.Private[CorrectionNotice]
    case_row: strawberry.Private[Case]

    @classmethod
    def from_model(cls, row, case_row) -> "CorrectionNoticeType":
        purpose = NoticePurpose(row.purpose)
        return cls(id=to_global_id("CorrectionNotice", row.id), sequence=row.sequence, purpose=purpose,
                   purpose_label=purpose.label, materials=list(row.materials or []), issued_on=row.issued_on,
                   due_on=row.due_on, supplied_on=row.supplied_on, row=row, case_row=case_row)

    @strawberry.field(description="依据: one-time notification and, for 容缺受理, the jurisdiction's rule")
    async def rules(self, info: Info) -> list[RuleReferenceType]:
        return await rule_references(info, await _jurisdiction(info, self.case_row), self.row.rule_ids)


@strawberry.type(name="CreditRecord", description="失信记录: 容缺受理 materials not supplied by the promised date (dongguan 5.2.7.3)")
class CreditRecordType:
    id: strawberry.ID
    reason: str
    due_on: date = strawberry.field(description="承诺补交期限")
    recorded_on: date
    rule_ids: list[str]

    @classmethod
    def from_model(cls, row) -> "CreditRecordType":
        return cls(id=to_global_id("CreditRecord", row.id), reason=row.reason, due_on=row.due_on,
                   recorded_on=row.recorded_on, rule_ids=list(row.rule_ids or []))


@strawberry.type(name="CaseAnomaly", description="办件异常: an investigation opened by the anomaly watch (panyu Art 21)")
class CaseAnomalyType(Node):
    id: strawberry.ID
    pattern: AnomalyPatternEnum
    pattern_label: str
    status: AnomalyStatusEnum
    status_label: str
    case_count: int = strawberry.field(description="cases (or applicants) counted in the window")
    threshold: int
    window_days: int = strawberry.field(description="watch window in natural days")
    detected_on: date
    last_detected_on: date
    conclusion: str | None
    rule_ids: list[str]
    row: strawberry.Private[CaseAnomaly]

    @classmethod
    def from_model(cls, row) -> "CaseAnomalyType":
        pattern, status = AnomalyPattern(row.pattern), AnomalyStatus(row.status)
        return cls(id=to_global_id("CaseAnomaly", row.id), pattern=pattern, pattern_label=pattern.label,
                   status=status, status_label=status.label, case_count=row.case_count, threshold=row.threshold,
                   window_days=row.window_days, detected_on=row.detected_on, last_detected_on=row.last_detected_on,
                   conclusion=row.conclusion, rule_ids=list(row.rule_ids or []), row=row)

    @strawberry.field(description="申请人 (same_applicant_same_item), masked")
    def applicant(self) -> str | None:
        return mask_id_number(self.row.applicant_key) if self.row.applicant_key else None

    @strawberry.field
    async def item(self, info: Info) -> Annotated["ServiceItemType", strawberry.lazy("core.items.types")]:
        return item_types.ServiceItemType.from_model(await loader(info, ServiceItemByIdLoader).load(self.row.item_id))

    @strawberry.field(description="涉及的办件流水号")
    async def serial_numbers(self, info: Info) -> list[str]:
        cases = await loader(info, CaseByIdLoader).load_many([uuid.UUID(i) for i in self.row.case_ids or []])
        return sorted(c.serial_number for c in cases if c is not None)


from core.halls import types as hall_types  # noqa: E402
from core.items import types as item_types  # noqa: E402
from core.ratings import types as rating_types  # noqa: E402
from core.staff import types as staff_types  # noqa: E402
from core.windows import types as window_types  # noqa: E402
