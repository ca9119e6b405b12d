"""ingestEvents: a county Tingwu reports its hall-data events (上报) to the provincial Tingwu.

Authorized per jurisdiction: the caller needs ``reported_event write`` in the
jurisdiction of every event of the batch — the county reporter role
(``county_reporter``, 区县上报账号) granted in ``jurisdiction:<code>`` has it for
its own county only. Each event is acknowledged once stored: applied in order,
held for a missing earlier event, stale, or a duplicate of one received before.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Union

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from core.auth.access import jurisdiction_scope, require
from core.errors import DomainError
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.outbox.events import EntityType
from core.reporting import service as reporting_service
from core.reporting.models import IngestOutcome
from core.reporting.service import ReportedEventData

MAX_EVENTS_PER_BATCH = 500


@strawberry.input(description="One reported event, as the county's outbox holds it")
class ReportedEventInput:
    id: strawberry.ID = strawberry.field(description="The county's event id: the deduplication key")
    jurisdiction_code: str = strawberry.field(description="辖区: the reporting county's jurisdiction code")
    entity_type: str = strawberry.field(description="hall, window, staff, service_item, case, rating or complaint")
    entity_id: strawberry.ID
    sequence: int = strawberry.field(description="The entity's event number, from 1: the province applies in this order")
    event_type: str = strawberry.field(description="e.g. window.status_changed, rating.submitted")
    payload: JSON
    occurred_at: datetime


@strawberry.input(description="上报: a batch of a county's hall-data events")
class IngestEventsInput:
    events: list[ReportedEventInput]


@strawberry.type(description="Every event of the batch is stored and acknowledged; the counts say what became of them")
class IngestEventsSuccess:
    acknowledged: list[strawberry.ID] = strawberry.field(description="Ids the county may mark delivered")
    applied: int
    held: int = strawberry.field(description="Waiting for an earlier event of the same entity")
    stale: int = strawberry.field(description="Older than what was applied: kept, not applied")
    duplicates: int = strawberry.field(description="Received before: ignored")


IngestEventsResult = Annotated[Union[IngestEventsSuccess, *ERROR_TYPES], strawberry.union("IngestEventsResult")]


def _invalid(index: int, field: str, reason: str, reason_en: str) -> DomainError:
    return DomainError("VALIDATION_FAILED", {"field": f"events[{index}].{field}", "field_label": f"第{index + 1}条事件的{field}",
                                             "reason": reason, "reason_en": reason_en})


def clean_events(ctx, events: list[ReportedEventInput]) -> list[ReportedEventData]:
    """Parse and check the batch; the first bad event refuses the whole batch."""
    if not events or len(events) > MAX_EVENTS_PER_BATCH:
        raise DomainError("VALIDATION_FAILED", {
            "field": "events", "field_label": "事件",
            "reason": f"每批 1 到 {MAX_EVENTS_PER_BATCH} 条", "reason_en": f"send 1 to {MAX_EVENTS_PER_BATCH} events per batch"})
    cleaned = []
    for index, event in enumerate(events):
        try:
            event_id, entity_id = uuid.UUID(str(event.id)), uuid.UUID(str(event.entity_id))
        except ValueError:
            raise _invalid(index, "id", "应为 UUID", "must be a UUID") from None
        try:
            entity_type = EntityType(event.entity_type)
        except ValueError:
            raise _invalid(index, "entityType", "未知的上报对象类型", "unknown entity type") from None
        if event.sequence < 1:
            raise _invalid(index, "sequence", "应从 1 开始", "starts at 1")
        if not isinstance(event.payload, dict):
            raise _invalid(index, "payload", "应为 JSON 对象", "must be a JSON object")
        if event.occurred_at.tzinfo is None:
            raise _invalid(index, "occurredAt", "应带时区", "must carry a UTC offset")
        if not ctx.plugins.is_enabled(event.jurisdiction_code):
            raise DomainError("JURISDICTION_NOT_ENABLED", {"code": event.jurisdiction_code})
        cleaned.append(ReportedEventData(id=event_id, jurisdiction_code=event.jurisdiction_code, entity_type=entity_type,
                                         entity_id=entity_id, sequence=event.sequence, event_type=event.event_type,
                                         payload=event.payload, occurred_at=event.occurred_at))
    return cleaned


async def ingest_events(info: Info, input: IngestEventsInput) -> IngestEventsResult:
    ctx = info.context

    async def body(session, call):
        events = clean_events(ctx, input.events)
        codes = sorted({event.jurisdiction_code for event in events})
        call.acted(target_type="ReportedEvents", target_id=",".join(codes)[:80])
        domains = [require(ctx, "reported_event", "write", jurisdiction_scope(ctx, code)) for code in codes]
        outcomes = await reporting_service.ingest(session, events=events, reported_by=ctx.actor.user_id)
        counts = {outcome: sum(1 for o in outcomes.values() if o is outcome) for outcome in IngestOutcome}
        call.acted(domain=domains[0], after={"events": len(events), **{o.value: n for o, n in counts.items()}})
        return IngestEventsSuccess(
            acknowledged=[strawberry.ID(str(event.id)) for event in input.events],
            applied=counts[IngestOutcome.APPLIED],
            held=counts[IngestOutcome.HELD],
            stale=counts[IngestOutcome.STALE],
            duplicates=counts[IngestOutcome.DUPLICATE],
        )

    return await run_mutation(info, "ingestEvents", body)
