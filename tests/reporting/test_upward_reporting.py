"""A county Tingwu reports to a provincial Tingwu: delivery dies mid-batch, resumes, and the province has
every event exactly once, each entity's events applied in order."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from core.cases.models import Case

from core.auth.roles import Role
from core.auth.tokens import utc_now
from core.complaints.models import Complaint
from core.graphql.relay import to_global_id
from core.outbox import service as outbox_service
from core.outbox.delivery import DeliveryError, HttpProvinceTransport, deliver_outbox
from core.outbox.events import EventType
from core.outbox.models import OutboxEvent
from core.reporting.models import IngestedEvent, ReportedEntity, ReportedRating
from tests.cases.helpers import COMPLETE, accept, make_desk
from tests.factories import make_hall, make_user
from tests.ratings.test_rating_submit import SUBMIT as SUBMIT_RATING, rating_input
from tests.reporting.helpers import event, rate_case
from tests.reporting.test_every_change import APPLICANT
from tests.reporting.test_outbox import SET_STATUS, UPDATE_EMPLOYMENT
from tests.reporting.watch import assert_nothing_personal

pytestmark = pytest.mark.db


class ConnectionDropped(Exception):
    pass


class JobKilled(BaseException):
    """The delivery process dies: nothing after this point runs (no release of its claim)."""


class FailingMidBatch:
    """Passes the first ``keep`` events of batch number ``on_batch`` to the province, then fails."""

    def __init__(self, transport, *, on_batch: int, keep: int, failure: BaseException):
        self.transport = transport
        self.on_batch = on_batch
        self.keep = keep
        self.failure = failure
        self.calls = 0

    async def send(self, events):
        self.calls += 1
        if self.calls == self.on_batch:
            await self.transport.send(events[: self.keep])
            raise self.failure
        return await self.transport.send(events)


class CountingTransport:
    def __init__(self, transport):
        self.transport = transport
        self.sent: list[str] = []

    async def send(self, events):
        self.sent.extend(e["id"] for e in events)
        await asyncio.sleep(0)  # let a concurrent run interleave
        return await self.transport.send(events)


async def county_activity(db, runtime, gql) -> int:
    """Hall data changes at the county, each writing its outbox event(s); returns how many events."""
    graph = await make_hall(db, windows=2, staff_per_window=2)
    admin = await make_user(db, runtime, roles=((Role.HALL_ADMIN.value, f"hall:{graph.hall.id}"),))
    leader = await make_user(db, runtime, roles=((Role.DEPARTMENT_LEADER.value, f"dept:{graph.departments[0].id}"),))
    first, second = (to_global_id("Window", w.id) for w in graph.windows)
    for window_id, status in ((first, "BRIEF_ABSENCE"), (second, "SUSPENDED"), (first, "SUSPENDED"),
                              (first, "SERVING"), (second, "SERVING"), (first, "SUSPENDED")):
        result = await gql.data(SET_STATUS, {"input": {"windowId": window_id, "status": status}}, headers=admin["headers"])
        assert result["setWindowStatus"]["__typename"] == "WindowStatusSuccess"
    for rank in ("三级主任科员", "二级主任科员"):
        result = await gql.data(UPDATE_EMPLOYMENT, {"input": {"staffId": to_global_id("Staff", graph.staff[1].id), "rank": rank}},
                                headers=leader["headers"])
        assert result["updateStaffEmployment"]["__typename"] == "StaffEmploymentSuccess"
    for index, level in enumerate(("very_satisfied", "satisfied", "dissatisfied", "very_satisfied")):
        await rate_case(db, graph, level=level, staff_index=index % 2)
    async with db.transaction() as session:
        complaint = Complaint(reference=f"TS{uuid.uuid4().hex[:10].upper()}", hall_id=graph.hall.id, channel="hotline",
                              target_kind="window", target_id=graph.windows[0].id,
                              facts="窗口无人", complainant_name="王五", complainant_contact="13900000000")
        session.add(complaint)
        await session.flush()
        await outbox_service.record_complaint(session, complaint=complaint, event_type=EventType.COMPLAINT_RECEIVED)
        complaint.status = "accepted"
        await session.flush()
        await outbox_service.record_complaint(session, complaint=complaint)
    async with db.session() as session:
        return (await session.execute(sa.select(sa.func.count()).select_from(OutboxEvent))).scalar_one()


async def assert_every_event_exactly_once_in_order(county_db, province_db) -> None:
    async with county_db.session() as session:
        outbox = (await session.execute(sa.select(OutboxEvent).order_by(OutboxEvent.sequence))).scalars().all()
    async with province_db.session() as session:
        ingested = (await session.execute(sa.select(IngestedEvent))).scalars().all()
        entities = {(e.entity_type, e.entity_id): e for e in (await session.execute(sa.select(ReportedEntity))).scalars().all()}
        ratings = (await session.execute(sa.select(ReportedRating))).scalars().all()
    assert all(event.delivered_at is not None for event in outbox), "every event acknowledged and marked delivered"
    assert sorted(str(e.id) for e in ingested) == sorted(str(e.id) for e in outbox), "each event exactly once"
    assert {e.outcome for e in ingested} == {"applied"}
    expected: dict = {}
    for event in outbox:  # ordered by sequence: fold each entity's payloads in order
        key = (event.entity_type, event.entity_id)
        sequence, state = expected.get(key, (0, {}))
        assert event.sequence == sequence + 1, "the county numbers each entity's events without gaps"
        expected[key] = (event.sequence, {**state, **event.payload})
    assert {key: (e.last_sequence, e.state) for key, e in entities.items()} == expected
    rated = {e.entity_id: e.payload for e in outbox if e.entity_type == "rating"}
    assert {r.rating_id: (r.case_serial_number, r.item_code, r.region_code, r.staff_number, r.level, r.channel)
            for r in ratings} == {rid: (p["case_serial_number"], p["item_code"], p["region_code"], p["staff_number"],
                                        p["level"], p["channel"]) for rid, p in rated.items()}


@pytest.fixture
async def transport(province, province_http):
    headers = await make_user(province.db, province, roles=((Role.COUNTY_REPORTER.value, "jurisdiction:jiedong"),))
    token = headers["headers"]["Authorization"].removeprefix("Bearer ")
    return HttpProvinceTransport("http://province.test/graphql", token, client=province_http)


async def test_delivery_dropped_mid_batch_resumes_and_the_province_has_every_event_once(db, runtime, gql, province, transport):
    total = await county_activity(db, runtime, gql)
    assert total == 6 + 2 + 4 * 2 + 2
    flaky = FailingMidBatch(transport, on_batch=2, keep=3, failure=ConnectionDropped("connection reset by peer"))
    interrupted = await deliver_outbox(db, flaky, batch_size=5)
    assert not interrupted.ok and "connection reset" in interrupted.error
    assert (interrupted.batches, interrupted.acknowledged) == (2, 5)
    async with db.session() as session:
        assert await outbox_service.pending_count(session) == total - 5
    resumed = await deliver_outbox(db, transport, batch_size=5)
    assert resumed.ok and resumed.acknowledged == total - 5
    assert interrupted.sent + resumed.sent > total, "the dropped batch went out again"
    await assert_every_event_exactly_once_in_order(db, province.db)
    again = await deliver_outbox(db, transport)
    assert (again.batches, again.sent) == (0, 0), "nothing left to send"


async def test_a_killed_delivery_job_is_resumed_after_its_claim_lapses(db, runtime, gql, province, transport):
    total = await county_activity(db, runtime, gql)
    lease = timedelta(seconds=60)
    killer = FailingMidBatch(transport, on_batch=1, keep=4, failure=JobKilled())
    with pytest.raises(JobKilled):
        await deliver_outbox(db, killer, batch_size=7, lease=lease)
    # A run straight after leaves the dead job's claimed batch alone and sends the rest.
    meanwhile = await deliver_outbox(db, transport, batch_size=7, lease=lease)
    assert meanwhile.ok and meanwhile.acknowledged == total - 7
    async with db.session() as session:
        assert await outbox_service.pending_count(session) == 7
    later = await deliver_outbox(db, transport, batch_size=7, lease=lease, clock=lambda: utc_now() + lease + timedelta(seconds=1))
    assert later.ok and (later.sent, later.acknowledged) == (7, 7)
    await assert_every_event_exactly_once_in_order(db, province.db)


async def test_two_delivery_runs_at_once_send_each_event_once(db, runtime, gql, province, transport):
    total = await county_activity(db, runtime, gql)
    counting = CountingTransport(transport)
    reports = await asyncio.gather(deliver_outbox(db, counting, batch_size=3), deliver_outbox(db, counting, batch_size=3))
    assert all(report.ok for report in reports), [r.error for r in reports]
    assert sorted(counting.sent) == sorted(set(counting.sent)) and len(counting.sent) == total
    await assert_every_event_exactly_once_in_order(db, province.db)


async def test_a_refused_batch_stays_in_the_outbox(db, runtime, gql, province, province_http):
    await county_activity(db, runtime, gql)
    wrong_county = await make_user(province.db, province, roles=((Role.COUNTY_REPORTER.value, "jurisdiction:panyu"),))
    token = wrong_county["headers"]["Authorization"].removeprefix("Bearer ")
    report = await deliver_outbox(db, HttpProvinceTransport("http://province.test/graphql", token, client=province_http))
    assert not report.ok and "PERMISSION_DENIED" in report.error and report.acknowledged == 0
    async with db.session() as session:
        pending = await outbox_service.pending_count(session)
        claimed = (await session.execute(sa.select(sa.func.count()).select_from(OutboxEvent)
                                         .where(OutboxEvent.claim_id.is_not(None)))).scalar_one()
    assert pending > 0 and claimed == 0
    with pytest.raises(DeliveryError, match="UNAUTHENTICATED"):
        await HttpProvinceTransport("http://province.test/graphql", "not-a-token", client=province_http).send(
            [event(uuid.uuid4(), 1)])


async def test_a_case_accepted_completed_and_rated_reaches_the_province_once_despite_a_dropped_batch(
        db, runtime, gql, province, province_gql, transport):
    """End to end through the real mutations: 受理, 办结 and 好差评 at the county; the province has the case and its
    rating, in order, without the applicant — although delivery died in the middle of a batch."""
    desk = await make_desk(db, runtime, jurisdiction="jiedong")
    serial = (await accept(gql, desk))["serialNumber"]
    done = await gql.data(COMPLETE, {"serial": serial, "outcome": "APPROVED"}, headers=desk.chief["headers"])
    assert done["completeCase"]["__typename"] == "CompleteCaseSuccess"
    async with db.session() as session:  # the QR page rates with the receipt's signed token (R1)
        case_id = (await session.execute(sa.select(Case.id).where(Case.serial_number == serial))).scalar_one()
    rated = await gql.data(SUBMIT_RATING, rating_input(SimpleNamespace(serial_number=serial, id=case_id), desk.graph.staff[0],
                                                       level="VERY_SATISFIED", comment="很快"))
    assert rated["submitRating"]["__typename"] == "SubmitRatingSuccess"
    async with db.session() as session:
        outbox = (await session.execute(sa.select(OutboxEvent.event_type).order_by(OutboxEvent.created_at))).scalars().all()
    assert outbox == ["case.accepted", "case.completed", "rating.submitted"]

    flaky = FailingMidBatch(transport, on_batch=1, keep=1, failure=ConnectionDropped("connection reset by peer"))
    interrupted = await deliver_outbox(db, flaky, batch_size=2)
    assert not interrupted.ok and interrupted.acknowledged == 0
    resumed = await deliver_outbox(db, transport, batch_size=2)
    assert resumed.ok and resumed.acknowledged == 3
    await assert_every_event_exactly_once_in_order(db, province.db)

    integrator = await make_user(province.db, province, roles=((Role.PROVINCIAL_INTEGRATOR.value, "province:44"),))
    cases = await province_gql.data("""query { reportedCases(jurisdiction: "jiedong") { totalCount edges { node {
      serialNumber itemCode status outcome overdue lastEventType } } } }""", headers=integrator["headers"])
    assert cases["reportedCases"]["edges"] == [{"node": {
        "serialNumber": serial, "itemCode": desk.item_code(), "status": "completed", "outcome": "approved",
        "overdue": False, "lastEventType": "case.completed"}}]
    ratings = await province_gql.data("""query { reportedRatings(jurisdiction: "jiedong") { edges { node {
      caseSerialNumber itemCode staffNumber regionCode level channel countsInAssessment } } } }""",
                                      headers=integrator["headers"])
    assert ratings["reportedRatings"]["edges"] == [{"node": {
        "caseSerialNumber": serial, "itemCode": desk.item_code(), "staffNumber": desk.graph.staff[0].staff_number,
        "regionCode": "445203", "level": "very_satisfied", "channel": "qr_code", "countsInAssessment": True}}]
    async with province.db.session() as session:
        received = (await session.execute(sa.select(IngestedEvent))).scalars().all()
        states = (await session.execute(sa.select(ReportedEntity))).scalars().all()
    assert_nothing_personal(received + [SimpleNamespace(payload=s.state) for s in states], *APPLICANT)


async def test_a_department_and_its_stationing_reach_the_province(db, runtime, gql, province, transport):
    """设置: a department created, stationed in a hall (进驻) and renamed at the county is at the province, in order."""
    from tests.reporting.test_every_change import CREATE_DEPT, STATION, UPDATE_DEPT

    graph = await make_hall(db, windows=0, items=0)
    admin = (await make_user(db, runtime, roles=((Role.JURISDICTION_ADMIN.value, "jurisdiction:jiedong"),
                                                 (Role.HALL_ADMIN.value, f"hall:{graph.hall.id}"))))["headers"]
    created = await gql.data(CREATE_DEPT, {"i": {"jurisdiction": "jiedong", "name": "揭阳市揭东区医疗保障局"}}, headers=admin)
    dept = created["createDepartment"]["department"]["id"]
    stationed = await gql.data(STATION, {"i": {"hallId": str(graph.hall.id), "departmentId": dept}}, headers=admin)
    assert stationed["stationDepartment"]["__typename"] == "StationDepartmentSuccess"
    renamed = await gql.data(UPDATE_DEPT, {"i": {"departmentId": dept, "shortName": "区医保局"}}, headers=admin)
    assert renamed["updateDepartment"]["__typename"] == "UpdateDepartmentSuccess"
    report = await deliver_outbox(db, transport)
    assert report.ok and report.acknowledged == 3, report.error
    await assert_every_event_exactly_once_in_order(db, province.db)
    async with province.db.session() as session:
        reported = (await session.execute(sa.select(ReportedEntity).where(ReportedEntity.entity_type == "department"))).scalar_one()
    assert (reported.last_sequence, reported.last_event_type) == (3, "department.changed")
    assert (reported.state["name"], reported.state["short_name"]) == ("揭阳市揭东区医疗保障局", "区医保局")
    assert [h["hall_id"] for h in reported.state["stationed_in"]] == [str(graph.hall.id)]
