"""Optimistic concurrency: a ``version`` column checked in the UPDATE's WHERE.

Two people deciding the same thing at once both read version *n*; the first
``UPDATE … SET version = n + 1 WHERE id = … AND version = n`` wins, the second
updates nothing and gets a :class:`~core.errors.ConflictError`. On PostgreSQL
the second UPDATE waits for the first transaction's row lock and then finds
the version moved; on SQLite writers are serialized and the second one reads
the new state. Either way nothing of the loser is written.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import ConflictError


async def claim(session: AsyncSession, row, *, code: str = "CONFLICT") -> None:
    """Bump ``row.version`` in the database only if nobody did since ``row`` was read; ConflictError otherwise."""
    table = type(row).__table__
    expected = row.version
    result = await session.execute(
        sa.update(table).where(table.c.id == row.id, table.c.version == expected).values(version=expected + 1)
    )
    if result.rowcount != 1:
        raise ConflictError(code)
    row.version = expected + 1  # keep the loaded object in step with the row (the value written is the same)
