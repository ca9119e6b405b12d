"""What the province keeps of the new event types: reported cases, overturned ratings, and any event type it
does not know yet, stored as the entity's state all the same."""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa

from core.auth.roles import Role
from core.reporting.models import ReportedCase, ReportedEntity, ReportedRating
from tests.reporting.helpers import event, ingest
from tests.reporting.test_ingest import entity_state, reporter

pytestmark = pytest.mark.db

CASES = """query($j: String!, $status: String) { reportedCases(jurisdiction: $j, status: $status) { totalCount
  edges { node { serialNumber itemCode category status outcome deadlineOn paused overdue completedAt lastEventType } } } }"""


def case_payload(case_id, **changes) -> dict:
    return {"id": str(case_id), "serial_number": "JD20261116000001", "hall_id": str(uuid.uuid4()), "item_code": "JD-ITEM-1",
            "category": "promised", "status": "accepted", "tolerance_acceptance": False, "deadline_on": "2026-11-23",
            "paused_since": None, "outcome": None, "accepted_at": "2026-11-16T02:00:00+00:00", "completed_at": None,
            "completed_on": None, **changes}


async def test_reported_cases_follow_their_events(province, province_gql):
    headers = await reporter(province)
    case_id, late_id = uuid.uuid4(), uuid.uuid4()
    events = [
        event(case_id, 1, entity_type="case", event_type="case.accepted", payload=case_payload(case_id)),
        event(case_id, 2, entity_type="case", event_type="case.correction_requested",
              payload=case_payload(case_id, status="awaiting_materials", paused_since="2026-11-17",
                                   correction_notice={"materials": ["身份证"]})),
        event(case_id, 3, entity_type="case", event_type="case.materials_supplied",
              payload=case_payload(case_id, deadline_on="2026-11-25")),
        event(case_id, 4, entity_type="case", event_type="case.completed",
              payload=case_payload(case_id, deadline_on="2026-11-25", status="completed", outcome="approved",
                                   completed_at="2026-11-19T03:00:00+00:00", completed_on="2026-11-19")),
        event(late_id, 1, entity_type="case", event_type="case.accepted",
              payload=case_payload(late_id, serial_number="JD20261102000009", deadline_on="2026-11-06",
                                   accepted_at="2026-11-02T02:00:00+00:00")),
    ]
    # Out of order on purpose: the province applies each case's events in sequence.
    result = await ingest(province_gql, [events[3], events[1], events[4], events[0], events[2]], headers)
    assert (result["applied"], result["held"]) == (5, 0)
    async with province.db.session() as session:
        rows = {r.case_id: r for r in (await session.execute(sa.select(ReportedCase))).scalars().all()}
    done = rows[case_id]
    assert (done.status, done.outcome, done.deadline_on.isoformat(), done.completed_on.isoformat(), done.paused_since,
            done.last_event_type) == ("completed", "approved", "2026-11-25", "2026-11-19", None, "case.completed")

    integrator = await reporter(province, role=Role.PROVINCIAL_INTEGRATOR)
    listed = (await province_gql.data(CASES, {"j": "jiedong"}, headers=integrator))["reportedCases"]
    assert listed["totalCount"] == 2
    newest, older = (edge["node"] for edge in listed["edges"])
    assert (newest["serialNumber"], newest["status"], newest["overdue"], newest["paused"], newest["itemCode"]) == (
        "JD20261116000001", "completed", False, False, "JD-ITEM-1")
    assert (older["serialNumber"], older["status"], older["overdue"]) == ("JD20261102000009", "accepted", True)
    completed = (await province_gql.data(CASES, {"j": "jiedong", "status": "completed"}, headers=integrator))
    assert completed["reportedCases"]["totalCount"] == 1
    refused = await province_gql.execute(CASES, {"j": "jiedong"}, headers=headers)
    assert refused["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


async def test_an_overturned_rating_leaves_assessment_at_the_province(province, province_gql):
    headers = await reporter(province)
    rating_id = uuid.uuid4()
    payload = {"id": str(rating_id), "hall_id": str(uuid.uuid4()), "case_serial_number": "SN0002", "item_code": "X-1",
               "region_code": "445203", "staff_number": "JD-008", "level": "dissatisfied", "score": 3.0,
               "channel": "device", "comment": None, "defaulted": False, "counts_in_assessment": True,
               "rated_at": "2026-11-20T09:30:00+00:00"}
    await ingest(province_gql, [
        event(rating_id, 1, entity_type="rating", event_type="rating.submitted", payload=payload),
        event(rating_id, 2, entity_type="rating", event_type="rating.overturned",
              payload={**payload, "counts_in_assessment": False, "appeal_outcome": "overturned_malicious"}),
    ], headers)
    async with province.db.session() as session:
        [rating] = (await session.execute(sa.select(ReportedRating))).scalars().all()
    assert (rating.level, rating.counts_in_assessment) == ("dissatisfied", False)
    integrator = await reporter(province, role=Role.PROVINCIAL_INTEGRATOR)
    query = """query($j: String!, $c: Boolean) { reportedRatings(jurisdiction: $j, countsInAssessment: $c) {
      totalCount edges { node { staffNumber countsInAssessment } } } }"""
    counted = await province_gql.data(query, {"j": "jiedong", "c": True}, headers=integrator)
    assert counted["reportedRatings"]["totalCount"] == 0
    out = await province_gql.data(query, {"j": "jiedong", "c": False}, headers=integrator)
    assert out["reportedRatings"]["edges"] == [{"node": {"staffNumber": "JD-008", "countsInAssessment": False}}]


async def test_an_event_type_the_province_does_not_know_is_stored_all_the_same(province, province_gql):
    headers = await reporter(province)
    staff_id = uuid.uuid4()
    result = await ingest(province_gql, [
        event(staff_id, 1, entity_type="staff", event_type="staff.baseline",
              payload={"id": str(staff_id), "staff_number": "JD-009", "status": "on_duty"}),
        event(staff_id, 2, entity_type="staff", event_type="staff.seconded_to_another_hall",
              payload={"status": "seconded", "seconded_until": "2026-12-31"}),
    ], headers)
    assert result["applied"] == 2
    state = await entity_state(province, staff_id)
    assert (state.last_sequence, state.last_event_type) == (2, "staff.seconded_to_another_hall")
    assert state.state == {"id": str(staff_id), "staff_number": "JD-009", "status": "seconded",
                           "seconded_until": "2026-12-31"}


async def test_a_case_event_with_values_the_province_cannot_read_is_still_stored(province, province_gql):
    headers = await reporter(province)
    case_id = uuid.uuid4()
    odd = case_payload(case_id, deadline_on="next Tuesday", hall_id="not-a-uuid", accepted_at="2026-11-16")
    result = await ingest(province_gql, [event(case_id, 1, entity_type="case", event_type="case.accepted", payload=odd)],
                          headers)
    assert result["applied"] == 1
    async with province.db.session() as session:
        [case] = (await session.execute(sa.select(ReportedCase))).scalars().all()
        [entity] = (await session.execute(sa.select(ReportedEntity))).scalars().all()
    assert (case.deadline_on, case.hall_id, case.serial_number) == (None, None, "JD20261116000001")
    assert entity.state["deadline_on"] == "next Tuesday", "the entity's state keeps what was sent"
