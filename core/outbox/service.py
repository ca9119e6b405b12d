"""Outbox services: record an event in the caller's transaction; claim, acknowledge and release for delivery.

Other domains call :func:`record` (or one of the ``record_*`` helpers) right
after flushing their change, inside the same write transaction: the event
exists exactly when the change does. A rolled-back mutation leaves no event.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.cases.models import Case
from core.complaints.models import Complaint
from core.departments.models import Department, HallDepartment
from core.halls.models import Hall
from core.items.models import HallItem, HallItemStatus, ServiceItem
from core.jurisdictions.models import Jurisdiction
from core.outbox import events
from core.outbox.events import EntityType, EventType
from core.outbox.models import OutboxEvent
from core.ratings.models import Rating
from core.staff.models import Staff
from core.windows.models import Window, WindowAssignment, WindowHandover


@dataclass(frozen=True)
class PendingEvent:
    """An event about to be appended (its sequence is assigned when recorded)."""

    jurisdiction_code: str
    entity_type: EntityType
    entity_id: uuid.UUID
    event_type: EventType | str
    payload: dict


async def next_sequence(session: AsyncSession, *, entity_type: str, entity_id: uuid.UUID) -> int:
    """The entity's next sequence number (1 for its first event)."""
    last = await session.execute(
        sa.select(sa.func.max(OutboxEvent.sequence))
        .where(OutboxEvent.entity_type == entity_type, OutboxEvent.entity_id == entity_id)
    )
    return (last.scalar() or 0) + 1


async def _last_sequences(session: AsyncSession, keys: set[tuple[str, uuid.UUID]]) -> dict[tuple[str, uuid.UUID], int]:
    """Each entity's last sequence (one statement for any number of entities)."""
    if len(keys) == 1:
        [(entity_type, entity_id)] = keys
        return {(entity_type, entity_id): await next_sequence(session, entity_type=entity_type, entity_id=entity_id) - 1}
    rows = (await session.execute(
        sa.select(OutboxEvent.entity_type, OutboxEvent.entity_id, sa.func.max(OutboxEvent.sequence))
        .where(OutboxEvent.entity_id.in_(sorted({entity_id for _, entity_id in keys})))
        .group_by(OutboxEvent.entity_type, OutboxEvent.entity_id)
    )).all()
    return {(entity_type, entity_id): last for entity_type, entity_id, last in rows}


async def record_all(session: AsyncSession, pending: Sequence[PendingEvent]) -> list[OutboxEvent]:
    """Append events in the caller's transaction (call it after flushing the change): one statement for
    the sequences and one insert, however many events.

    The per-entity sequence is taken after the change's own row lock, so two
    writers of one entity get consecutive numbers; if they ever collided the
    unique constraint refuses the second transaction (a CONFLICT to retry).
    Several events of one entity in one call are numbered in the order given.
    """
    if not pending:
        return []
    last = await _last_sequences(session, {(str(e.entity_type), e.entity_id) for e in pending})
    rows = []
    for event in pending:
        key = (str(event.entity_type), event.entity_id)
        last[key] = last.get(key, 0) + 1
        rows.append(OutboxEvent(jurisdiction_code=event.jurisdiction_code, entity_type=key[0], entity_id=event.entity_id,
                                sequence=last[key], event_type=str(event.event_type),
                                payload=events.json_value(event.payload)))
    session.add_all(rows)
    await session.flush()
    return rows


async def record(session: AsyncSession, *, jurisdiction_code: str, entity_type: EntityType, entity_id: uuid.UUID,
                 event_type: EventType | str, payload: dict) -> OutboxEvent:
    """Append one event to the outbox in the caller's transaction (call it after flushing the change)."""
    [event] = await record_all(session, [PendingEvent(jurisdiction_code, entity_type, entity_id, event_type, payload)])
    return event


# --- what each domain reports ---------------------------------------------------------


async def _hall(session: AsyncSession, hall_id: uuid.UUID) -> Hall:
    return await session.get(Hall, hall_id)


async def record_hall(session: AsyncSession, *, hall: Hall, event_type: EventType = EventType.HALL_CHANGED) -> OutboxEvent:
    """大厅 created or changed."""
    return await record(session, jurisdiction_code=hall.jurisdiction_code, entity_type=EntityType.HALL,
                        entity_id=hall.id, event_type=event_type, payload=events.hall_payload(hall))


