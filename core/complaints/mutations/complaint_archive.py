"""archiveComplaint: 办结归档 once the complainant has been told."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.audit.service import snapshot
from core.complaints import service as complaint_service
from core.complaints.mutations.handling import AUDITED, complaint_for
from core.complaints.types import ComplaintType
from core.db.base import utcnow
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation


@strawberry.input
class ArchiveComplaintInput:
    complaint_id: strawberry.ID


@strawberry.type
class ArchiveComplaintSuccess:
    complaint: ComplaintType


ArchiveComplaintResult = Annotated[Union[ArchiveComplaintSuccess, *ERROR_TYPES], strawberry.union("ArchiveComplaintResult")]


async def archive_complaint(info: Info, input: ArchiveComplaintInput) -> ArchiveComplaintResult:
    ctx = info.context

    async def body(session, call):
        complaint, _, _, _ = await complaint_for(session, ctx, call, input.complaint_id)
        before = snapshot(complaint, AUDITED)
        await complaint_service.archive(session, complaint=complaint, now=utcnow())
        call.acted(before=before, after=snapshot(complaint, AUDITED))
        return ArchiveComplaintSuccess(complaint=ComplaintType.from_model(complaint))

    return await run_mutation(info, "archiveComplaint", body)
