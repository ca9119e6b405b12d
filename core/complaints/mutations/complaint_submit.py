"""submitComplaint: a complaint received on one of the jurisdiction's channels (public: anyone may complain)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.audit.service import snapshot
from core.auth.roles import hall_domain
from core.complaints import service as complaint_service
from core.complaints.models import ComplaintTarget
from core.complaints.types import ComplaintReceiptType
from core.db.base import utcnow
from core.errors import NotFoundError
from core.graphql.enums import ComplaintTargetEnum
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.halls.models import Hall
from core.policy.access import policy_in_session

FIELDS = ("reference", "channel", "target_kind", "target_id", "case_serial_number", "confidential", "status",
          "rejection_grounds")
TARGET_TYPES = {ComplaintTarget.STAFF: "Staff", ComplaintTarget.WINDOW: "Window", ComplaintTarget.DEPARTMENT: "Department"}


@strawberry.input(description="投诉 as received; the complainant's name and contact are personal data")
class SubmitComplaintInput:
    hall_id: strawberry.ID = strawberry.field(description="the hall complained to (or about)")
    channel: str = strawberry.field(description="a code of the jurisdiction's complaint channels (Jurisdiction.complaintChannels)")
    facts: str = strawberry.field(description="投诉事实")
    demand: str | None = strawberry.field(default=None, description="诉求")
    complainant_name: str | None = None
    complainant_contact: str | None = strawberry.field(default=None, description="phone number or e-mail address")
    confidential: bool = strawberry.field(default=False, description="保密: do not name me to the target")
    target_kind: ComplaintTargetEnum | None = strawberry.field(default=None, description="null: no clear target")
    target_id: strawberry.ID | None = strawberry.field(default=None, description="the Staff, Window or Department")
    case_serial_number: str | None = strawberry.field(default=None, description="办件流水号, if about a case")
    channel_note: str | None = strawberry.field(default=None, description="e.g. the medium, for 其他合法方式")
    work_order_id: str | None = strawberry.field(default=None, description="12345 工单号")
    work_order_due_on: date | None = strawberry.field(default=None, description="the work order's own deadline")


@strawberry.type
class SubmitComplaintSuccess:
    receipt: ComplaintReceiptType


SubmitComplaintResult = Annotated[Union[SubmitComplaintSuccess, *ERROR_TYPES], strawberry.union("SubmitComplaintResult")]


async def submit_complaint(info: Info, input: SubmitComplaintInput) -> SubmitComplaintResult:
    ctx = info.context

    async def body(session, call):
        hall = await session.get(Hall, from_global_id(input.hall_id, "Hall")[1])
        if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("大厅", "Hall")
        call.acted(domain=hall_domain(hall.id), target_type="Hall", target_id=hall.id)
        kind = ComplaintTarget(input.target_kind.value) if input.target_kind else None
        target_id = None
        if input.target_id and kind in TARGET_TYPES:
            target_id = from_global_id(input.target_id, TARGET_TYPES[kind])[1]
        policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
        complaint = await complaint_service.intake(session, policy=policy, hall=hall, now=utcnow(), received=complaint_service.Intake(
            channel=input.channel.strip(), facts=input.facts, demand=input.demand,
            complainant_name=input.complainant_name, complainant_contact=input.complainant_contact,
            confidential=input.confidential, target_kind=kind, target_id=target_id,
            case_serial_number=input.case_serial_number, channel_note=input.channel_note,
            work_order_id=input.work_order_id, work_order_due_on=input.work_order_due_on,
        ))
        call.acted(target_type="Complaint", target_id=complaint.id, after=snapshot(complaint, FIELDS))
        return SubmitComplaintSuccess(receipt=ComplaintReceiptType.from_model(complaint))

    return await run_mutation(info, "submitComplaint", body, rate_limit="submitComplaint")