async def stationed_in(session: AsyncSession, *, department_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[dict]]:
    """The halls each department is stationed in now (进驻): ``{hall_id, since, chief_representative_id}`` (one statement)."""
    rows = (await session.execute(
        sa.select(HallDepartment.department_id, HallDepartment.hall_id, HallDepartment.stationed_on,
                  HallDepartment.chief_representative_id)
        .where(HallDepartment.department_id.in_(list(department_ids)))
        .order_by(HallDepartment.hall_id)
    )).all()
    halls: dict[uuid.UUID, list[dict]] = {department_id: [] for department_id in department_ids}
    for row in rows:
        halls[row.department_id].append({"hall_id": str(row.hall_id), "since": events.json_value(row.stationed_on),
                                         "chief_representative_id": events.json_value(row.chief_representative_id)})
    return halls


async def record_department(session: AsyncSession, *, department: Department,
                            event_type: EventType = EventType.DEPARTMENT_CHANGED,
                            hall_id: uuid.UUID | None = None) -> OutboxEvent:
    """部门 created, changed, closed, stationed in a hall or taken out: the department and the halls it is in now.

    ``hall_id`` names the hall whose 进驻 this change was about.
    """
    payload = events.department_payload(
        department, stationed_in=(await stationed_in(session, department_ids=[department.id]))[department.id])
    if hall_id is not None:
        payload["hall_id"] = str(hall_id)
    return await record(session, jurisdiction_code=department.jurisdiction_code, entity_type=EntityType.DEPARTMENT,
                        entity_id=department.id, event_type=event_type, payload=payload)


async def record_window(session: AsyncSession, *, window: Window, event_type: EventType = EventType.WINDOW_CHANGED) -> OutboxEvent:
    """窗口 status (panyu Art 13) or details changed."""
    hall = await _hall(session, window.hall_id)
    return await record(session, jurisdiction_code=hall.jurisdiction_code, entity_type=EntityType.WINDOW,
                        entity_id=window.id, event_type=event_type, payload=events.window_payload(window))


async def window_posts(session: AsyncSession, *, window_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[dict]]:
    """Each window's AB岗 posts as reported: ``{staff_id, staff_number, role}``, A first (one statement)."""
    rows = (await session.execute(
        sa.select(WindowAssignment.window_id, WindowAssignment.staff_id, WindowAssignment.role, Staff.staff_number)
        .join(Staff, Staff.id == WindowAssignment.staff_id)
        .where(WindowAssignment.window_id.in_(list(window_ids)))
        .order_by(WindowAssignment.role, Staff.staff_number)
    )).all()
    posts: dict[uuid.UUID, list[dict]] = {window_id: [] for window_id in window_ids}
    for row in rows:
        posts[row.window_id].append({"staff_id": str(row.staff_id), "staff_number": row.staff_number, "role": row.role})
    return posts


async def record_window_posts(session: AsyncSession, *, window: Window, handovers: Sequence[WindowHandover] = (),
                              event_type: EventType = EventType.WINDOW_POSTS_CHANGED) -> OutboxEvent:
    """AB岗 changed on a window: its posts after the change, and the handovers the change logged."""
    hall = await _hall(session, window.hall_id)
    posts = (await window_posts(session, window_ids=[window.id]))[window.id]
    moved = [{"from_staff_id": h.from_staff_id, "to_staff_id": h.to_staff_id, "reason": h.reason,
              "starts_at": h.starts_at} for h in handovers]
    return await record(session, jurisdiction_code=hall.jurisdiction_code, entity_type=EntityType.WINDOW,
                        entity_id=window.id, event_type=event_type,
                        payload=events.window_posts_payload(window, posts=posts, handovers=moved))


async def record_staff(session: AsyncSession, *, staff: Staff, event_type: EventType = EventType.STAFF_CHANGED,
                       details: dict | None = None) -> OutboxEvent:
    """窗口工作人员 changed: employment (编制、职级), status, on duty; ``details`` adds what the change was about."""
    hall = await _hall(session, staff.hall_id)
    return await record(session, jurisdiction_code=hall.jurisdiction_code, entity_type=EntityType.STAFF,
                        entity_id=staff.id, event_type=event_type,
                        payload={**events.staff_payload(staff), **(details or {})})


