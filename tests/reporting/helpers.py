"""Events and hall data for the reporting tests."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

from core.cases.models import Case
from core.ratings.models import Rating
from core.outbox import service as outbox_service
from core.outbox.events import EventType

INGEST = """
mutation($input: IngestEventsInput!) {
  ingestEvents(input: $input) {
    __typename
    ... on IngestEventsSuccess { acknowledged applied held stale duplicates }
    ... on Error { code message }
    ... on PermissionDenied { side }
  }
}
"""


def event(entity_id: uuid.UUID, sequence: int, *, jurisdiction: str = "jiedong", entity_type: str = "window",
          event_type: str = "window.status_changed", payload: dict | None = None) -> dict:
    return {"id": str(uuid.uuid4()), "jurisdictionCode": jurisdiction, "entityType": entity_type,
            "entityId": str(entity_id), "sequence": sequence, "eventType": event_type,
            "payload": payload if payload is not None else {"status": f"s{sequence}"},
            "occurredAt": datetime(2026, 11, 20, 9, 0, sequence, tzinfo=timezone.utc).isoformat()}


async def ingest(client, events: list[dict], headers: dict | None) -> dict:
    return (await client.data(INGEST, {"input": {"events": events}}, headers=headers))["ingestEvents"]


async def rate_case(db, graph, *, level: str = "very_satisfied", channel: str = "device", staff_index: int = 0):
    """A case and its rating, recorded in the outbox as the ratings service does (same transaction)."""
    async with db.transaction() as session:
        case = Case(serial_number=f"SN{uuid.uuid4().hex[:16].upper()}", hall_id=graph.hall.id,
                    item_id=graph.items[0].id, window_id=graph.windows[0].id, staff_id=graph.staff[staff_index].id,
                    category="instant", applicant_name="李四")
        session.add(case)
        await session.flush()
        await outbox_service.record_case(session, case=case, event_type=EventType.CASE_ACCEPTED)
        rating = Rating(case_id=case.id, staff_id=graph.staff[staff_index].id, hall_id=graph.hall.id, level=level,
                        score=10.0, channel=channel)
        session.add(rating)
        await session.flush()
        await outbox_service.record_rating(session, rating=rating)
    return case, rating
