"""The one flow every mutation follows: clean → authorize → construct → save, then audit.

A mutation body runs in one write transaction and records what it changed on
the :class:`MutationCall`; the audit entry is written in the same transaction.
A :class:`~core.errors.DomainError` (bad input, not found, permission denied,
conflict) rolls everything back, is audited in a transaction of its own and
comes back as the mutation's typed error.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.types import Info

from core.audit import service as audit_service
from core.auth.access import PermissionDeniedError
from core.errors import DomainError
from core.graphql.errors import to_graphql_error

R = TypeVar("R")


@dataclass
class MutationCall:
    """What a mutation tells the audit log: where it acted and what changed."""

    action: str
    domain: str | None = None
    target_type: str | None = None
    target_id: Any = None
    before: dict | None = None
    after: dict | None = None
    extras: dict = field(default_factory=dict)

    def acted(self, *, domain: str | None = None, target_type: str | None = None, target_id: Any = None,
              before: dict | None = None, after: dict | None = None) -> None:
        if domain is not None:
            self.domain = domain
        if target_type is not None:
            self.target_type = target_type
        if target_id is not None:
            self.target_id = target_id
        if before is not None:
            self.before = before
        if after is not None:
            self.after = after


async def run_mutation(info: Info, action: str, body: Callable[[AsyncSession, MutationCall], Awaitable[R]]):
    ctx = info.context
    call = MutationCall(action=action)
    try:
        async with ctx.db.transaction() as session:
            result = await body(session, call)
            audit_service.record(session, actor=ctx.actor, action=action, outcome="ok", domain=call.domain,
                                 target_type=call.target_type, target_id=call.target_id,
                                 before=call.before, after=call.after)
        return result
    except IntegrityError:
        error = DomainError("CONFLICT")
    except DomainError as exc:
        error = exc
    outcome = "denied" if isinstance(error, PermissionDeniedError) or error.code == "UNAUTHENTICATED" else "rejected"
    async with ctx.db.transaction() as session:
        audit_service.record(session, actor=ctx.actor, action=action, outcome=outcome,
                             domain=getattr(error, "domain", None) or call.domain,
                             target_type=call.target_type, target_id=call.target_id, detail=error.code)
    return to_graphql_error(error, ctx.lang)
