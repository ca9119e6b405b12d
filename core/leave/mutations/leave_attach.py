"""attachLeaveDocument: a document stored with a leave request (R6: nanbu 病假凭医院证明, 电话请假事后补办)."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.auth.access import hall_scope, require_self_or
from core.errors import DomainError
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.leave import attachments
from core.leave import service as leave_service
from core.leave.models import LeaveAttachmentKind
from core.leave.types import LeaveAttachmentType, LeaveRequestType
from core.staff import service as staff_service


@strawberry.input(description="A PDF, JPEG or PNG, base64-encoded; at most the jurisdiction's limit "
                              "(leave.attachment_max_mb, default 5 MB)")
class LeaveDocumentInput:
    leave_request_id: strawberry.ID
    filename: str = strawberry.field(description="e.g. 诊断证明.pdf")
    content_base64: str
    kind: str = strawberry.field(default="hospital_certificate",
                                 description="hospital_certificate (医院证明) | proof (有效证明)")


@strawberry.type
class LeaveDocumentSuccess:
    attachment: LeaveAttachmentType
    leave_request: LeaveRequestType


LeaveDocumentResult = Annotated[Union[LeaveDocumentSuccess, *ERROR_TYPES], strawberry.union("LeaveDocumentResult")]


def _max_encoded(max_bytes: int) -> int:
    """base64 of ``max_bytes``, with room for padding: larger input is refused before decoding."""
    return (max_bytes * 4) // 3 + 8


async def attach_leave_document(info: Info, input: LeaveDocumentInput) -> LeaveDocumentResult:
    ctx = info.context

    async def body(session, call):
        request = await leave_service.get(session, leave_id=from_global_id(input.leave_request_id, "LeaveRequest")[1])
        call.acted(target_type="LeaveRequest", target_id=request.id)
        sides = await staff_service.get_with_sides(session, staff_id=request.staff_id, enabled=ctx.plugins.enabled_codes)
        domain = require_self_or(ctx, own=("leave", "request"), others=("leave", "register"),
                                 scope=hall_scope(ctx, sides.hall), staff_id=request.staff_id)
        try:
            kind = LeaveAttachmentKind(input.kind)
        except ValueError:
            raise DomainError("VALIDATION_FAILED", {"field": "kind", "reason": "附件类别为 hospital_certificate 或 proof",
                                                    "reason_en": "kind is hospital_certificate or proof"}, "kind") from None
        max_bytes = await attachments.max_bytes_for(session, sides.hall.jurisdiction_code)
        if len(input.content_base64) > _max_encoded(max_bytes):
            raise attachments.too_large(max_bytes, "contentBase64")
        try:
            content = base64.b64decode(input.content_base64, validate=True)
        except (binascii.Error, ValueError):
            raise DomainError("VALIDATION_FAILED", {"field": "contentBase64", "reason": "不是有效的 base64 编码",
                                                    "reason_en": "not valid base64"}, "contentBase64") from None
        row = await attachments.store(session, request=request, kind=kind, filename=input.filename, content=content,
                                      user_id=ctx.actor.user_id, max_bytes=max_bytes)
        call.acted(domain=domain, target_type="LeaveAttachment", target_id=row.id,
                   after={"kind": row.kind, "filename": row.filename, "size": row.size, "sha256": row.sha256})
        return LeaveDocumentSuccess(attachment=LeaveAttachmentType.from_row(row),
                                    leave_request=LeaveRequestType.from_model(request))

    return await run_mutation(info, "attachLeaveDocument", body)
