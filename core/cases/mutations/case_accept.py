"""acceptCase: 受理 — serial number, category and deadline on the jurisdiction's working-day calendar."""

from __future__ import annotations

from typing import Annotated, Union

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from core.audit.service import snapshot
from core.cases import service as case_service
from core.cases.access import require_case_write
from core.cases.mutations.common import AUDITED, CorrectionNoticeInput
from core.cases.types import CaseType, CorrectionNoticeType
from core.departments.models import Department
from core.errors import DomainError, NotFoundError
from core.graphql.enums import CaseCategoryEnum
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.halls.models import Hall
from core.items.models import ServiceItem
from core.policy.access import policy_in_session
from core.windows.models import Window


@strawberry.input(description="受理一件申请")
class AcceptCaseInput:
    hall_id: strawberry.ID
    item_code: str = strawberry.field(description="实施编码 of the item")
    category: CaseCategoryEnum = strawberry.field(description="办件类别 (the jurisdiction's categories only)")
    applicant_name: str
    applicant_id_number: str | None = None
    applicant_phone: str | None = None
    supplied_materials: list[str] = strawberry.field(default_factory=list, description="已收材料, as named by the item")
    window_id: strawberry.ID | None = strawberry.field(default=None, description="受理窗口")
    complex_case: bool = strawberry.field(default=False, description="复杂的退回件 (decided within 3 working days)")
    tolerance_acceptance: bool = strawberry.field(default=False, description="容缺受理: secondary materials missing")
    correction_notice: CorrectionNoticeInput | None = strawberry.field(
        default=None, description="补办件 / 容缺受理: the notice listing every missing material at once")


@strawberry.type
class AcceptCaseSuccess:
    case: CaseType
    correction_notice: CorrectionNoticeType | None


AcceptCaseResult = Annotated[Union[AcceptCaseSuccess, *ERROR_TYPES], strawberry.union("AcceptCaseResult")]


async def accept_with(session, ctx, input: AcceptCaseInput, call) -> AcceptCaseSuccess:
    """The acceptance itself, shared with finishing a queue ticket that creates its case."""
    hall = await session.get(Hall, from_global_id(input.hall_id, "Hall")[1])
    if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
        raise NotFoundError("大厅", "Hall")
    item = (await session.execute(sa.select(ServiceItem).where(
        ServiceItem.code == input.item_code.strip(), ServiceItem.jurisdiction_code == hall.jurisdiction_code,
    ))).scalar_one_or_none()
    if item is None:
        raise NotFoundError(f"事项 {input.item_code}", f"Item {input.item_code}")
    department = await session.get(Department, item.department_id)
    domain = require_case_write(ctx, hall, department)
    window_id = None
    if input.window_id:
        window = await session.get(Window, from_global_id(input.window_id, "Window")[1])
        if window is None or window.hall_id != hall.id:
            raise NotFoundError("窗口", "Window")
        window_id = window.id
    name = input.applicant_name.strip()
    if not name:
        raise DomainError("VALIDATION_FAILED", {"field": "applicantName", "field_label": "申请人",
                                                "reason": "不能为空", "reason_en": "must not be empty"})
    policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
    case, notice = await case_service.accept(
        session, policy=policy, hall=hall, item=item, category=input.category.value,
        applicant=case_service.Applicant(name, (input.applicant_id_number or "").strip() or None,
                                         (input.applicant_phone or "").strip() or None),
        supplied_materials=[m.strip() for m in input.supplied_materials if m.strip()],
        at=ctx.runtime.now(), serial_prefix=ctx.plugins.info(hall.jurisdiction_code).serial_prefix,
        window_id=window_id, staff_id=ctx.actor.staff_id, complex_case=input.complex_case,
        notice=input.correction_notice.to_request() if input.correction_notice else None,
        tolerance=input.tolerance_acceptance,
    )
    call.acted(domain=domain, target_type="Case", target_id=case.id, after=snapshot(case, AUDITED))
    return AcceptCaseSuccess(case=CaseType.from_model(case),
                             correction_notice=CorrectionNoticeType.from_model(notice, case) if notice else None)


async def accept_case(info: Info, input: AcceptCaseInput) -> AcceptCaseResult:
    ctx = info.context
    return await run_mutation(info, "acceptCase", lambda session, call: accept_with(session, ctx, input, call))
