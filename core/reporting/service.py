"""Ingestion services: deduplicate by event id, apply each entity's events in sequence order.

For each reported event, in (entity, sequence) order:

* an id seen before is a duplicate: acknowledged, nothing changes;
* the entity's next sequence is applied, then any held events that now follow on;
* a later sequence (a gap) is held until the missing event arrives;
* an earlier sequence than the one applied is stale: kept and acknowledged, not re-applied.

Applying an event merges its payload into the entity's ``reported_entity`` state, whatever the
event type (a type this province does not know yet is stored all the same). Ratings also keep
their 好差评 record (``reported_rating``; ``rating.overturned`` takes one out of assessment) and
cases their 办件 record (``reported_case``), which the province's figures read.

Everything runs in the caller's transaction (the ingestEvents mutation's). Batches
of one county are serialized: on PostgreSQL by a transaction-scoped advisory
lock per reporting jurisdiction, on SQLite by its single writer.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.auth.tokens import utc_now
from core.outbox.events import EntityType
from core.reporting.models import IngestedEvent, IngestOutcome, ReportedCase, ReportedEntity, ReportedRating


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


def _parsed(parse, value):
    """A reported value parsed, or None when it is missing or not what it should be (the state keeps it as sent)."""
    try:
        return parse(value) if value else None
    except (TypeError, ValueError):
        return None


def _moment(value) -> datetime | None:
    moment = _parsed(datetime.fromisoformat, value)
    return moment if moment is None or moment.tzinfo is not None else None


def _day(value) -> date | None:
    return _parsed(date.fromisoformat, value)


def _uuid(value) -> uuid.UUID | None:
    return _parsed(lambda text: uuid.UUID(str(text)), value)


async def _apply_rating(session: AsyncSession, row: IngestedEvent, payload: dict) -> None:
    """The rating's 好差评 record from its state so far."""
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
    rating.hall_id = _uuid(payload.get("hall_id"))
    rating.case_serial_number = payload.get("case_serial_number")
    rating.item_code = payload.get("item_code")
    rating.staff_number = payload.get("staff_number")
    rating.level = payload.get("level") or rating.level
    rating.score = payload.get("score")
    rating.channel = payload.get("channel") or rating.channel
    rating.defaulted = bool(payload.get("defaulted"))
    rating.counts_in_assessment = payload.get("counts_in_assessment") is not False
    rating.comment = payload.get("comment")
    rating.rated_at = _moment(payload.get("rated_at")) or row.occurred_at


async def _apply_case(session: AsyncSession, row: IngestedEvent, state: dict) -> None:
    """The case's 办件 record from its state so far (events may carry only what changed)."""
    if not state.get("serial_number"):
        return  # nothing to file it under yet
    case = (await session.execute(sa.select(ReportedCase).where(
        ReportedCase.source_jurisdiction_code == row.source_jurisdiction_code,
        ReportedCase.case_id == row.entity_id,
    ))).scalar_one_or_none()
    if case is None:
        case = ReportedCase(source_jurisdiction_code=row.source_jurisdiction_code, case_id=row.entity_id,
                            event_id=row.id, last_event_type=row.event_type, serial_number=state["serial_number"],
                            status=state.get("status") or "", accepted_at=_moment(state.get("accepted_at")) or row.occurred_at)
        session.add(case)
    case.event_id = row.id
    case.last_event_type = row.event_type
    case.serial_number = state["serial_number"]
    case.hall_id = _uuid(state.get("hall_id"))
    case.item_code = state.get("item_code")
    case.category = state.get("category")
    case.status = state.get("status") or case.status
    case.tolerance_acceptance = bool(state.get("tolerance_acceptance"))
    case.accepted_at = _moment(state.get("accepted_at")) or case.accepted_at
    case.deadline_on = _day(state.get("deadline_on"))
    case.paused_since = _day(state.get("paused_since"))
    case.outcome = state.get("outcome")
    case.completed_at = _moment(state.get("completed_at"))
    case.completed_on = _day(state.get("completed_on"))


async def _apply(session: AsyncSession, state: ReportedEntity, row: IngestedEvent, now: datetime) -> None:
    """Apply one event: the entity's state takes the payload's fields; a rating updates its 好差评 record,
    a case its 办件 record."""
    state.state = {**(state.state or {}), **row.payload}
    state.last_sequence = row.sequence
    state.last_event_type = row.event_type
    state.updated_at = now
    row.outcome = IngestOutcome.APPLIED.value
    row.applied_at = now
    if row.entity_type == EntityType.RATING.value:
        await _apply_rating(session, row, state.state)
    elif row.entity_type == EntityType.CASE.value:
        await _apply_case(session, row, state.state)


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


def list_ratings_statement(*, jurisdiction_codes: list[str], counts_in_assessment: bool | None = None) -> sa.Select:
    """Reported ratings of the given jurisdictions."""
    stmt = sa.select(ReportedRating).where(ReportedRating.source_jurisdiction_code.in_(jurisdiction_codes))
    if counts_in_assessment is not None:
        stmt = stmt.where(ReportedRating.counts_in_assessment.is_(counts_in_assessment))
    return stmt


def list_cases_statement(*, jurisdiction_codes: list[str], status: str | None = None,
                         serial_number: str | None = None) -> sa.Select:
    """Reported cases of the given jurisdictions."""
    stmt = sa.select(ReportedCase).where(ReportedCase.source_jurisdiction_code.in_(jurisdiction_codes))
    if status:
        stmt = stmt.where(ReportedCase.status == status)
    if serial_number:
        stmt = stmt.where(ReportedCase.serial_number == serial_number.strip())
    return stmt
