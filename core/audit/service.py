"""Audit services: append an entry (in the caller's transaction) and list entries."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.audit.models import AuditEntry
from core.auth.tokens import Actor
from core.pii.fields import ENCRYPTED_COLUMNS
from core.privacy import mask_id_number, mask_name, mask_phone


def snapshot(row, fields: tuple[str, ...] | None = None) -> dict | None:
    """A JSON-safe picture of a row (or of the chosen fields) for before/after."""
    if row is None:
        return None
    data = row.model_dump() if hasattr(row, "model_dump") else dict(row)
    if fields:
        data = {k: data.get(k) for k in fields}
    personal = set(ENCRYPTED_COLUMNS.get(getattr(row, "__tablename__", ""), ()))
    return {k: (_masked(k, v) if k in personal else _json_safe(v)) for k, v in data.items()
            if k not in ("password_hash",) and not k.endswith("_bidx")}


def _masked(name: str, value):
    """Personal data never enters the audit log in clear (it is sealed in its own table)."""
    if value is None:
        return None
    if "id_number" in name or name == "applicant_key":
        return mask_id_number(str(value))
    if "name" in name:
        return mask_name(str(value))
    return mask_phone(str(value))


def _json_safe(value):
    if isinstance(value, (uuid.UUID, Decimal)):
        return str(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    return value


def record(session: AsyncSession, *, actor: Actor | None, action: str, outcome: str, domain: str | None = None,
           target_type: str | None = None, target_id=None, before: dict | None = None, after: dict | None = None,
           detail: str | None = None) -> AuditEntry:
    """Append an audit entry to the session (it commits or rolls back with the change it records)."""
    entry = AuditEntry(
        user_id=actor.user_id if actor else None,
        username=actor.username if actor else None,
        domain=domain,
        action=action,
        outcome=outcome,
        target_type=target_type,
        target_id=str(target_id) if target_id is not None else None,
        before=before,
        after=after,
        detail=detail[:500] if detail else None,
    )
    session.add(entry)
    return entry


def list_statement(*, domains: list[str] | None = None, action: str | None = None,
                   user_id: uuid.UUID | None = None, target_id: str | None = None) -> sa.Select:
    """Entries, optionally limited to domains (None: all), an action, a user or a target."""
    stmt = sa.select(AuditEntry.__table__)
    if domains is not None:
        stmt = stmt.where(AuditEntry.domain.in_(domains))
    if action:
        stmt = stmt.where(AuditEntry.action == action)
    if user_id:
        stmt = stmt.where(AuditEntry.user_id == user_id)
    if target_id:
        stmt = stmt.where(AuditEntry.target_id == target_id)
    return stmt
