"""Outbox services: record an event in the caller's transaction; claim, acknowledge and release for delivery.

Other domains call :func:`record` (or one of the ``record_*`` helpers) right
after flushing their change, inside the same write transaction: the event
exists exactly when the change does. A rolled-back mutation leaves no event.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.cases.models import Case
from core.complaints.models import Complaint
from core.halls.models import Hall
from core.items.models import ServiceItem
from core.jurisdictions.models import Jurisdiction
from core.outbox import events
from core.outbox.events import EntityType, EventType
from core.outbox.models import OutboxEvent
from core.ratings.models import Rating
from core.staff.models import Staff
from core.windows.models import Window


async def next_sequence(session: AsyncSession, *, entity_type: str, entity_id: uuid.UUID) -> int:
    """The entity's next sequence number (1 for its first event)."""
    last = await session.execute(
        sa.select(sa.func.max(OutboxEvent.sequence))
        .where(OutboxEvent.entity_type == entity_type, OutboxEvent.entity_id == entity_id)
    )
    return (last.scalar() or 0) + 1


async def record(session: AsyncSession, *, jurisdiction_code: str, entity_type: EntityType, entity_id: uuid.UUID,
                 event_type: EventType | str, payload: dict) -> OutboxEvent:
    """Append an event to the outbox in the caller's transaction (call it after flushing the change).

    The per-entity sequence is taken after the change's own row lock, so two
    writers of one entity get consecutive numbers; if they ever collided the
    unique constraint refuses the second transaction (a CONFLICT to retry).
    """
    sequence = await next_sequence(session, entity_type=str(entity_type), entity_id=entity_id)
    event = OutboxEvent(jurisdiction_code=jurisdiction_code, entity_type=str(entity_type), entity_id=entity_id,
                        sequence=sequence, event_type=str(event_type), payload=events.json_value(payload))
    session.add(event)
    await session.flush()
    return event


# --- what each domain reports ---------------------------------------------------------


async def _hall(session: AsyncSession, hall_id: uuid.UUID) -> Hall:
    return await session.get(Hall, hall_id)


async def record_hall(session: AsyncSession, *, hall: Hall, event_type: EventType = EventType.HALL_CHANGED) -> OutboxEvent:
    """大厅 created or changed."""
    return await record(session, jurisdiction_code=hall.jurisdiction_code, entity_type=EntityType.HALL,
                        entity_id=hall.id, event_type=event_type, payload=events.hall_payload(hall))


async def record_window(session: AsyncSession, *, window: Window, event_type: EventType = EventType.WINDOW_CHANGED) -> OutboxEvent:
    """窗口 status (panyu Art 13) or details changed."""
    hall = await _hall(session, window.hall_id)
    return await record(session, jurisdiction_code=hall.jurisdiction_code, entity_type=EntityType.WINDOW,
                        entity_id=window.id, event_type=event_type, payload=events.window_payload(window))


async def record_staff(session: AsyncSession, *, staff: Staff, event_type: EventType = EventType.STAFF_CHANGED) -> OutboxEvent:
    """窗口工作人员 changed: employment (编制、职级), status, on duty."""
    hall = await _hall(session, staff.hall_id)
    return await record(session, jurisdiction_code=hall.jurisdiction_code, entity_type=EntityType.STAFF,
                        entity_id=staff.id, event_type=event_type, payload=events.staff_payload(staff))


async def record_service_item(session: AsyncSession, *, item: ServiceItem,
                              event_type: EventType = EventType.SERVICE_ITEM_CHANGED) -> OutboxEvent:
    """政务服务事项 entered, changed or withdrew."""
    return await record(session, jurisdiction_code=item.jurisdiction_code, entity_type=EntityType.SERVICE_ITEM,
                        entity_id=item.id, event_type=event_type, payload=events.service_item_payload(item))


async def record_case(session: AsyncSession, *, case: Case, event_type: EventType = EventType.CASE_CHANGED) -> OutboxEvent:
    """办件 accepted or changed (without the applicant's personal data)."""
    hall = await _hall(session, case.hall_id)
    item = await session.get(ServiceItem, case.item_id)
    return await record(session, jurisdiction_code=hall.jurisdiction_code, entity_type=EntityType.CASE,
                        entity_id=case.id, event_type=event_type,
                        payload=events.case_payload(case, item_code=item.code if item else None))


