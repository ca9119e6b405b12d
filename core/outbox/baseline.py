"""初始上报: the baseline a county reports once, for hall data no event has reported yet.

A county's halls, departments, windows, staff and items usually exist before it reports
anything (imported, or made by the department's own systems), and the
province needs them to read later events: a rating names a staff number, a
case an item code. The baseline gives each hall, department (with the halls
it is stationed in), window (with its posts), staff member and item of the
enabled jurisdictions that has no outbox event
one ``<entity>.baseline`` event, so the province learns each of them exactly
once; anything the services change afterwards is reported as it happens.

Cases, ratings and complaints are reported from the day the county reports:
a baseline of history is not sent (the province's figures start then).

Demo data (``tingwu demo load``) is fictional and never reported: its rows are
recognised by their deterministic ids (:func:`core.demo.load.is_demo_row`).

Idempotent and safe to run concurrently: an entity is picked only while it has
no event, and its baseline is inserted as its first event with ``ON CONFLICT DO
NOTHING`` on the (entity, sequence) key, so a second run adds nothing.
"""

from __future__ import annotations

import uuid
from collections import Counter

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from core.db.base import utcnow
from core.demo.load import is_demo_row
from core.departments.models import Department
from core.halls.models import Hall
from core.items.models import ServiceItem
from core.outbox import events
from core.outbox import service as outbox_service
from core.outbox.events import EntityType, EventType
from core.outbox.models import OutboxEvent
from core.staff.models import Staff
from core.windows.models import Window


def _unreported(entity_type: EntityType, entity_id) -> sa.ColumnElement[bool]:
    return ~sa.exists().where(OutboxEvent.entity_type == entity_type.value, OutboxEvent.entity_id == entity_id)


async def _insert_first_events(session: AsyncSession, rows: list[dict]) -> Counter[str]:
    """Insert each row as its entity's first event, skipping any entity that got one meanwhile;
    returns the events inserted per jurisdiction."""
    insert = (postgresql.insert if session.bind.dialect.name == "postgresql" else sqlite.insert)(OutboxEvent.__table__)
    result = await session.execute(
        insert.on_conflict_do_nothing(index_elements=["entity_type", "entity_id", "sequence"])
        .returning(OutboxEvent.__table__.c.jurisdiction_code), rows)
    return Counter(result.scalars())


def _row(code: str, entity_type: EntityType, entity_id: uuid.UUID, event_type: EventType, payload: dict, now) -> dict:
    return {"id": uuid.uuid4(), "jurisdiction_code": code, "entity_type": entity_type.value, "entity_id": entity_id,
            "sequence": 1, "event_type": event_type.value, "payload": events.json_value(payload), "created_at": now}


async def record_baseline(session: AsyncSession, *, jurisdiction_codes: list[str]) -> dict[str, int]:
    """Baseline events for every hall, department, window, staff member and item of the jurisdictions not
    reported yet.

    Eight reads and at most five inserts, however many rows. Returns the events written per jurisdiction.
    """
    codes = sorted(jurisdiction_codes)
    now = utcnow()
    rows: list[dict] = []

    halls = (await session.execute(sa.select(Hall).where(
        Hall.jurisdiction_code.in_(codes), _unreported(EntityType.HALL, Hall.id)).order_by(Hall.name))).scalars().all()
    rows += [_row(h.jurisdiction_code, EntityType.HALL, h.id, EventType.HALL_BASELINE, events.hall_payload(h), now)
             for h in halls if not is_demo_row(h.id, "hall", h.jurisdiction_code, h.name)]

    departments = (await session.execute(sa.select(Department).where(
        Department.jurisdiction_code.in_(codes), _unreported(EntityType.DEPARTMENT, Department.id))
        .order_by(Department.name))).scalars().all()
    departments = [d for d in departments if not is_demo_row(d.id, "department", d.jurisdiction_code, d.name)]
    stationed = (await outbox_service.stationed_in(session, department_ids=[d.id for d in departments])
                 if departments else {})
    rows += [_row(d.jurisdiction_code, EntityType.DEPARTMENT, d.id, EventType.DEPARTMENT_BASELINE,
                  events.department_payload(d, stationed_in=stationed[d.id]), now) for d in departments]

    windows = (await session.execute(
        sa.select(Window, Hall.jurisdiction_code, Hall.name).join(Hall, Hall.id == Window.hall_id)
        .where(Hall.jurisdiction_code.in_(codes), _unreported(EntityType.WINDOW, Window.id))
        .order_by(Hall.name, Window.number))).all()
    windows = [(w, code) for w, code, hall in windows if not is_demo_row(w.id, "window", code, hall, w.number)]
    posts = await outbox_service.window_posts(session, window_ids=[w.id for w, _ in windows]) if windows else {}
    rows += [_row(code, EntityType.WINDOW, w.id, EventType.WINDOW_BASELINE,
                  events.window_posts_payload(w, posts=posts[w.id]), now) for w, code in windows]

    staff = (await session.execute(
        sa.select(Staff, Hall.jurisdiction_code, Hall.name).join(Hall, Hall.id == Staff.hall_id)
        .where(Hall.jurisdiction_code.in_(codes), _unreported(EntityType.STAFF, Staff.id))
        .order_by(Hall.name, Staff.staff_number))).all()
    rows += [_row(code, EntityType.STAFF, s.id, EventType.STAFF_BASELINE, events.staff_payload(s), now)
             for s, code, hall in staff if not is_demo_row(s.id, "staff", code, hall, s.staff_number)]

    items = (await session.execute(sa.select(ServiceItem).where(
        ServiceItem.jurisdiction_code.in_(codes), _unreported(EntityType.SERVICE_ITEM, ServiceItem.id))
        .order_by(ServiceItem.code))).scalars().all()
    items = [i for i in items if not is_demo_row(i.id, "service_item", i.code)]
    offered = await outbox_service.offered_in(session, item_ids=[i.id for i in items]) if items else {}
    rows += [_row(i.jurisdiction_code, EntityType.SERVICE_ITEM, i.id, EventType.SERVICE_ITEM_BASELINE,
                  events.service_item_payload(i, offered_in=offered[i.id]), now) for i in items]

    written: Counter[str] = Counter()
    for entity_type in EntityType:  # one insert per entity type
        batch = [row for row in rows if row["entity_type"] == entity_type.value]
        if batch:
            written += await _insert_first_events(session, batch)
    return {code: written.get(code, 0) for code in codes}
