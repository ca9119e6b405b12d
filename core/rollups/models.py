"""Rollup tables (日汇总): per hall, local day, scope (hall, window, department, staff) and subject.

Each table is the daily GROUP BY of one source of the bulletin (RULEBOOK §14), kept exact by
:mod:`core.rollups.service`. ``subject_id`` is the window, department or staff member (the hall itself
for the hall scope); :data:`NO_SUBJECT` (the nil UUID) stands for "none" — an online case has no window,
a case may have no handler — because a primary key cannot hold NULL.
"""

from __future__ import annotations

import uuid
from datetime import date

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

#: The subject of cases with no window (online), no handler or an unknown department.
NO_SUBJECT = uuid.UUID(int=0)


def _by_scope_and_day(table: str) -> sa.Index:
    """The provincial views read one scope over a period for many halls."""
    return sa.Index(f"ix_{table}_scope_day_hall_id", "scope", "day", "hall_id")


class RollupKey(SQLModel):
    hall_id: uuid.UUID = Field(primary_key=True)
    day: date = Field(primary_key=True)  # local (Asia/Shanghai) day
    scope: str = Field(primary_key=True, max_length=12)  # BulletinScope
    subject_id: uuid.UUID = Field(primary_key=True)


class RollupCase(RollupKey, table=True):
    """办件 accepted on the day: counts that do not depend on when one looks."""

    __tablename__ = "rollup_case"
    __table_args__ = (_by_scope_and_day("rollup_case"),)

    cases: int = 0
    applicants_without_ticket: int = 0  # distinct applicants among the day's cases that came without a ticket
    completed: int = 0
    completed_late: int = 0  # 办结 after the deadline (overdue for good)
    corrected: int = 0  # at least one 补正告知书
    rated: int = 0  # completed and rated by a citizen (not by default)


class RollupCaseClock(RollupKey, table=True):
    """The day's cases whose figure depends on the as-of day of the bulletin: ``deadline`` counts the cases
    still running (已受理) by their deadline — overdue once the as-of day is past it; ``supplied`` counts the
    corrected cases whose every notice was answered, by the day the last materials came — supplemented from
    that day on."""

    __tablename__ = "rollup_case_clock"
    __table_args__ = (_by_scope_and_day("rollup_case_clock"),)

    clock: str = Field(primary_key=True, max_length=10)  # deadline | supplied
    on_day: date = Field(primary_key=True)
    cases: int = 0


class RollupTicket(RollupKey, table=True):
    """Queue tickets served (办理完毕) on the day, and how long those called had waited (取号 to 叫号)."""

    __tablename__ = "rollup_ticket"
    __table_args__ = (_by_scope_and_day("rollup_ticket"),)

    served: int = 0
    waited: int = 0  # served tickets that were called (the ones with a waiting time)
    wait_seconds: float = 0.0  # their waiting time, summed


class RollupRating(RollupKey, table=True):
    """好差评 given on the day that count (not overturned), by level."""

    __tablename__ = "rollup_rating"
    __table_args__ = (_by_scope_and_day("rollup_rating"),)

    level: str = Field(primary_key=True, max_length=30)
    ratings: int = 0
    by_citizens: int = 0  # not default ratings


class RollupComplaint(RollupKey, table=True):
    """Accepted 投诉 received on the day."""

    __tablename__ = "rollup_complaint"
    __table_args__ = (_by_scope_and_day("rollup_complaint"),)

    complaints: int = 0


# What a hall-day's re-count reads: tickets by the day served (declared here, with the rollups that need
# it, so that the queue module stays as it is; ratings have theirs, ix_rating_hall_id_rated_at).
from core.queue.models import QueueTicket  # noqa: E402

sa.Index("ix_queue_ticket_hall_id_finished_at", QueueTicket.__table__.c.hall_id, QueueTicket.__table__.c.finished_at)

ROLLUP_TABLES = (RollupCase, RollupCaseClock, RollupTicket, RollupRating, RollupComplaint)
