"""The personal-data read log: every unmasked value shown is recorded (who, which field of which record, when, why).

Resolvers that show an unmasked value call :func:`note_read`; the reads of one GraphQL operation are
written together, in one statement, when the operation ends (:class:`PersonalDataReadLog`), so the
cost does not grow with the size of the answer. Exports with personal data record theirs with
:func:`record_reads` in the export's own transaction.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import sqlalchemy as sa
from strawberry.extensions import SchemaExtension

from core.db.base import utcnow
from core.pii.models import PersonalDataAccess


@dataclass(frozen=True)
class Read:
    record_type: str
    record_id: str
    field: str
    domain: str | None


def note_read(info, *, record_type: str, record_id, field: str, hall_id=None) -> None:
    """Remember that this request showed ``field`` of the record unmasked (written when the operation ends)."""
    ctx = info.context
    reads = ctx.permission_memo.setdefault("__personal_reads__", {})
    read = Read(record_type, str(record_id), field, f"hall:{hall_id}" if hall_id else None)
    reads[read] = None  # once per record and field per operation


def _operation(execution_context) -> str:
    name = execution_context.operation_name
    if name:
        return name[:120]
    try:
        operation = execution_context.operation_type.value
    except Exception:  # noqa: BLE001 - no parsed operation: say so
        operation = "operation"
    return f"{operation} (anonymous)"


def access_rows(reads, *, actor, operation: str, at=None) -> list[dict]:
    at = at or utcnow()
    return [{"id": uuid.uuid4(), "at": at, "user_id": actor.user_id if actor else None,
             "username": actor.username if actor else None, "domain": r.domain, "record_type": r.record_type,
             "record_id": r.record_id, "field": r.field, "operation": operation} for r in reads]


async def record_reads(session, reads, *, actor, operation: str) -> int:
    """Write these reads in the caller's transaction (one statement); returns how many."""
    rows = access_rows(reads, actor=actor, operation=operation)
    if rows:
        await session.execute(sa.insert(PersonalDataAccess), rows)
    return len(rows)


class PersonalDataReadLog(SchemaExtension):
    """Writes the unmasked reads of an operation to the read log when it ends (one INSERT, none without reads)."""

    async def on_execute(self):
        yield
        await self._flush()

    async def on_stream_result(self, result):
        # a subscription's events are resolved after execution starts: each one's reads are written
        # before the event goes out
        await self._flush()
        yield

    async def _flush(self) -> None:
        ctx = self.execution_context.context
        memo = getattr(ctx, "permission_memo", None)
        reads = memo.pop("__personal_reads__", None) if isinstance(memo, dict) else None
        if not reads:
            return
        async with ctx.db.transaction() as session:
            await record_reads(session, list(reads), actor=ctx.actor, operation=_operation(self.execution_context))


def list_statement(*, domains: list[str] | None, record_id: str | None = None, user_id: uuid.UUID | None = None,
                   field: str | None = None) -> sa.Select:
    """Read-log entries, optionally limited to domains (None: all), a record, a user or a field."""
    stmt = sa.select(PersonalDataAccess.__table__)
    if domains is not None:
        stmt = stmt.where(PersonalDataAccess.domain.in_(domains))
    if record_id:
        stmt = stmt.where(PersonalDataAccess.record_id == record_id)
    if user_id:
        stmt = stmt.where(PersonalDataAccess.user_id == user_id)
    if field:
        stmt = stmt.where(PersonalDataAccess.field == field)
    return stmt