async def offered_in(session: AsyncSession, *, item_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[dict]]:
    """The halls offering each item now (进驻事项): ``{hall_id, since}`` (one statement)."""
    rows = (await session.execute(
        sa.select(HallItem.item_id, HallItem.hall_id, HallItem.since)
        .where(HallItem.item_id.in_(list(item_ids)), HallItem.status == HallItemStatus.ACTIVE)
        .order_by(HallItem.hall_id)
    )).all()
    halls: dict[uuid.UUID, list[dict]] = {item_id: [] for item_id in item_ids}
    for row in rows:
        halls[row.item_id].append({"hall_id": str(row.hall_id), "since": events.json_value(row.since)})
    return halls


async def record_service_item(session: AsyncSession, *, item: ServiceItem,
                              event_type: EventType = EventType.SERVICE_ITEM_CHANGED,
                              hall_id: uuid.UUID | None = None) -> OutboxEvent:
    """政务服务事项 entered a hall, changed or withdrew: the item and the halls offering it now.

    ``hall_id`` names the hall whose offer this change was about (进驻/调整/撤出 are per hall).
    """
    payload = events.service_item_payload(item, offered_in=(await offered_in(session, item_ids=[item.id]))[item.id])
    if hall_id is not None:
        payload["hall_id"] = str(hall_id)
    return await record(session, jurisdiction_code=item.jurisdiction_code, entity_type=EntityType.SERVICE_ITEM,
                        entity_id=item.id, event_type=event_type, payload=payload)


async def record_case(session: AsyncSession, *, case: Case, event_type: EventType = EventType.CASE_CHANGED,
                      details: dict | None = None) -> OutboxEvent:
    """办件 accepted or changed (without the applicant's personal data); ``details`` adds what the change was
    about (e.g. the correction notice's materials)."""
    hall = await _hall(session, case.hall_id)
    item = await session.get(ServiceItem, case.item_id)
    payload = {**events.case_payload(case, item_code=item.code if item else None), **(details or {})}
    return await record(session, jurisdiction_code=hall.jurisdiction_code, entity_type=EntityType.CASE,
                        entity_id=case.id, event_type=event_type, payload=payload)


async def record_complaint(session: AsyncSession, *, complaint: Complaint,
                           event_type: EventType = EventType.COMPLAINT_CHANGED) -> OutboxEvent:
    """投诉 received or changed (without the complainant's identity)."""
    hall = await _hall(session, complaint.hall_id)
    return await record(session, jurisdiction_code=hall.jurisdiction_code, entity_type=EntityType.COMPLAINT,
                        entity_id=complaint.id, event_type=event_type, payload=events.complaint_payload(complaint))


async def record_ratings(session: AsyncSession, *, ratings: Sequence[Rating],
                         event_type: EventType = EventType.RATING_SUBMITTED,
                         details: dict | None = None) -> list[OutboxEvent]:
    """好差评 with what the provincial platform needs: case serial, item code, region code, staff number,
    level, channel and time. Three statements for any number of ratings (the default-rating job's)."""
    if not ratings:
        return []
    staff_id = sa.func.coalesce(Rating.staff_id, Case.staff_id)
    context = {row.id: row for row in (await session.execute(
        sa.select(Rating.id, Hall.jurisdiction_code, Jurisdiction.region_code, Case.serial_number,
                  ServiceItem.code.label("item_code"), Staff.staff_number)
        .join(Hall, Hall.id == Rating.hall_id)
        .outerjoin(Jurisdiction, Jurisdiction.code == Hall.jurisdiction_code)
        .outerjoin(Case, Case.id == Rating.case_id)
        .outerjoin(ServiceItem, ServiceItem.id == Case.item_id)
        .outerjoin(Staff, Staff.id == staff_id)
        .where(Rating.id.in_([rating.id for rating in ratings]))
    )).all()}
    pending = []
    for rating in ratings:
        known = context[rating.id]
        payload = events.rating_payload(rating, case_serial_number=known.serial_number, item_code=known.item_code,
                                        region_code=known.region_code, staff_number=known.staff_number)
        pending.append(PendingEvent(known.jurisdiction_code, EntityType.RATING, rating.id, event_type,
                                    {**payload, **(details or {})}))
    return await record_all(session, pending)


async def record_rating(session: AsyncSession, *, rating: Rating, event_type: EventType = EventType.RATING_SUBMITTED,
                        details: dict | None = None) -> OutboxEvent:
    """One rating, as :func:`record_ratings`."""
    [event] = await record_ratings(session, ratings=[rating], event_type=event_type, details=details)
    return event


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
