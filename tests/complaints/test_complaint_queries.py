"""The complaints of a hall: filters (status, overdue, target, channel, period), and a constant statement count."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from core.complaints.models import Complaint, ComplaintNote
from core.graphql.relay import to_global_id
from core.timezones import SHANGHAI, local_today
from tests.factories import make_hall, make_user

pytestmark = pytest.mark.db

QUERY = """query($h: ID!, $status: ComplaintStatus, $overdue: Boolean!, $kind: ComplaintTarget, $target: ID,
                 $channel: String, $from: Date, $to: Date, $first: Int) {
  complaints(hallId: $h, status: $status, overdue: $overdue, targetKind: $kind, targetId: $target, channel: $channel,
             from: $from, to: $to, first: $first) {
    totalCount
    edges { node { reference status overdue channelLabel complainantName targetStaff { staffNumber }
                   targetWindow { number } notes { text } hall { name } } }
  }
}"""


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI).astimezone(timezone.utc)


@pytest.fixture
async def complaints(db, runtime):
    graph = await make_hall(db, jurisdiction="dongying", place="东营区")
    today = local_today()
    rows = [
        # reference, status, channel, target kind/id, received, deadline, resolved
        ("C1", "accepted", "12345", "staff", graph.staff[0].id, "2026-11-02T09:00", today - timedelta(days=1), None),
        ("C2", "resolved", "on_site", "window", graph.windows[0].id, "2026-11-03T09:00", date(2026, 11, 4),
         local("2026-11-05T10:00")),
        ("C3", "closed", "other", "staff", graph.staff[1].id, "2026-11-04T09:00", today - timedelta(days=10),
         datetime.now(timezone.utc) - timedelta(days=20)),
        ("C4", "received", "phone", None, None, "2026-11-20T09:00", None, None),
        ("C5", "accepted", "12345", "hall", graph.hall.id, "2026-11-19T09:00", today + timedelta(days=3), None),
    ]
    async with db.transaction() as session:
        for reference, status, channel, kind, target, received, deadline, resolved in rows:
            complaint = Complaint(reference=reference, hall_id=graph.hall.id, channel=channel, facts="事实",
                                  complainant_name="李红梅", complainant_contact="13905462739", status=status,
                                  target_kind=kind, target_id=target, received_at=local(received),
                                  deadline_on=deadline, resolved_at=resolved)
            session.add(complaint)
            await session.flush()
            session.add(ComplaintNote(complaint_id=complaint.id, text=f"{reference} 调查"))
    reader = await make_user(db, runtime, roles=(("supervisor", f"hall:{graph.hall.id}"),))
    return graph, reader


async def test_filters(gql, db, complaints):
    graph, reader = complaints
    hall = to_global_id("Hall", graph.hall.id)

    async def references(**variables):
        data = await gql.data(QUERY, {"h": hall, "overdue": False, **variables}, headers=reader["headers"])
        return [e["node"]["reference"] for e in data["complaints"]["edges"]]

    assert await references() == ["C4", "C5", "C3", "C2", "C1"]  # newest first
    assert await references(status="ACCEPTED") == ["C5", "C1"]
    # Overdue: C1 is open past its deadline; C2 was resolved after its; C3 on time; C5 not due yet.
    assert await references(overdue=True) == ["C2", "C1"]
    assert await references(kind="STAFF") == ["C3", "C1"]
    assert await references(target=to_global_id("Window", graph.windows[0].id)) == ["C2"]
    assert await references(channel="12345") == ["C5", "C1"]
    assert await references(**{"from": "2026-11-03", "to": "2026-11-19"}) == ["C5", "C3", "C2"]
    data = await gql.data(QUERY, {"h": hall, "overdue": False, "status": "ACCEPTED"}, headers=reader["headers"])
    first = data["complaints"]["edges"][0]["node"]
    assert first["channelLabel"] == "12345热线" and first["complainantName"] == "李红梅"


async def test_statement_count_does_not_grow_with_the_page_size(gql, db, complaints, count_statements):
    graph, reader = complaints
    async with db.transaction() as session:  # the newest ones alternate between staff and windows
        for i in range(10):
            kind, target = ("staff", graph.staff[i % 4].id) if i % 2 else ("window", graph.windows[i % 2].id)
            session.add(Complaint(reference=f"N{i}", hall_id=graph.hall.id, channel="12345", facts="事实",
                                  target_kind=kind, target_id=target, received_at=local(f"2026-11-21T10:{i:02d}")))
    variables = {"h": to_global_id("Hall", graph.hall.id), "overdue": False}
    count_statements.reset()
    small = await gql.data(QUERY, {**variables, "first": 2}, headers=reader["headers"])
    few = count_statements.count
    count_statements.reset()
    large = await gql.data(QUERY, {**variables, "first": 15}, headers=reader["headers"])
    assert len(small["complaints"]["edges"]) == 2 and len(large["complaints"]["edges"]) == 15
    assert count_statements.count == few, count_statements.statements


async def test_a_complaint_by_its_global_id(gql, db, runtime, complaints):
    graph, reader = complaints
    listing = await gql.data("query($h: ID!) { complaints(hallId: $h, first: 1) { edges { node { id reference } } } }",
                             {"h": to_global_id("Hall", graph.hall.id)}, headers=reader["headers"])
    node = listing["complaints"]["edges"][0]["node"]
    query = "query($id: ID!) { node(id: $id) { ... on Complaint { reference } } }"
    assert (await gql.data(query, {"id": node["id"]}, headers=reader["headers"]))["node"] == {"reference": node["reference"]}
    assert (await gql.data(query, {"id": node["id"]}))["node"] is None
    stranger = await make_user(db, runtime, roles=(("supervisor", f"hall:{(await make_hall(db)).hall.id}"),))
    assert (await gql.data(query, {"id": node["id"]}, headers=stranger["headers"]))["node"] is None
