"""The one flow every mutation follows: clean → authorize → construct → save, then audit.

A mutation body runs in one write transaction and records what it changed on
the :class:`MutationCall`; the audit entry is written in the same transaction.
A :class:`~core.errors.DomainError` (bad input, not found, permission denied,
conflict) rolls everything back, is audited in a transaction of its own and
comes back as the mutation's typed error.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.exc import DataError, DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.types import Info

from core import observability, ratelimit
from core.audit import service as audit_service
from core.auth.access import PermissionDeniedError
from core.errors import DomainError
from core.graphql.errors import to_graphql_error

R = TypeVar("R")
logger = logging.getLogger(__name__)


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
    events: list[tuple[str, dict]] = field(default_factory=list)

    def publish(self, topic: str, message: dict) -> None:
        """Announce ``message`` on ``topic`` to live subscribers once the transaction has committed."""
        self.events.append((topic, message))

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


async def run_mutation(info: Info, action: str, body: Callable[[AsyncSession, MutationCall], Awaitable[R]],
                       *, rate_limit: str | None = None):
    """Run ``body`` in one transaction and audit it; ``rate_limit`` names the rule of core/ratelimit to apply first."""
    ctx = info.context
    call = MutationCall(action=action)
    if rate_limit is not None:
        try:
            await ratelimit.check(ctx, rate_limit)
        except ratelimit.RateLimited as exc:
            if await ratelimit.should_audit(ctx):
                async with ctx.db.transaction() as session:
                    audit_service.record(session, actor=ctx.actor, action=action, outcome="denied",
                                         detail=f"RATE_LIMITED {exc.rule}.{exc.kind}")
            observability.note_typed_error(ctx, exc.code)
            return to_graphql_error(exc, ctx.lang)
    try:
        async with ctx.db.transaction() as session:
            result = await body(session, call)
            audit_service.record(session, actor=ctx.actor, action=action, outcome="ok", domain=call.domain,
                                 target_type=call.target_type, target_id=call.target_id,
                                 before=call.before, after=call.after)
        await _publish_committed(ctx, call.events)
        return result
    except IntegrityError:
        error = DomainError("CONFLICT")
    except DBAPIError as exc:  # a value the column cannot hold (too long, out of range): bad input, nothing written
        if not is_data_error(exc):
            raise
        error = DomainError("VALIDATION_FAILED", {"field": "input", "field_label": "输入",
                                                  "reason": "某个值过长或超出范围", "reason_en": "a value is too long or out of range"})
    except DomainError as exc:
        error = exc
    outcome = "denied" if isinstance(error, PermissionDeniedError) or error.code == "UNAUTHENTICATED" else "rejected"
    async with ctx.db.transaction() as session:
        audit_service.record(session, actor=ctx.actor, action=action, outcome=outcome,
                             domain=getattr(error, "domain", None) or call.domain,
                             target_type=call.target_type, target_id=call.target_id, detail=error.code)
    observability.note_typed_error(ctx, error.code)
    return to_graphql_error(error, ctx.lang)


def is_data_error(exc: DBAPIError) -> bool:
    """A database "data exception" (SQLSTATE class 22: value too long, out of range, invalid text)."""
    if isinstance(exc, DataError):
        return True
    orig = exc.orig
    for candidate in (orig, getattr(orig, "__cause__", None)):
        state = getattr(candidate, "sqlstate", None) or getattr(candidate, "pgcode", None)
        if isinstance(state, str) and state.startswith("22"):
            return True
    return False


async def _publish_committed(ctx, events: list[tuple[str, dict]]) -> None:
    """Live events go out only after commit; a broker failure never undoes a committed change."""
    for topic, message in events:
        try:
            await ctx.runtime.broker.publish(topic, message)
        except Exception:  # the change is saved; screens catch up on their next query
            logger.exception("could not publish an event on %s", topic)
