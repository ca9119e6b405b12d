"""submitRating: public, validated, scored by the jurisdiction's scale, one rating per case (一次一评, R1) on a proven channel."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
import sqlalchemy as sa

from core.db.base import utcnow
from core.ratings.models import Rating
from core.ratings.receipt_token import sign_receipt_token
from tests.factories import add_case, make_hall, make_user
from tests.test_auth import audit_rows

pytestmark = pytest.mark.db

SUBMIT = """mutation($input: SubmitRatingInput!) { submitRating(input: $input) {
  __typename
  ... on SubmitRatingSuccess { alreadyRated rating { id level levelLabel score channel comment defaulted ruleIds
                                                     countsInAssessment staff { staffNumber } case { serialNumber } } }
  ... on Error { code message }
  ... on ValidationError { field }
} }"""


#: The secret the test runtime signs with (tests/conftest.py).
TEST_SECRET = "test-secret-key-that-is-long-enough-for-hs256"


def rating_input(case, staff, level="DISSATISFIED", channel="QR_CODE", comment="等候太久", token=None):
    """A rating as the QR page on the 受理回执 sends it: the signed token proves the channel (R1)."""
    data = {"serialNumber": case.serial_number, "staffNumber": staff.staff_number, "level": level,
            "channel": channel, "comment": comment}
    case_id = getattr(case, "id", None)
    if channel == "QR_CODE" and (token or case_id):
        data["receiptToken"] = token or sign_receipt_token(case_id, secret=TEST_SECRET)
    return {"input": data}


async def ratings_of(db, case_id=None):
    async with db.session() as session:
        stmt = sa.select(Rating)
        if case_id is not None:
            stmt = stmt.where(Rating.case_id == case_id)
        return (await session.execute(stmt)).scalars().all()


async def test_anonymous_rating_is_scored_by_the_jurisdictions_scale(gql, db):
    guangdong = await make_hall(db, jurisdiction="jiedong")
    shandong = await make_hall(db, jurisdiction="nanbu", place="南部山区")
    gd_case, sd_case = await add_case(db, guangdong), await add_case(db, shandong)

    gd = (await gql.data(SUBMIT, rating_input(gd_case, guangdong.staff[0], level="SATISFIED")))["submitRating"]
    sd = (await gql.data(SUBMIT, rating_input(sd_case, shandong.staff[0], level="SATISFIED")))["submitRating"]

    assert gd["__typename"] == "SubmitRatingSuccess" and gd["alreadyRated"] is False
    assert (gd["rating"]["score"], gd["rating"]["levelLabel"]) == (8.0, "满意")
    assert gd["rating"]["ruleIds"] == ["national.rating.levels", "guangdong.rating.scale", "national.rating.one_per_case"]
    assert (sd["rating"]["score"], sd["rating"]["ruleIds"]) == (
        4.0, ["nanbu.rating.levels", "default.rating.scores", "national.rating.one_per_case"])
    assert gd["rating"]["staff"] == {"staffNumber": guangdong.staff[0].staff_number}
    assert gd["rating"]["case"] is None  # an anonymous rater does not get to read the case
    assert gd["rating"]["countsInAssessment"] is True and gd["rating"]["defaulted"] is False
    entry = (await audit_rows(db, action="submitRating"))[0]
    assert entry.outcome == "ok" and entry.user_id is None and entry.domain == f"hall:{guangdong.hall.id}"
    assert entry.after["level"] == "satisfied" and entry.after["score"] == 8.0


async def test_a_rating_submitted_twice_is_one_row_and_the_first_result(gql, db):
    graph = await make_hall(db)
    case = await add_case(db, graph)
    first = (await gql.data(SUBMIT, rating_input(case, graph.staff[0], level="DISSATISFIED")))["submitRating"]
    retry = (await gql.data(SUBMIT, rating_input(case, graph.staff[0], level="VERY_SATISFIED", comment="改主意了")))[
        "submitRating"]
    assert retry["alreadyRated"] is True
    assert retry["rating"] == first["rating"]  # the first result, unchanged
    rows = await ratings_of(db, case.id)
    assert [(r.level, r.comment) for r in rows] == [("dissatisfied", "等候太久")]
    # 一次一评 (R1): another channel is not another rating (v1 allowed one per channel: wrong).


async def test_concurrent_retries_write_one_row_and_all_get_the_first(gql, db):
    graph = await make_hall(db)
    case = await add_case(db, graph)
    levels = ["VERY_SATISFIED", "SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED", "VERY_DISSATISFIED"]
    results = await asyncio.gather(*(gql.execute(SUBMIT, rating_input(case, graph.staff[0], level=level))
                                     for level in levels))
    payloads = [result["data"]["submitRating"] for result in results]
    assert all("errors" not in result for result in results)
    assert {p["__typename"] for p in payloads} == {"SubmitRatingSuccess"}
    rows = await ratings_of(db, case.id)
    assert len(rows) == 1
    assert {p["rating"]["id"] for p in payloads} == {payloads[0]["rating"]["id"]}
    assert {p["rating"]["level"] for p in payloads} == {rows[0].level.upper()}
    assert sorted(p["alreadyRated"] for p in payloads) == [False, True, True, True, True]


async def test_unknown_case_is_a_typed_not_found_and_writes_nothing(gql, db, runtime, monkeypatch):
    graph = await make_hall(db)
    case = await add_case(db, graph)
    unknown = {"input": {**rating_input(case, graph.staff[0])["input"], "serialNumber": "JD20990101999999"}}
    result = (await gql.data(SUBMIT, unknown))["submitRating"]
    assert result["__typename"] == "NotFoundError" and result["code"] == "NOT_FOUND"
    assert "JD20990101999999" in result["message"]
    english = (await gql.data(SUBMIT, unknown, headers={"Accept-Language": "en"}))["submitRating"]
    assert english["message"] == "Case JD20990101999999 not found."
    # A case in a jurisdiction that is not enabled here looks exactly like an unknown one.
    monkeypatch.setattr(runtime.plugins, "enabled_codes", frozenset({"nanbu"}))
    hidden = (await gql.data(SUBMIT, rating_input(case, graph.staff[0])))["submitRating"]
    assert hidden["__typename"] == "NotFoundError"
    assert await ratings_of(db) == []
    assert [e.outcome for e in await audit_rows(db, action="submitRating")] == ["rejected"] * 3


async def test_staff_number_must_be_the_handlers_and_default_is_reserved(gql, db):
    graph = await make_hall(db)
    case = await add_case(db, graph)
    wrong = (await gql.data(SUBMIT, rating_input(case, graph.staff[1])))["submitRating"]
    assert (wrong["__typename"], wrong["code"], wrong["field"]) == ("ValidationError", "STAFF_NUMBER_MISMATCH", "staffNumber")
    assert graph.staff[1].staff_number in wrong["message"]
    reserved = (await gql.data(SUBMIT, rating_input(case, graph.staff[0], channel="DEFAULT")))["submitRating"]
    assert (reserved["code"], reserved["field"]) == ("RATING_CHANNEL_RESERVED", "channel")
    bad_enum = await gql.execute(SUBMIT, rating_input(case, graph.staff[0], channel="CARRIER_PIGEON"))
    assert bad_enum["errors"] and bad_enum.get("data") is None
    assert await ratings_of(db) == []


async def test_after_the_rating_period_the_default_stands(gql, db):
    """Guangdong: 7 natural days after service (panyu Art 35); Shandong has no default, so no end."""
    guangdong = await make_hall(db, jurisdiction="panyu", place="番禺区")
    shandong = await make_hall(db, jurisdiction="dongying", place="东营区")
    long_ago = utcnow() - timedelta(days=12)
    late_gd = await add_case(db, guangdong, accepted_at=long_ago)
    late_sd = await add_case(db, shandong, accepted_at=long_ago)
    closed = (await gql.data(SUBMIT, rating_input(late_gd, guangdong.staff[0])))["submitRating"]
    assert (closed["__typename"], closed["code"]) == ("ConflictError", "RATING_PERIOD_CLOSED")
    assert late_gd.serial_number in closed["message"]
    still_open = (await gql.data(SUBMIT, rating_input(late_sd, shandong.staff[0])))["submitRating"]
    assert still_open["__typename"] == "SubmitRatingSuccess"
    assert [r.case_id for r in await ratings_of(db)] == [late_sd.id]


async def test_an_overlong_comment_is_refused_on_both_backends(gql, db):
    graph = await make_hall(db)
    case = await add_case(db, graph)
    result = (await gql.data(SUBMIT, rating_input(case, graph.staff[0], comment="慢" * 1001)))["submitRating"]
    assert (result["__typename"], result["code"], result["field"]) == ("ValidationError", "VALIDATION_FAILED", "comment")
    assert await ratings_of(db) == []


async def test_losing_the_race_reads_the_winner(db, runtime, monkeypatch):
    """The retry that checked before the first rating was committed: its insert does nothing, it returns the first."""
    from core.policy.access import policy_in_session
    from core.ratings import service as rating_service
    from core.ratings.devices import ChannelProof
    from core.ratings.models import RatingChannel, RatingLevel

    graph = await make_hall(db)
    case = await add_case(db, graph)
    proof = ChannelProof(receipt_token=sign_receipt_token(case.id, secret=runtime.secret_key))
    async with db.transaction() as session:
        policy = await policy_in_session(session, runtime.plugins, "jiedong")
        first = await rating_service.submit(session, policy=policy, case=case, staff_number=graph.staff[0].staff_number,
                                            level=RatingLevel.SATISFIED, channel=RatingChannel.QR_CODE, comment=None,
                                            now=utcnow(), proof=proof, secret=runtime.secret_key)
    looked = []
    real_rating_of = rating_service.rating_of

    async def not_yet_committed(session, **key):  # what a concurrent retry saw before the first one committed
        looked.append(key)
        return None if len(looked) == 1 else await real_rating_of(session, **key)

    monkeypatch.setattr(rating_service, "rating_of", not_yet_committed)
    async with db.transaction() as session:
        retry = await rating_service.submit(session, policy=policy, case=case, staff_number=graph.staff[0].staff_number,
                                            level=RatingLevel.VERY_DISSATISFIED, channel=RatingChannel.QR_CODE,
                                            comment="重复提交", now=utcnow(), proof=proof, secret=runtime.secret_key)
    assert len(looked) == 2  # checked, inserted nothing, read the winner
    assert (retry.created, retry.rating.id, retry.rating.level) == (False, first.rating.id, "satisfied")
    assert len(await ratings_of(db, case.id)) == 1
