"""`tingwu jobs deliver-outbox`: needs the province's URL and token; a failed run leaves the outbox as it was."""

from __future__ import annotations

import socket
import uuid

import pytest

from core.db import Database
from core.outbox import service as outbox_service
from core.outbox.events import EntityType, EventType
from tests.conftest import run_sync
from tests.test_cli import tingwu

pytestmark = pytest.mark.db


def closed_loopback_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _add_events(url: str, count: int) -> None:
    db = Database(url)
    try:
        async with db.transaction() as session:
            for _ in range(count):
                await outbox_service.record(session, jurisdiction_code="jiedong", entity_type=EntityType.HALL,
                                            entity_id=uuid.uuid4(), event_type=EventType.HALL_CHANGED, payload={})
    finally:
        await db.dispose()


async def _pending(url: str) -> int:
    db = Database(url)
    try:
        async with db.session() as session:
            return await outbox_service.pending_count(session)
    finally:
        await db.dispose()


def test_deliver_outbox_needs_the_province(backend, fresh_database_url):
    url = fresh_database_url(backend)
    assert tingwu(["db", "upgrade"], url).exit_code == 0
    unconfigured = tingwu(["jobs", "deliver-outbox"], url)
    assert unconfigured.exit_code == 1 and "TINGWU_PROVINCE_URL" in unconfigured.output
    run_sync(_add_events(url, 3))
    unreachable = tingwu(["jobs", "deliver-outbox"], url,
                         TINGWU_PROVINCE_URL=f"http://127.0.0.1:{closed_loopback_port()}/graphql",
                         TINGWU_PROVINCE_TOKEN="county-token")
    assert unreachable.exit_code == 1 and "delivery stopped" in unreachable.output
    assert "delivered 0 of 3 events sent in 1 batches; 3 pending" in unreachable.output
    assert run_sync(_pending(url)) == 3
