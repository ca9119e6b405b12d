"""Audit log query: the hall office reads its hall's entries; platform admins read everything."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from core.audit import service as audit_service
from core.audit.models import AuditEntry
from core.audit.types import AuditEntryType
from core.auth.access import hall_scope, require
from core.auth.authorizer import Scope
from core.errors import NotFoundError
from core.graphql.relay import Connection, from_global_id, paginate
from core.halls.schema import visible_hall


@strawberry.type
class AuditQuery:
    @strawberry.field(description="审计日志, newest first: a hall's entries (hall office), or all of them (platform admin)")
    async def audit_log(
        self,
        info: Info,
        hall_id: strawberry.ID | None = None,
        action: str | None = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> Connection[AuditEntryType]:
        ctx = info.context
        if hall_id:
            hall = await visible_hall(info, from_global_id(hall_id, "Hall")[1])
            if hall is None:
                raise NotFoundError("大厅", "Hall")
            require(ctx, "audit", "read", hall_scope(ctx, hall))
            domains = [f"hall:{hall.id}"]
        else:
            require(ctx, "audit", "read", Scope.platform())
            domains = None
        stmt = audit_service.list_statement(domains=domains, action=action)
        async with ctx.db.session() as session:
            return await paginate(session, stmt, order_by=(AuditEntry.at, AuditEntry.id), descending=True,
                                  first=first, after=after, to_node=AuditEntryType.from_model)
