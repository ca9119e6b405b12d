"""Case document queries and mutations (办件文书)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from core.cases.access import case_visible
from core.cases.dataloaders import CaseBySerialNumberLoader
from core.documents import service as document_service
from core.documents.mutations.document_issue import IssueCaseDocumentResult, issue_case_document
from core.documents.types import CaseDocumentType
from core.graphql.helpers import loader


@strawberry.type
class DocumentQuery:
    @strawberry.field(description="办件文书 of a case, in issue order (whoever may read the case)")
    async def case_documents(self, info: Info, serial_number: str) -> list[CaseDocumentType]:
        case = await loader(info, CaseBySerialNumberLoader).load(serial_number.strip())
        if case is None or not await case_visible(info, case):
            return []
        async with info.context.db.session() as session:
            rows = (await session.execute(document_service.list_statement(case_id=case.id))).all()
        return [CaseDocumentType.from_model(row) for row in rows]


@strawberry.type
class DocumentMutation:
    issue_case_document: IssueCaseDocumentResult = strawberry.mutation(
        resolver=issue_case_document, description="出具办件文书: 受理回执 (with the rating QR code), 一次性告知书, "
                                                  "补办件通知书, 承诺件通知书, 容缺受理承诺书, 窗口退件通知书 as PDF, archived")
