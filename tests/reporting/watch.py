"""Watching the county's outbox while mutations run: what each one wrote, and nothing personal in it."""

from __future__ import annotations

import json

import sqlalchemy as sa

from core.outbox.models import OutboxEvent


class OutboxWatch:
    """The outbox events written since the last look."""

    def __init__(self, db):
        self.db = db
        self.seen: set = set()

    async def new(self) -> list[OutboxEvent]:
        async with self.db.session() as session:
            rows = (await session.execute(sa.select(OutboxEvent).order_by(
                OutboxEvent.created_at, OutboxEvent.entity_type, OutboxEvent.sequence))).scalars().all()
        fresh = [row for row in rows if row.id not in self.seen]
        self.seen.update(row.id for row in fresh)
        return fresh

    async def kinds(self) -> list[tuple[str, str]]:
        """(entity type, event type) of the new events, sorted."""
        return sorted((row.entity_type, row.event_type) for row in await self.new())

    async def one(self, event_type: str) -> OutboxEvent:
        """The single new event, which must be of ``event_type``."""
        fresh = await self.new()
        assert [row.event_type for row in fresh] == [event_type], [(r.entity_type, r.event_type) for r in fresh]
        return fresh[0]


def assert_nothing_personal(rows, *values: str) -> None:
    """None of ``values`` (a citizen's name, ID number, phone, contact, words they wrote) is in any payload."""
    text = json.dumps([row.payload for row in rows], ensure_ascii=False)
    for value in values:
        assert value not in text, f"{value!r} went into the outbox"
