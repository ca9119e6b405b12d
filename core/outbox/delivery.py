"""Delivery (上报投递): send the outbox to the provincial Tingwu, at least once, in claimed batches.

A run claims a batch, posts it to the province's ``ingestEvents`` mutation
with the county reporter's bearer token and marks the events delivered only
once the province has acknowledged them. A failed send gives the claim back;
a killed run's claim lapses after its lease. Either way the events go out
again and the province, which deduplicates by event id, applies each once.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

import httpx

from core.auth.tokens import utc_now
from core.db import Database
from core.outbox import service as outbox_service
from core.outbox.models import OutboxEvent

DEFAULT_BATCH_SIZE = 100
DEFAULT_LEASE = timedelta(seconds=60)
DEFAULT_TIMEOUT_SECONDS = 15.0

INGEST_MUTATION = """
mutation IngestEvents($input: IngestEventsInput!) {
  ingestEvents(input: $input) {
    __typename
    ... on IngestEventsSuccess { acknowledged }
    ... on Error { code message }
  }
}
"""


class DeliveryError(Exception):
    """The province did not acknowledge a batch; nothing of it is marked delivered."""


class ProvinceTransport(Protocol):
    async def send(self, events: Sequence[dict]) -> list[uuid.UUID]:
        """Post events to the province; return the ids it acknowledged. Raises on any failure."""


def event_message(event: OutboxEvent) -> dict:
    """One outbox row as the province's ``ReportedEventInput``."""
    return {
        "id": str(event.id),
        "jurisdictionCode": event.jurisdiction_code,
        "entityType": event.entity_type,
        "entityId": str(event.entity_id),
        "sequence": event.sequence,
        "eventType": event.event_type,
        "payload": event.payload,
        "occurredAt": event.created_at.isoformat(),
    }


class HttpProvinceTransport:
    """The province's GraphQL endpoint over HTTP, authenticated as the county reporter (区县上报账号)."""

    def __init__(self, url: str, token: str, *, timeout: float = DEFAULT_TIMEOUT_SECONDS,
                 client: httpx.AsyncClient | None = None):
        self.url = url
        self.token = token
        self.timeout = timeout
        self.client = client

    async def send(self, events: Sequence[dict]) -> list[uuid.UUID]:
        body = {"query": INGEST_MUTATION, "variables": {"input": {"events": list(events)}}}
        headers = {"Authorization": f"Bearer {self.token}", "Accept-Language": "en"}
        if self.client is not None:
            response = await self.client.post(self.url, json=body, headers=headers, timeout=self.timeout)
        else:
            async with httpx.AsyncClient(timeout=self.timeout) as client:
                response = await client.post(self.url, json=body, headers=headers)
        if response.status_code != 200:
            raise DeliveryError(f"the province answered HTTP {response.status_code}")
        data = response.json()
        if data.get("errors"):
            raise DeliveryError(f"the province refused the batch: {data['errors'][0].get('message')}")
        result = (data.get("data") or {}).get("ingestEvents") or {}
        if result.get("__typename") != "IngestEventsSuccess":
            raise DeliveryError(f"the province refused the batch: {result.get('code')} {result.get('message')}")
        return [uuid.UUID(event_id) for event_id in result["acknowledged"]]


@dataclass
class DeliveryReport:
    batches: int = 0
    sent: int = 0
    acknowledged: int = 0
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


async def deliver_outbox(db: Database, transport: ProvinceTransport, *, batch_size: int = DEFAULT_BATCH_SIZE,
                         lease: timedelta = DEFAULT_LEASE, max_batches: int | None = None,
                         clock: Callable[[], datetime] = utc_now) -> DeliveryReport:
    """Deliver claimed batches until the outbox is empty, a send fails, or ``max_batches`` were sent.

    Safe to run twice or concurrently: runs claim disjoint batches, and the
    province deduplicates whatever a lapsed claim sends again.
    """
    report = DeliveryReport()
    while max_batches is None or report.batches < max_batches:
        claim_id = uuid.uuid4()
        async with db.transaction() as session:
            batch = await outbox_service.claim(session, claim_id=claim_id, now=clock(), lease=lease, limit=batch_size)
            messages = [event_message(event) for event in batch]
        if not messages:
            break
        report.batches += 1
        report.sent += len(messages)
        try:
            acknowledged = await transport.send(messages)
        except Exception as exc:  # any failure: the claim goes back, the next run sends the batch again
            async with db.transaction() as session:
                await outbox_service.release(session, claim_id=claim_id)
            report.error = str(exc) or type(exc).__name__
            break
        async with db.transaction() as session:
            report.acknowledged += await outbox_service.mark_delivered(session, event_ids=acknowledged, now=clock())
        if len(acknowledged) < len(messages):
            # Unacknowledged events stay claimed until the lease lapses; stop rather than spin on them.
            async with db.transaction() as session:
                await outbox_service.release(session, claim_id=claim_id)
            report.error = f"the province acknowledged {len(acknowledged)} of {len(messages)} events"
            break
    return report
