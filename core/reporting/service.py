"""Ingestion services: deduplicate by event id, apply each entity's events in sequence order.

For each reported event, in (entity, sequence) order:

* an id seen before is a duplicate: acknowledged, nothing changes;
* the entity's next sequence is applied, then any held events that now follow on;
* a later sequence (a gap) is held until the missing event arrives;
* an earlier sequence than the one applied is stale: kept and acknowledged, not re-applied.

Everything runs in the caller's transaction (the ingestEvents mutation's). Batches
of one county are serialized: on PostgreSQL by a transaction-scoped advisory
lock per reporting jurisdiction, on SQLite by its single writer.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.auth.tokens import utc_now
from core.outbox.events import EntityType
from core.reporting.models import IngestedEvent, IngestOutcome, ReportedEntity, ReportedRating


@dataclass(frozen=True)
class ReportedEventData:
    """One event as a county sent it."""

    id: uuid.UUID
    jurisdiction_code: str
    entity_type: EntityType
    entity_id: uuid.UUID
    sequence: int
    event_type: str
    payload: dict
    occurred_at: datetime


async def _entity_state(session: AsyncSession, event: ReportedEventData) -> ReportedEntity:
    """The entity's applied state, locked for this transaction on PostgreSQL (created empty on first report)."""
    stmt = sa.select(ReportedEntity).where(
        ReportedEntity.source_jurisdiction_code == event.jurisdiction_code,
        ReportedEntity.entity_type == event.entity_type.value,
        ReportedEntity.entity_id == event.entity_id,
    )
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    state = (await session.execute(stmt)).scalar_one_or_none()
    if state is None:
        state = ReportedEntity(source_jurisdiction_code=event.jurisdiction_code, entity_type=event.entity_type.value,
                               entity_id=event.entity_id, last_sequence=0, state={})
        session.add(state)
        await session.flush()
    return state


async def _apply_rating(session: AsyncSession, row: IngestedEvent) -> None:
    payload = row.payload
    rating = (await session.execute(sa.select(ReportedRating).where(
        ReportedRating.source_jurisdiction_code == row.source_jurisdiction_code,
        ReportedRating.rating_id == row.entity_id,
    ))).scalar_one_or_none()
    if rating is None:
        rating = ReportedRating(source_jurisdiction_code=row.source_jurisdiction_code, rating_id=row.entity_id,
                                event_id=row.id, level=payload.get("level") or "", channel=payload.get("channel") or "",
                                rated_at=row.occurred_at)
        session.add(rating)
    rating.event_id = row.id
    rating.region_code = payload.get("region_code")
    rating.hall_id = uuid.UUID(payload["hall_id"]) if payload.get("hall_id") else None
    rating.case_serial_number = payload.get("case_serial_number")
    rating.item_code = payload.get("item_code")
    rating.staff_number = payload.get("staff_number")
    rating.level = payload.get("level") or rating.level
    rating.score = payload.get("score")
    rating.channel = payload.get("channel") or rating.channel
    rating.defaulted = bool(payload.get("defaulted"))
    rating.comment = payload.get("comment")
    rating.rated_at = datetime.fromisoformat(payload["rated_at"]) if payload.get("rated_at") else row.occurred_at


async def _apply(session: AsyncSession, state: ReportedEntity, row: IngestedEvent, now: datetime) -> None:
    """Apply one event: the entity's state takes the payload's fields; a rating updates its 好差评 record."""
    state.state = {**(state.state or {}), **row.payload}
    state.last_sequence = row.sequence
    state.last_event_type = row.event_type
    state.updated_at = now
    row.outcome = IngestOutcome.APPLIED.value
    row.applied_at = now
    if row.entity_type == EntityType.RATING.value:
        await _apply_rating(session, row)


async def _apply_held_successors(session: AsyncSession, state: ReportedEntity, now: datetime) -> int:
    """Apply held events that now follow on without a gap; returns how many."""
    held = (await session.execute(sa.select(IngestedEvent).where(
        IngestedEvent.source_jurisdiction_code == state.source_jurisdiction_code,
        IngestedEvent.entity_type == state.entity_type,
        IngestedEvent.entity_id == state.entity_id,
        IngestedEvent.outcome == IngestOutcome.HELD.value,
        IngestedEvent.sequence > state.last_sequence,
    ).order_by(IngestedEvent.sequence))).scalars().all()
    applied = 0
    for row in held:
        if row.sequence != state.last_sequence + 1:
            break
        await _apply(session, state, row, now)
        applied += 1
    return applied


async def lock_jurisdictions(session: AsyncSession, codes: list[str]) -> None:
    """Serialize concurrent batches of the same counties (in code order, so two batches never deadlock)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for code in sorted(set(codes)):
        await session.execute(sa.text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                              {"key": f"tingwu:ingest:{code}"})


async def ingest(session: AsyncSession, *, events: list[ReportedEventData],
                 reported_by: uuid.UUID | None) -> dict[uuid.UUID, IngestOutcome]:
    """Record and apply a batch; returns each event's outcome (every event is acknowledged)."""
    await lock_jurisdictions(session, [event.jurisdiction_code for event in events])
    now = utc_now()
    outcomes: dict[uuid.UUID, IngestOutcome] = {}
    ordered = sorted(events, key=lambda e: (e.jurisdiction_code, e.entity_type.value, str(e.entity_id), e.sequence))
    for event in ordered:
        if event.id in outcomes or await session.get(IngestedEvent, event.id) is not None:
            outcomes.setdefault(event.id, IngestOutcome.DUPLICATE)
            continue
        state = await _entity_state(session, event)
        row = IngestedEvent(id=event.id, source_jurisdiction_code=event.jurisdiction_code,
                            entity_type=event.entity_type.value, entity_id=event.entity_id, sequence=event.sequence,
                            event_type=event.event_type, payload=event.payload, occurred_at=event.occurred_at,
                            reported_by=reported_by, outcome=IngestOutcome.HELD.value)
        session.add(row)
        if event.sequence <= state.last_sequence:
            row.outcome = IngestOutcome.STALE.value
        elif event.sequence == state.last_sequence + 1:
            await _apply(session, state, row, now)
            await session.flush()
            await _apply_held_successors(session, state, now)
        await session.flush()
        outcomes[event.id] = IngestOutcome(row.outcome)
    return outcomes


def list_ratings_statement(*, jurisdiction_codes: list[str]) -> sa.Select:
    """Reported ratings of the given jurisdictions."""
    return sa.select(ReportedRating).where(ReportedRating.source_jurisdiction_code.in_(jurisdiction_codes))
