"""issueCaseDocument: 出具办件文书 — render a receipt or notice as PDF and archive it with the case (window staff)."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.cases.access import require_case_write
from core.cases.mutations.common import load_case
from core.documents import service as document_service
from core.documents.types import CaseDocumentType
from core.graphql.enums import DocumentKindEnum
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.policy.documents import DocumentKind


@strawberry.input
class IssueCaseDocumentInput:
    serial_number: str
    kind: DocumentKindEnum
    notice_id: strawberry.ID | None = strawberry.field(
        default=None, description="for notices: which 告知书 (default: the case's latest of that kind)")


@strawberry.type
class IssueCaseDocumentSuccess:
    document: CaseDocumentType
    created: bool = strawberry.field(description="false: it had been issued before; the archived one is returned")


IssueCaseDocumentResult = Annotated[Union[IssueCaseDocumentSuccess, *ERROR_TYPES],
                                    strawberry.union("IssueCaseDocumentResult")]


async def issue_case_document(info: Info, input: IssueCaseDocumentInput) -> IssueCaseDocumentResult:
    ctx = info.context

    async def body(session, call):
        loaded = await load_case(session, ctx, input.serial_number)
        call.acted(target_type="Case", target_id=loaded.case.id)
        domain = require_case_write(ctx, loaded.hall, loaded.department)
        notice_id = from_global_id(input.notice_id, "CorrectionNotice")[1] if input.notice_id else None
        document, created = await document_service.issue(
            session, policy=loaded.policy, case=loaded.case, hall=loaded.hall, kind=DocumentKind(input.kind),
            notice_id=notice_id, secret=ctx.runtime.secret_key, user_id=ctx.actor.user_id if ctx.actor else None,
            at=loaded.now)
        call.acted(domain=domain, target_type="CaseDocument", target_id=document.id,
                   after={"kind": document.kind, "sha256": document.sha256, "created": created})
        return IssueCaseDocumentSuccess(document=CaseDocumentType.from_model(document), created=created)

    return await run_mutation(info, "issueCaseDocument", body)