async def record_complaint(session: AsyncSession, *, complaint: Complaint,
                           event_type: EventType = EventType.COMPLAINT_CHANGED) -> OutboxEvent:
    """投诉 received or changed (without the complainant's identity)."""
    hall = await _hall(session, complaint.hall_id)
    return await record(session, jurisdiction_code=hall.jurisdiction_code, entity_type=EntityType.COMPLAINT,
                        entity_id=complaint.id, event_type=event_type, payload=events.complaint_payload(complaint))


async def record_rating(session: AsyncSession, *, rating: Rating,
                        event_type: EventType = EventType.RATING_SUBMITTED) -> OutboxEvent:
    """好差评 with what the provincial platform needs: case serial, item code, region code, staff number,
    level, channel and time."""
    hall = await _hall(session, rating.hall_id)
    case = await session.get(Case, rating.case_id)
    item = await session.get(ServiceItem, case.item_id) if case else None
    staff_id = rating.staff_id or (case.staff_id if case else None)
    staff = await session.get(Staff, staff_id) if staff_id else None
    region_code = (await session.execute(
        sa.select(Jurisdiction.region_code).where(Jurisdiction.code == hall.jurisdiction_code)
    )).scalar()
    payload = events.rating_payload(rating, case_serial_number=case.serial_number if case else None,
                                    item_code=item.code if item else None, region_code=region_code,
                                    staff_number=staff.staff_number if staff else None)
    return await record(session, jurisdiction_code=hall.jurisdiction_code, entity_type=EntityType.RATING,
                        entity_id=rating.id, event_type=event_type, payload=payload)


# --- delivery ------------------------------------------------------------------------------


async def claim(session: AsyncSession, *, claim_id: uuid.UUID, now: datetime, lease: timedelta,
                limit: int) -> list[OutboxEvent]:
    """Claim up to ``limit`` undelivered events nobody holds, oldest first, each entity's in sequence order.

    PostgreSQL skips rows another run has locked; SQLite's write transaction
    (BEGIN IMMEDIATE) serializes claimers. A claim lapses after ``lease``, so a
    killed run's events go out again (the province deduplicates them).
    """
    stmt = (
        sa.select(OutboxEvent)
        .where(OutboxEvent.delivered_at.is_(None),
               sa.or_(OutboxEvent.claimed_until.is_(None), OutboxEvent.claimed_until < now))
        .order_by(OutboxEvent.created_at, OutboxEvent.entity_type, OutboxEvent.entity_id, OutboxEvent.sequence)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    rows = list((await session.execute(stmt)).scalars().all())
    for row in rows:
        row.claim_id = claim_id
        row.claimed_until = now + lease
    await session.flush()
    return rows


async def mark_delivered(session: AsyncSession, *, event_ids: Iterable[uuid.UUID], now: datetime) -> int:
    """The province acknowledged these events: they are delivered (whoever holds the claim now)."""
    ids = list(event_ids)
    if not ids:
        return 0
    result = await session.execute(
        sa.update(OutboxEvent)
        .where(OutboxEvent.id.in_(ids), OutboxEvent.delivered_at.is_(None))
        .values(delivered_at=now, claim_id=None, claimed_until=None)
    )
    return result.rowcount or 0


async def release(session: AsyncSession, *, claim_id: uuid.UUID) -> int:
    """Give back a claim's undelivered events at once (after a failed send), for the next run."""
    result = await session.execute(
        sa.update(OutboxEvent)
        .where(OutboxEvent.claim_id == claim_id, OutboxEvent.delivered_at.is_(None))
        .values(claim_id=None, claimed_until=None)
    )
    return result.rowcount or 0


async def pending_count(session: AsyncSession) -> int:
    """Events not yet acknowledged by the province."""
    return (await session.execute(
        sa.select(sa.func.count()).select_from(OutboxEvent).where(OutboxEvent.delivered_at.is_(None))
    )).scalar_one()
