"""GraphQL types for the audit log."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from core.audit.models import AuditEntry
from core.graphql.relay import Node, to_global_id
from core.timezones import to_local


@strawberry.type(name="AuditEntry", description="审计记录: one mutation or denial — who, for which domain, what, before/after, when")
class AuditEntryType(Node):
    id: strawberry.ID
    at: datetime
    username: str | None = strawberry.field(description="null: anonymous caller")
    domain: str | None = strawberry.field(description="acting for: hall:<id>, dept:<id>, …")
    action: str
    outcome: str = strawberry.field(description="ok | denied | rejected")
    target_type: str | None
    target_id: str | None
    before: JSON | None
    after: JSON | None
    detail: str | None

    @classmethod
    def from_model(cls, row: AuditEntry) -> "AuditEntryType":
        return cls(
            id=to_global_id("AuditEntry", row.id),
            at=to_local(row.at),
            username=row.username,
            domain=row.domain,
            action=row.action,
            outcome=row.outcome,
            target_type=row.target_type,
            target_id=row.target_id,
            before=row.before,
            after=row.after,
            detail=row.detail,
        )
