"""R1 (RULEBOOK §16): 一次一评 across channels, and channels proven, not declared.

nanbu 好差评制度 二 ("一次一评"); dongguan 5.2.10 (no substituted or faked ratings); panyu Art 36-42
(评价器 at the window, the QR code on the receipt, terminals, online, SMS, 12345).
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from core.db.base import utcnow
from core.graphql.relay import to_global_id
from core.ratings.models import Rating
from core.ratings.receipt_token import sign_receipt_token
from tests.factories import add_case, make_hall, make_user
from tests.ratings.test_rating_submit import SUBMIT, TEST_SECRET, rating_input, ratings_of

pytestmark = pytest.mark.db

REGISTER = """mutation($input: RegisterRatingDeviceInput!) { registerRatingDevice(input: $input) {
  __typename ... on RegisterRatingDeviceSuccess { credential device { id kind name active windowId } }
  ... on Error { code message } } }"""
REVOKE = """mutation($id: ID!) { revokeRatingDevice(deviceId: $id) { __typename
  ... on RevokeRatingDeviceSuccess { device { active } } ... on Error { code } } }"""
DEVICES = """query($hall: ID!) { ratingDevices(hallId: $hall) { name kind windowId active } }"""


async def hall_admin(db, runtime, graph):
    return await make_user(db, runtime, roles=(("hall_admin", f"hall:{graph.hall.id}"),))


async def register(gql, admin, graph, window, name="A01评价器"):
    result = (await gql.data(REGISTER, {"input": {"hallId": to_global_id("Hall", graph.hall.id),
                                                   "windowId": to_global_id("Window", window.id), "name": name}},
                             headers=admin["headers"]))["registerRatingDevice"]
    assert result["__typename"] == "RegisterRatingDeviceSuccess", result
    return result


async def test_a_second_rating_on_another_channel_returns_the_first(gql, db, runtime):
    """一次一评: v1 took a QR rating and then an SMS rating of the same case as two ratings (up to six)."""
    graph = await make_hall(db)
    case = await add_case(db, graph)
    sms_gateway = await make_user(db, runtime, roles=(("rating_integration", "jurisdiction:jiedong"),))
    first = (await gql.data(SUBMIT, rating_input(case, graph.staff[0], level="DISSATISFIED")))["submitRating"]
    assert first["__typename"] == "SubmitRatingSuccess" and first["alreadyRated"] is False
    again = (await gql.data(SUBMIT, rating_input(case, graph.staff[0], level="VERY_SATISFIED", channel="SMS"),
                            headers=sms_gateway["headers"]))["submitRating"]
    assert again["alreadyRated"] is True and again["rating"] == first["rating"]
    rows = await ratings_of(db, case.id)
    assert [(r.channel, r.level) for r in rows] == [("qr_code", "dissatisfied")]


async def test_the_database_itself_keeps_one_rating_per_case(db):
    graph = await make_hall(db)
    case = await add_case(db, graph)
    row = dict(case_id=case.id, staff_id=case.staff_id, hall_id=case.hall_id, level="satisfied", score=8.0,
               rule_ids=[], rated_at=utcnow())
    async with db.transaction() as session:
        session.add(Rating(channel="qr_code", **row))
    with pytest.raises(IntegrityError):
        async with db.transaction() as session:
            session.add(Rating(channel="sms", **row))
    assert len(await ratings_of(db, case.id)) == 1


async def test_a_channel_is_proven_not_declared(gql, db):
    graph = await make_hall(db)
    case = await add_case(db, graph)
    for channel in ("DEVICE", "TERMINAL", "ONLINE", "SMS", "HOTLINE"):
        result = (await gql.data(SUBMIT, rating_input(case, graph.staff[0], channel=channel)))["submitRating"]
        assert (result["__typename"], result["code"], result["field"]) == (
            "ValidationError", "RATING_CHANNEL_UNPROVEN", "channel"), channel
    no_token = {"input": {**rating_input(case, graph.staff[0])["input"], "receiptToken": None}}
    assert (await gql.data(SUBMIT, no_token))["submitRating"]["code"] == "RATING_CHANNEL_UNPROVEN"
    english = (await gql.data(SUBMIT, rating_input(case, graph.staff[0], channel="SMS"),
                              headers={"Accept-Language": "en"}))["submitRating"]["message"]
    assert english == "The rating channel sms is not proven: only an authenticated integration may submit on this channel."
    assert await ratings_of(db) == []


async def test_qr_token_must_be_signed_for_this_case(gql, db):
    graph = await make_hall(db)
    case, other = await add_case(db, graph), await add_case(db, graph)
    foreign = rating_input(case, graph.staff[0], token=sign_receipt_token(other.id, secret=TEST_SECRET))
    forged = rating_input(case, graph.staff[0], token=sign_receipt_token(case.id, secret="x" * 48))
    for attempt in (foreign, forged):
        assert (await gql.data(SUBMIT, attempt))["submitRating"]["code"] == "RATING_CHANNEL_UNPROVEN"
    good = (await gql.data(SUBMIT, rating_input(case, graph.staff[0])))["submitRating"]
    assert good["rating"]["channel"] == "QR_CODE"


async def test_a_registered_device_rates_only_for_its_window(gql, db, runtime):
    graph = await make_hall(db)
    at_a01 = await add_case(db, graph, window=graph.windows[0])
    at_a02 = await add_case(db, graph, window=graph.windows[1], staff=graph.staff[2])
    admin = await hall_admin(db, runtime, graph)
    device = await register(gql, admin, graph, graph.windows[0])
    assert device["device"]["kind"] == "device" and device["device"]["active"] is True
    assert len(device["credential"]) > 30
    # Only the hall registers devices.
    anonymous = (await gql.data(REGISTER, {"input": {"hallId": to_global_id("Hall", graph.hall.id),
                                                     "windowId": to_global_id("Window", graph.windows[0].id),
                                                     "name": "x"}}))["registerRatingDevice"]
    assert anonymous["code"] == "UNAUTHENTICATED"

    header = {"X-Device-Token": device["credential"]}
    wrong_window = (await gql.data(SUBMIT, rating_input(at_a02, graph.staff[2], channel="DEVICE"), headers=header))
    assert wrong_window["submitRating"]["code"] == "RATING_CHANNEL_UNPROVEN"
    rated = (await gql.data(SUBMIT, rating_input(at_a01, graph.staff[0], channel="DEVICE", level="SATISFIED"),
                            headers={"Authorization": f"Device {device['credential']}"}))["submitRating"]
    assert rated["__typename"] == "SubmitRatingSuccess" and rated["rating"]["channel"] == "DEVICE"
    row = (await ratings_of(db, at_a01.id))[0]
    assert row.device_id is not None

    # A revoked device rates nothing.
    revoked = (await gql.data(REVOKE, {"id": device["device"]["id"]}, headers=admin["headers"]))["revokeRatingDevice"]
    assert revoked["device"]["active"] is False
    later = await add_case(db, graph, window=graph.windows[0])
    refused = (await gql.data(SUBMIT, rating_input(later, graph.staff[0], channel="DEVICE"), headers=header))
    assert refused["submitRating"]["code"] == "RATING_CHANNEL_UNPROVEN"
    listed = (await gql.data(DEVICES, {"hall": to_global_id("Hall", graph.hall.id)}, headers=admin["headers"]))
    assert listed["ratingDevices"] == []


async def test_integrations_rate_online_sms_and_12345_in_their_own_jurisdiction_only(gql, db, runtime):
    jiedong = await make_hall(db)
    nanbu = await make_hall(db, jurisdiction="nanbu", place="南部山区")
    online_case = await add_case(db, jiedong, online=True)
    nanbu_case = await add_case(db, nanbu)
    portal = await make_user(db, runtime, roles=(("rating_integration", "jurisdiction:jiedong"),))
    ok = (await gql.data(SUBMIT, rating_input(online_case, jiedong.staff[0], channel="ONLINE"),
                         headers=portal["headers"]))["submitRating"]
    assert ok["__typename"] == "SubmitRatingSuccess" and ok["rating"]["channel"] == "ONLINE"
    elsewhere = (await gql.data(SUBMIT, rating_input(nanbu_case, nanbu.staff[0], channel="HOTLINE"),
                                headers=portal["headers"]))["submitRating"]
    assert elsewhere["code"] == "RATING_CHANNEL_UNPROVEN"
    # A window staff member signed in is not an integration (no self-rating by declaring a channel).
    clerk = await make_user(db, runtime, roles=(("window_staff", f"hall:{nanbu.hall.id}"),))
    self_rated = (await gql.data(SUBMIT, rating_input(nanbu_case, nanbu.staff[0], channel="SMS"),
                                 headers=clerk["headers"]))["submitRating"]
    assert self_rated["code"] == "RATING_CHANNEL_UNPROVEN"
    async with db.session() as session:
        rows = (await session.execute(sa.select(Rating.channel, Rating.submitted_by_user_id))).all()
    assert rows == [("online", portal["user"].id)]
