"""GraphQL type of an archived case document."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from core.documents import service as document_service
from core.graphql.enums import DocumentKindEnum
from core.graphql.relay import to_global_id
from core.policy.documents import DocumentKind
from core.timezones import to_local


@strawberry.type(name="CaseDocument", description="办件文书: a receipt or notice as issued (PDF), archived with the case")
class CaseDocumentType:
    id: strawberry.ID
    kind: DocumentKindEnum
    title: str = strawberry.field(description="e.g. 受理回执, 一次性告知书")
    sha256: str = strawberry.field(description="SHA-256 of the archived PDF, checked on every download")
    size: int = strawberry.field(description="bytes")
    issued_at: datetime
    rule_ids: list[str] = strawberry.field(description="the layout rules that applied")
    row_id: strawberry.Private[object]

    @classmethod
    def from_model(cls, row) -> "CaseDocumentType":
        return cls(id=to_global_id("CaseDocument", row.id), kind=DocumentKind(row.kind), title=row.title,
                   sha256=row.sha256, size=row.size, issued_at=to_local(row.issued_at), rule_ids=list(row.rule_ids),
                   row_id=row.id)

    @strawberry.field(description="下载地址: a link valid for 10 minutes, for whoever may read the case (relative to "
                                  "the API's origin); GET /documents/<id>.pdf with a bearer token works too")
    def download_url(self, info: Info) -> str:
        token = document_service.download_token(self.row_id, secret=info.context.runtime.secret_key)
        return f"/documents/{self.row_id}.pdf?t={token}"
