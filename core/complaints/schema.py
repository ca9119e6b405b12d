"""Complaint (投诉) queries and mutations."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from core.complaints import service as complaint_service
from core.complaints.models import Complaint
from core.complaints.mutations.complaint_add_note import AddComplaintNoteResult, add_complaint_note
from core.complaints.mutations.complaint_archive import ArchiveComplaintResult, archive_complaint
from core.complaints.mutations.complaint_decide import DecideComplaintResult, decide_complaint_acceptance
from core.complaints.mutations.complaint_extend import ExtendComplaintResult, extend_complaint_deadline
from core.complaints.mutations.complaint_feedback import ComplaintFeedbackResult, record_complaint_feedback
from core.complaints.mutations.complaint_resolve import ResolveComplaintResult, resolve_complaint
from core.complaints.mutations.complaint_submit import SubmitComplaintResult, submit_complaint
from core.complaints.types import ComplaintChannelType, ComplaintReceiptType, ComplaintType
from core.errors import NotFoundError
from core.graphql.enums import ComplaintStatusEnum, ComplaintTargetEnum
from core.graphql.relay import Connection, from_global_id, paginate
from core.halls.schema import visible_hall
from core.periods import period_bounds
from core.policy.access import policy_for
from core.ratings.schema import PeriodEnd, PeriodStart, empty_connection, listable_hall, readable_hall
from core.timezones import local_today


@strawberry.type
class ComplaintQuery:
    @strawberry.field(description="投诉 of a hall, newest first (the hall's complaint readers)")
    async def complaints(
        self,
        info: Info,
        hall_id: strawberry.ID,
        status: ComplaintStatusEnum | None = None,
        overdue: Annotated[bool, strawberry.argument(
            description="only complaints resolved after their deadline or unresolved past it")] = False,
        target_kind: ComplaintTargetEnum | None = None,
        target_id: Annotated[strawberry.ID | None, strawberry.argument(
            description="a Staff, Window or Department ID")] = None,
        channel: str | None = None,
        from_: PeriodStart = None,
        to: PeriodEnd = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> Connection[ComplaintType]:
        start, end = period_bounds(from_, to)
        hall = await listable_hall(info, hall_id, "complaint")
        if hall is None:
            return empty_connection()
        stmt = complaint_service.list_statement(
            hall_id=hall.id, status=status.value if status else None, overdue_as_of=local_today() if overdue else None,
            target_kind=target_kind.value if target_kind else None,
            target_id=from_global_id(target_id)[1] if target_id else None, channel=channel, start=start, end=end,
        )
        async with info.context.db.session() as session:
            return await paginate(session, stmt, order_by=(Complaint.received_at, Complaint.id), descending=True,
                                  first=first, after=after, to_node=ComplaintType.from_model)

    @strawberry.field(description="投诉渠道 of the hall's jurisdiction: the codes submitComplaint takes (public)")
    async def complaint_channels(self, info: Info, hall_id: strawberry.ID) -> list[ComplaintChannelType]:
        hall = await visible_hall(info, from_global_id(hall_id, "Hall")[1])
        if hall is None:
            raise NotFoundError("大厅", "Hall")
        policy = await policy_for(info.context, hall.jurisdiction_code)
        return [ComplaintChannelType(code=c.code, title=c.title) for c in policy.complaint_channels()]

    @strawberry.field(description="投诉查询: a complainant follows up with the 登记号 and the contact they gave (public)")
    async def complaint_status(self, info: Info, reference: str, contact: str) -> ComplaintReceiptType | None:
        async with info.context.db.session() as session:
            complaint = await complaint_service.find_by_reference(session, reference=reference, contact=contact)
        if complaint is None or await visible_hall(info, complaint.hall_id) is None:
            return None
        return ComplaintReceiptType.from_model(complaint)


@strawberry.type
class ComplaintMutation:
    submit_complaint: SubmitComplaintResult = strawberry.mutation(
        resolver=submit_complaint, description="投诉登记 (public); returns the receipt with the 登记号")
    decide_complaint_acceptance: DecideComplaintResult = strawberry.mutation(
        resolver=decide_complaint_acceptance,
        description="受理 / 不予受理 (with the grounds) / 转办, by the jurisdiction's rule; sets the deadline")
    extend_complaint_deadline: ExtendComplaintResult = strawberry.mutation(
        resolver=extend_complaint_deadline, description="投诉延期: a leader's approval and an explanation to the complainant")
    add_complaint_note: AddComplaintNoteResult = strawberry.mutation(
        resolver=add_complaint_note, description="调查记录 of an open complaint")
    resolve_complaint: ResolveComplaintResult = strawberry.mutation(
        resolver=resolve_complaint, description="处理结果; a malicious complaint may blacklist its complainant (nanbu)")
    record_complaint_feedback: ComplaintFeedbackResult = strawberry.mutation(
        resolver=record_complaint_feedback, description="反馈投诉人: the result, or why it was not accepted")
    archive_complaint: ArchiveComplaintResult = strawberry.mutation(
        resolver=archive_complaint, description="办结归档, once the complainant has been told")
