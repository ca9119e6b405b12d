"""Hall services: keyword-only functions with plain verbs."""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.halls.models import Hall


def list_statement(*, jurisdiction_codes: list[str], level: str | None = None, search: str | None = None,
                   parent_id: uuid.UUID | None = None) -> sa.Select:
    """Halls of the given (enabled) jurisdictions, optionally filtered."""
    stmt = sa.select(Hall.__table__).where(Hall.jurisdiction_code.in_(jurisdiction_codes))
    if level:
        stmt = stmt.where(Hall.level == level)
    if search:
        stmt = stmt.where(Hall.name.contains(search, autoescape=True))
    if parent_id:
        stmt = stmt.where(Hall.parent_id == parent_id)
    return stmt


async def get(session: AsyncSession, *, hall_id: uuid.UUID) -> Hall | None:
    """One hall by id."""
    return await session.get(Hall, hall_id)
