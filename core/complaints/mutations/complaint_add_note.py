"""addComplaintNote: 调查记录 of an open complaint."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.complaints import service as complaint_service
from core.complaints.mutations.handling import complaint_for
from core.complaints.types import ComplaintNoteType, ComplaintType
from core.db.base import utcnow
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation


@strawberry.input
class AddComplaintNoteInput:
    complaint_id: strawberry.ID
    text: str = strawberry.field(description="what was looked into and found")


@strawberry.type
class AddComplaintNoteSuccess:
    complaint: ComplaintType
    note: ComplaintNoteType


AddComplaintNoteResult = Annotated[Union[AddComplaintNoteSuccess, *ERROR_TYPES], strawberry.union("AddComplaintNoteResult")]


async def add_complaint_note(info: Info, input: AddComplaintNoteInput) -> AddComplaintNoteResult:
    ctx = info.context

    async def body(session, call):
        complaint, _, _, _ = await complaint_for(session, ctx, call, input.complaint_id)
        note = await complaint_service.add_note(session, complaint=complaint, note_text=input.text, user_id=ctx.actor.user_id,
                                                now=utcnow())
        call.acted(after={"note": note.text})
        return AddComplaintNoteSuccess(complaint=ComplaintType.from_model(complaint), note=ComplaintNoteType.from_model(note))

    return await run_mutation(info, "addComplaintNote", body)
