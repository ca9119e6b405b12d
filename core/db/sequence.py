"""Daily counters: human numbers (办件流水号, 取号 A001) that never repeat, allocated safely under concurrency.

One row per (name, day). Allocation is one ``INSERT … ON CONFLICT DO UPDATE …
RETURNING`` statement, atomic on both backends: PostgreSQL locks the row for
the rest of the transaction, SQLite serializes writers.
"""

from __future__ import annotations

import uuid
from datetime import date

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import Field, SQLModel

from core.db.base import uuid_pk


class DailySequence(SQLModel, table=True):
    """The last number given out under ``name`` on ``day``."""

    __tablename__ = "daily_sequence"
    __table_args__ = (sa.UniqueConstraint("name", "day"),)

    id: uuid.UUID = uuid_pk()
    name: str = Field(max_length=120)
    day: date
    last_value: int = 0


async def next_value(session: AsyncSession, *, name: str, day: date, floor: int = 0) -> int:
    """The next number under ``name`` on ``day`` (1, 2, …); never below ``floor + 1``.

    ``floor`` (the highest number already given out by other means: demo data,
    imports) keeps the counter above numbers that exist.
    """
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = DailySequence.__table__
    stmt = insert(table).values(id=uuid.uuid4(), name=name, day=day, last_value=floor + 1)
    larger = sa.func.greatest if dialect == "postgresql" else sa.func.max  # SQLite's two-argument max()
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.name, table.c.day],
        set_={"last_value": larger(table.c.last_value + 1, floor + 1)},
    ).returning(table.c.last_value)
    return (await session.execute(stmt)).scalar_one()
