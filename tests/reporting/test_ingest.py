"""The provincial Tingwu's ingestEvents: the reporting county only, deduplicated by id, applied in order."""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa

from core.auth.authorizer import seed_policy
from core.auth.models import CasbinRule
from core.auth.roles import Role
from core.reporting.models import IngestedEvent, ReportedEntity, ReportedRating
from tests.factories import make_user
from tests.reporting.helpers import INGEST, event, ingest

pytestmark = pytest.mark.db


async def reporter(province, code: str = "jiedong", role: Role = Role.COUNTY_REPORTER) -> dict:
    domain = f"jurisdiction:{code}" if role is Role.COUNTY_REPORTER else "province:44"
    return (await make_user(province.db, province, roles=((role.value, domain),)))["headers"]


async def entity_state(province, entity_id: uuid.UUID) -> ReportedEntity | None:
    async with province.db.session() as session:
        return (await session.execute(sa.select(ReportedEntity).where(ReportedEntity.entity_id == entity_id))).scalar_one_or_none()


async def ingested_count(province) -> int:
    async with province.db.session() as session:
        return (await session.execute(sa.select(sa.func.count()).select_from(IngestedEvent))).scalar_one()


async def test_the_migrated_policy_is_the_seed_policy(province):
    async with province.db.session() as session:
        rows = (await session.execute(sa.select(CasbinRule.v0, CasbinRule.v1, CasbinRule.v2, CasbinRule.v3)
                                      .where(CasbinRule.ptype == "p"))).all()
    assert sorted(tuple(r) for r in rows) == sorted(seed_policy())


async def test_only_the_reporting_county_may_ingest_its_events(province, province_gql):
    window = uuid.uuid4()
    jiedong = await reporter(province, "jiedong")
    integrator = await reporter(province, role=Role.PROVINCIAL_INTEGRATOR)
    denied = await ingest(province_gql, [event(window, 1, jurisdiction="panyu")], jiedong)
    assert denied["__typename"] == "PermissionDenied" and denied["side"] == "PROVINCE"
    mixed = await ingest(province_gql, [event(window, 1), event(uuid.uuid4(), 1, jurisdiction="dongguan")], jiedong)
    assert mixed["__typename"] == "PermissionDenied", "one foreign event refuses the whole batch"
    assert (await ingest(province_gql, [event(window, 1)], integrator))["__typename"] == "PermissionDenied"
    assert (await ingest(province_gql, [event(window, 1)], None))["__typename"] == "AuthenticationRequired"
    shandong = await ingest(province_gql, [event(window, 1, jurisdiction="nanbu")], jiedong)
    assert shandong["code"] == "JURISDICTION_NOT_ENABLED"
    assert await ingested_count(province) == 0
    accepted = await ingest(province_gql, [event(window, 1)], jiedong)
    assert accepted["__typename"] == "IngestEventsSuccess" and accepted["applied"] == 1


async def test_bad_events_refuse_the_batch(province, province_gql):
    headers = await reporter(province)
    for bad in ({"entityType": "spaceship"}, {"sequence": 0}, {"entityId": "not-a-uuid"}, {"payload": [1, 2]}):
        result = await ingest(province_gql, [event(uuid.uuid4(), 1), {**event(uuid.uuid4(), 1), **bad}], headers)
        assert result["code"] == "VALIDATION_FAILED", bad
    assert (await ingest(province_gql, [], headers))["code"] == "VALIDATION_FAILED"
    assert await ingested_count(province) == 0


async def test_events_are_deduplicated_by_id(province, province_gql):
    headers = await reporter(province)
    window = uuid.uuid4()
    batch = [event(window, 1), event(window, 2)]
    first = await ingest(province_gql, batch, headers)
    resent = batch + [event(window, 3)]
    again = await ingest(province_gql, resent, headers)
    assert (first["applied"], first["duplicates"]) == (2, 0)
    assert (again["applied"], again["duplicates"]) == (1, 2)
    assert again["acknowledged"] == [e["id"] for e in resent], "duplicates are acknowledged too"
    assert await ingested_count(province) == 3
    assert (await entity_state(province, window)).last_sequence == 3


async def test_a_gap_holds_later_events_until_the_missing_one_arrives(province, province_gql):
    headers = await reporter(province)
    window = uuid.uuid4()
    events = [event(window, n) for n in (1, 2, 3, 4)]
    early = await ingest(province_gql, [events[3], events[2]], headers)
    assert (early["applied"], early["held"]) == (0, 2)
    assert (await entity_state(province, window)).last_sequence == 0
    second = await ingest(province_gql, [events[1]], headers)
    assert second["held"] == 1, "sequence 2 still waits for sequence 1"
    last = await ingest(province_gql, [events[0]], headers)
    assert last["applied"] == 1
    state = await entity_state(province, window)
    assert state.last_sequence == 4 and state.state["status"] == "s4"
    async with province.db.session() as session:
        rows = (await session.execute(sa.select(IngestedEvent).where(IngestedEvent.entity_id == window))).scalars().all()
    assert {r.outcome for r in rows} == {"applied"}
    applied_order = [r.sequence for r in sorted(rows, key=lambda r: (r.applied_at, r.sequence))]
    assert applied_order == [1, 2, 3, 4]


async def test_an_event_older_than_the_applied_one_is_acknowledged_not_reapplied(province, province_gql):
    headers = await reporter(province)
    window = uuid.uuid4()
    await ingest(province_gql, [event(window, 1), event(window, 2, payload={"status": "suspended"})], headers)
    late = await ingest(province_gql, [event(window, 1, payload={"status": "serving"})], headers)
    assert (late["stale"], late["applied"], len(late["acknowledged"])) == (1, 0, 1)
    state = await entity_state(province, window)
    assert state.last_sequence == 2 and state.state["status"] == "suspended"


async def test_reported_ratings_are_stored_for_the_provincial_platform(province, province_gql):
    headers = await reporter(province)
    rating_id = uuid.uuid4()
    payload = {"id": str(rating_id), "hall_id": str(uuid.uuid4()), "case_serial_number": "SN0001", "item_code": "11440000-001",
               "region_code": "445203", "staff_number": "JD-007", "level": "very_satisfied", "score": 10.0,
               "channel": "device", "comment": "办事快", "defaulted": False, "rated_at": "2026-11-20T09:30:00+00:00"}
    result = await ingest(province_gql, [event(rating_id, 1, entity_type="rating", event_type="rating.submitted",
                                               payload=payload)], headers)
    assert result["applied"] == 1
    async with province.db.session() as session:
        [rating] = (await session.execute(sa.select(ReportedRating))).scalars().all()
    assert (rating.case_serial_number, rating.item_code, rating.region_code, rating.staff_number, rating.level,
            rating.channel, rating.rated_at.isoformat()) == (
        "SN0001", "11440000-001", "445203", "JD-007", "very_satisfied", "device", "2026-11-20T09:30:00+00:00")
    integrator = await reporter(province, role=Role.PROVINCIAL_INTEGRATOR)
    query = "query($j: String!) { reportedRatings(jurisdiction: $j) { totalCount edges { node { caseSerialNumber staffNumber regionCode level channel } } } }"
    listed = await province_gql.data(query, {"j": "jiedong"}, headers=integrator)
    assert listed["reportedRatings"]["totalCount"] == 1
    assert listed["reportedRatings"]["edges"][0]["node"] == {"caseSerialNumber": "SN0001", "staffNumber": "JD-007",
                                                            "regionCode": "445203", "level": "very_satisfied", "channel": "device"}
    refused = await province_gql.execute(query, {"j": "jiedong"}, headers=headers)
    assert refused["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
