"""The county's outbox: events written with the change, in the same transaction, numbered per entity."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from core.audit import service as audit_service
from core.auth.roles import Role
from core.graphql.relay import to_global_id
from core.outbox import service as outbox_service
from core.outbox.events import EntityType, EventType
from core.outbox.models import OutboxEvent
from core.windows.models import Window
from tests.factories import make_hall, make_user
from tests.reporting.helpers import rate_case

pytestmark = pytest.mark.db

SET_STATUS = """
mutation($input: WindowStatusInput!) {
  setWindowStatus(input: $input) { __typename ... on WindowStatusSuccess { window { status } } ... on Error { code } }
}
"""
UPDATE_EMPLOYMENT = """
mutation($input: StaffEmploymentInput!) {
  updateStaffEmployment(input: $input) { __typename ... on Error { code } }
}
"""


async def outbox_rows(db) -> list[OutboxEvent]:
    async with db.session() as session:
        return list((await session.execute(
            sa.select(OutboxEvent).order_by(OutboxEvent.entity_type, OutboxEvent.entity_id, OutboxEvent.sequence)
        )).scalars().all())


async def test_window_status_changes_are_numbered_per_window(gql, db, runtime):
    graph = await make_hall(db, windows=2)
    admin = await make_user(db, runtime, roles=((Role.HALL_ADMIN.value, f"hall:{graph.hall.id}"),))
    first, second = (to_global_id("Window", w.id) for w in graph.windows)
    for window_id, status in ((first, "BRIEF_ABSENCE"), (first, "SUSPENDED"), (second, "SUSPENDED")):
        result = await gql.data(SET_STATUS, {"input": {"windowId": window_id, "status": status}}, headers=admin["headers"])
        assert result["setWindowStatus"]["__typename"] == "WindowStatusSuccess"
    rows = await outbox_rows(db)
    by_window = {}
    for row in rows:
        by_window.setdefault(row.entity_id, []).append((row.sequence, row.payload["status"]))
    assert by_window == {graph.windows[0].id: [(1, "brief_absence"), (2, "suspended")],
                         graph.windows[1].id: [(1, "suspended")]}
    assert {(r.entity_type, r.event_type, r.jurisdiction_code) for r in rows} == {("window", "window.status_changed", "jiedong")}
    assert all(r.delivered_at is None and r.payload["hall_id"] == str(graph.hall.id) for r in rows)


async def test_staff_employment_change_is_reported(gql, db, runtime):
    graph = await make_hall(db)
    leader = await make_user(db, runtime, roles=((Role.DEPARTMENT_LEADER.value, f"dept:{graph.departments[0].id}"),))
    staff_id = to_global_id("Staff", graph.staff[0].id)
    result = await gql.data(UPDATE_EMPLOYMENT, {"input": {"staffId": staff_id, "rank": "四级主任科员"}}, headers=leader["headers"])
    assert result["updateStaffEmployment"]["__typename"] == "StaffEmploymentSuccess"
    [row] = await outbox_rows(db)
    assert (row.entity_type, row.entity_id, row.sequence, row.event_type) == (
        "staff", graph.staff[0].id, 1, "staff.employment_changed")
    assert row.payload["rank"] == "四级主任科员" and row.payload["staff_number"] == graph.staff[0].staff_number


async def test_a_denied_mutation_writes_no_event(gql, db, runtime):
    graph = await make_hall(db)
    other = await make_hall(db)
    outsider = await make_user(db, runtime, roles=((Role.HALL_ADMIN.value, f"hall:{other.hall.id}"),))
    result = await gql.data(SET_STATUS, {"input": {"windowId": to_global_id("Window", graph.windows[0].id), "status": "SUSPENDED"}},
                            headers=outsider["headers"])
    assert result["setWindowStatus"]["code"] == "PERMISSION_DENIED"
    assert await outbox_rows(db) == []


async def test_a_rolled_back_mutation_leaves_no_event(gql, db, runtime, monkeypatch):
    graph = await make_hall(db)
    admin = await make_user(db, runtime, roles=((Role.HALL_ADMIN.value, f"hall:{graph.hall.id}"),))
    original = audit_service.record

    def failing_commit(session, **kwargs):
        # The change and its outbox event are flushed; the audit write then fails and the transaction rolls back.
        if kwargs.get("outcome") == "ok":
            raise IntegrityError("INSERT INTO audit_entry", {}, Exception("simulated failure"))
        return original(session, **kwargs)

    monkeypatch.setattr(audit_service, "record", failing_commit)
    result = await gql.data(SET_STATUS, {"input": {"windowId": to_global_id("Window", graph.windows[0].id), "status": "SUSPENDED"}},
                            headers=admin["headers"])
    assert result["setWindowStatus"]["code"] == "CONFLICT"
    assert await outbox_rows(db) == []
    async with db.session() as session:
        assert (await session.get(Window, graph.windows[0].id)).status == "serving"


async def test_record_is_part_of_the_callers_transaction(db):
    graph = await make_hall(db)
    with pytest.raises(RuntimeError):
        async with db.transaction() as session:
            await outbox_service.record(session, jurisdiction_code="jiedong", entity_type=EntityType.HALL,
                                        entity_id=graph.hall.id, event_type=EventType.HALL_CHANGED, payload={"name": "x"})
            raise RuntimeError("the change failed")
    assert await outbox_rows(db) == []
    async with db.transaction() as session:
        hall = await session.get(type(graph.hall), graph.hall.id)
        first = await outbox_service.record_hall(session, hall=hall)
        second = await outbox_service.record_hall(session, hall=hall)
    assert (first.sequence, second.sequence) == (1, 2)
    assert first.payload["name"] == graph.hall.name


async def test_a_rating_carries_what_the_provincial_platform_needs(db):
    graph = await make_hall(db)
    case, rating = await rate_case(db, graph, level="satisfied", channel="qr_code")
    rows = await outbox_rows(db)
    [rating_event] = [r for r in rows if r.entity_type == "rating"]
    [case_event] = [r for r in rows if r.entity_type == "case"]
    assert rating_event.payload == {
        "id": str(rating.id), "hall_id": str(graph.hall.id), "case_serial_number": case.serial_number,
        "item_code": graph.items[0].code, "region_code": "445203", "staff_number": graph.staff[0].staff_number,
        "level": "satisfied", "score": 10.0, "channel": "qr_code", "comment": None, "defaulted": False,
        "counts_in_assessment": True, "rated_at": rating.rated_at.isoformat(),
    }
    assert case_event.event_type == "case.accepted" and case_event.payload["item_code"] == graph.items[0].code
    assert "applicant_name" not in case_event.payload and "applicant_id_number" not in case_event.payload
