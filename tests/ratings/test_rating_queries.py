"""Rating queries: a hall's ratings with filters, appeals, statistics against the target — all counted in SQL."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from core.graphql.relay import to_global_id
from core.ratings.models import Rating, RatingAppeal
from core.timezones import SHANGHAI
from tests.factories import add_case, make_hall, make_user

pytestmark = pytest.mark.db

RATINGS = """query($hall: ID!, $first: Int, $after: String, $level: RatingLevel, $channel: RatingChannel, $staff: ID,
                  $defaulted: Boolean, $appealed: Boolean, $counts: Boolean, $from: Date, $to: Date) {
  ratings(hallId: $hall, first: $first, after: $after, level: $level, channel: $channel, staffId: $staff,
          defaulted: $defaulted, appealed: $appealed, countsInAssessment: $counts, from: $from, to: $to) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { level channel score defaulted ratedAt staff { staffNumber } case { serialNumber applicantName }
                   appeal { status } appealWindow { appealable lastDay rules { id source article } } } }
  }
}"""


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI).astimezone(timezone.utc)


async def rate(db, case, level, channel="device", *, at, defaulted=False, counts=True) -> Rating:
    async with db.transaction() as session:
        rating = Rating(case_id=case.id, staff_id=case.staff_id, hall_id=case.hall_id, level=level, score=0,
                        channel=channel, defaulted=defaulted, counts_in_assessment=counts, rated_at=at)
        session.add(rating)
    return rating


@pytest.fixture
async def hall_with_ratings(db, runtime):
    graph = await make_hall(db)
    a, b = graph.staff[0], graph.staff[2]  # A roles on windows A01 and A02
    day = "2026-11-1{}T{}"
    ratings = []
    for i, (level, staff, channel) in enumerate([
        ("very_satisfied", a, "device"), ("satisfied", a, "qr_code"), ("basically_satisfied", b, "default"),
        ("dissatisfied", b, "device"), ("very_dissatisfied", a, "hotline"), ("satisfied", b, "terminal"),
    ]):
        case = await add_case(db, graph, staff=staff, accepted_at=local(day.format(i, "09:00")))
        ratings.append(await rate(db, case, level, channel, at=local(day.format(i, "10:00")),
                                  defaulted=channel == "default", counts=level != "very_dissatisfied"))
    # 10 completed cases accepted in the period: 6 rated (one by default), 4 unrated; an open one does not count.
    for i in range(4):
        await add_case(db, graph, accepted_at=local(f"2026-11-1{i}T11:00"))
    await add_case(db, graph, status="accepted", accepted_at=local("2026-11-12T11:00"))
    async with db.transaction() as session:
        session.add(RatingAppeal(rating_id=ratings[4].id, hall_id=graph.hall.id, staff_id=a.id, reason="恶意差评",
                                 review_due_on=local("2026-11-28T00:00").date(), status="reviewed",
                                 outcome="overturned_malicious"))
    reader = await make_user(db, runtime, roles=(("hall_office_leader", f"hall:{graph.hall.id}"),))
    return graph, ratings, reader


async def test_ratings_of_a_hall_with_filters(gql, db, runtime, hall_with_ratings):
    graph, ratings, reader = hall_with_ratings
    hall = to_global_id("Hall", graph.hall.id)
    headers = reader["headers"]
    everything = (await gql.data(RATINGS, {"hall": hall}, headers=headers))["ratings"]
    assert everything["totalCount"] == 6
    assert [e["node"]["level"] for e in everything["edges"]][:2] == ["SATISFIED", "VERY_DISSATISFIED"]  # newest first
    assert everything["edges"][0]["node"]["case"]["applicantName"] == "王小明"  # the hall office sees personal data

    async def count(**variables):
        return (await gql.data(RATINGS, {"hall": hall, **variables}, headers=headers))["ratings"]["totalCount"]

    assert await count(level="SATISFIED") == 2
    assert await count(channel="DEVICE") == 2
    assert await count(staff=to_global_id("Staff", graph.staff[2].id)) == 3
    assert await count(defaulted=True) == 1 and await count(defaulted=False) == 5
    assert await count(appealed=True) == 1 and await count(counts=False) == 1
    assert await count(**{"from": "2026-11-12", "to": "2026-11-13"}) == 2

    bad = next(e["node"] for e in everything["edges"] if e["node"]["level"] == "DISSATISFIED")
    assert bad["appeal"] is None
    assert bad["appealWindow"]["appealable"] is True
    assert bad["appealWindow"]["lastDay"] == "2026-11-18"  # rated Fri 11-13: Mon, Tue, Wed
    assert bad["appealWindow"]["rules"] == [{"id": "guangdong.rating.appeal", "source": "guangdong", "article": "panyu Art 43"}]
    appealed = next(e["node"] for e in everything["edges"] if e["node"]["level"] == "VERY_DISSATISFIED")
    assert appealed["appeal"] == {"status": "REVIEWED"}

    stranger = await make_user(db, runtime, roles=(("hall_admin", f"hall:{(await make_hall(db)).hall.id}"),))
    # A list over a hall the caller may not read answers empty (like cases), never a top-level error.
    denied = await gql.execute(RATINGS, {"hall": hall}, headers=stranger["headers"])
    assert not denied.get("errors") and denied["data"]["ratings"]["edges"] == []
    anonymous = await gql.execute(RATINGS, {"hall": hall})
    assert not anonymous.get("errors") and anonymous["data"]["ratings"]["edges"] == []
    inverted = await gql.execute(RATINGS, {"hall": hall, "from": "2026-11-30", "to": "2026-11-01"}, headers=headers)
    assert inverted["errors"][0]["extensions"]["code"] == "PERIOD_INVALID"


async def test_statement_count_does_not_grow_with_the_page_size(gql, db, hall_with_ratings, count_statements):
    graph, _, reader = hall_with_ratings
    hall = to_global_id("Hall", graph.hall.id)
    count_statements.reset()
    small = await gql.data(RATINGS, {"hall": hall, "first": 1}, headers=reader["headers"])
    few = count_statements.count
    count_statements.reset()
    large = await gql.data(RATINGS, {"hall": hall, "first": 6}, headers=reader["headers"])
    many = count_statements.count
    assert len(small["ratings"]["edges"]) == 1 and len(large["ratings"]["edges"]) == 6
    assert many == few, count_statements.statements


async def test_rating_statistics_against_the_target(gql, db, hall_with_ratings):
    graph, _, reader = hall_with_ratings
    query = """query($hall: ID!) { ratingStatistics(hallId: $hall, from: "2026-11-01", to: "2026-11-30") {
      from to handledCases ratedCases defaultedRatings overturnedRatings
      ratingRate { value numerator denominator target meetsTarget rules { id } }
      satisfaction { value numerator denominator rules { id } }
      byLevel { level count } byChannel { channel count } } }"""
    stats = (await gql.data(query, {"hall": to_global_id("Hall", graph.hall.id)}, headers=reader["headers"]))[
        "ratingStatistics"]
    assert (stats["from"], stats["to"]) == ("2026-11-01", "2026-11-30")
    assert (stats["handledCases"], stats["ratedCases"]) == (10, 5)  # the default rating does not make a case rated
    assert stats["ratingRate"] == {"value": 0.5, "numerator": 5, "denominator": 10, "target": 0.8,
                                   "meetsTarget": False, "rules": [{"id": "guangdong.rating.rate_target"}]}
    # 5 ratings count (the overturned 非常不满意 does not); 4 of them 基本满意 or better.
    assert stats["satisfaction"] == {"value": 0.8, "numerator": 4, "denominator": 5,
                                     "rules": [{"id": "national.rating.satisfaction_rate"}]}
    assert {c["level"]: c["count"] for c in stats["byLevel"]} == {
        "VERY_SATISFIED": 1, "SATISFIED": 2, "BASICALLY_SATISFIED": 1, "DISSATISFIED": 1, "VERY_DISSATISFIED": 0}
    assert {c["channel"]: c["count"] for c in stats["byChannel"]}["DEVICE"] == 2
    assert (stats["defaultedRatings"], stats["overturnedRatings"]) == (1, 1)


async def test_appeal_queue_of_a_hall(gql, db, hall_with_ratings):
    graph, ratings, reader = hall_with_ratings
    async with db.transaction() as session:
        session.add(RatingAppeal(rating_id=ratings[3].id, hall_id=graph.hall.id, staff_id=graph.staff[2].id,
                                 reason="材料不全", review_due_on=(datetime.now(timezone.utc) - timedelta(days=2)).date()))
    query = """query($hall: ID!, $status: AppealStatus, $overdue: Boolean!) {
      ratingAppeals(hallId: $hall, status: $status, overdue: $overdue) {
        totalCount edges { node { status overdue reason staff { staffNumber } rating { level } } } } }"""
    hall = to_global_id("Hall", graph.hall.id)
    pending = (await gql.data(query, {"hall": hall, "status": "PENDING", "overdue": False}, headers=reader["headers"]))
    assert [e["node"]["reason"] for e in pending["ratingAppeals"]["edges"]] == ["材料不全"]
    overdue = (await gql.data(query, {"hall": hall, "overdue": True}, headers=reader["headers"]))["ratingAppeals"]
    assert overdue["totalCount"] == 1 and overdue["edges"][0]["node"]["overdue"] is True
    everything = (await gql.data(query, {"hall": hall, "overdue": False}, headers=reader["headers"]))["ratingAppeals"]
    assert everything["totalCount"] == 2
