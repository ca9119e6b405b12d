"""issueCorrectionNotice: 补正告知 — every missing material at once; the clock pauses until they are complete."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.cases import service as case_service
from core.cases.access import require_case_write
from core.cases.mutations.common import CorrectionNoticeInput, load_case
from core.cases.types import CaseType, CorrectionNoticeType
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.notifications import service as notification_service
from core.policy.notifications import NotificationKind


@strawberry.input(description="补正告知书 for an accepted case")
class IssueCorrectionNoticeInput:
    serial_number: str
    notice: CorrectionNoticeInput
    acceptable_materials: list[str] | None = strawberry.field(
        default=None, description="Materials on file that are acceptable (default: all supplied so far); "
                                  "the notice must list every other required material")


@strawberry.type
class IssueCorrectionNoticeSuccess:
    case: CaseType
    correction_notice: CorrectionNoticeType


IssueCorrectionNoticeResult = Annotated[Union[IssueCorrectionNoticeSuccess, *ERROR_TYPES],
                                        strawberry.union("IssueCorrectionNoticeResult")]


async def issue_correction_notice(info: Info, input: IssueCorrectionNoticeInput) -> IssueCorrectionNoticeResult:
    ctx = info.context

    async def body(session, call):
        loaded = await load_case(session, ctx, input.serial_number)
        call.acted(target_type="Case", target_id=loaded.case.id)
        domain = require_case_write(ctx, loaded.hall, loaded.department)
        before = loaded.snapshot()
        acceptable = None if input.acceptable_materials is None else [m.strip() for m in input.acceptable_materials]
        notice = await case_service.issue_correction_notice(
            session, policy=loaded.policy, case=loaded.case, item=loaded.item, notice=input.notice.to_request(),
            acceptable_materials=acceptable, at=loaded.now, staff_id=ctx.actor.staff_id)
        call.acted(domain=domain, before=before, after=loaded.snapshot())
        await notification_service.enqueue(
            session, plugins=ctx.plugins, jurisdiction=loaded.hall.jurisdiction_code, hall_id=loaded.hall.id,
            kind=NotificationKind.MATERIALS_DUE, phone=loaded.case.applicant_phone,
            values={"hall": loaded.hall.name, "serial": loaded.case.serial_number,
                    "materials": "、".join(str(m) for m in notice.materials),
                    "due_on": notice.due_on.isoformat() if notice.due_on else "尽快"},
            dedupe_key=f"materials:{notice.id}", at=loaded.now)
        return IssueCorrectionNoticeSuccess(case=CaseType.from_model(loaded.case),
                                            correction_notice=CorrectionNoticeType.from_model(notice, loaded.case))

    return await run_mutation(info, "issueCorrectionNotice", body)
