"""Appeals (申诉) by the rated staff within the window, review (复核) by the hall, outcomes that count."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from core.db.base import utcnow
from core.graphql.relay import to_global_id
from core.policy.access import policy_in_session
from core.ratings import service as rating_service
from core.ratings.models import Rating, RatingAppeal
from core.timezones import SHANGHAI
from core.errors import ConflictError
from tests.factories import add_case, make_hall, make_user
from tests.test_auth import audit_rows

pytestmark = pytest.mark.db

APPEAL = """mutation($input: AppealRatingInput!) { appealRating(input: $input) {
  __typename
  ... on AppealRatingSuccess { appeal { id status reason reviewDueOn overdue ruleIds staff { staffNumber }
                                         rating { level } } }
  ... on Error { code message }
  ... on PermissionDenied { side }
} }"""

REVIEW = """mutation($input: ReviewRatingAppealInput!) { reviewRatingAppeal(input: $input) {
  __typename
  ... on ReviewRatingAppealSuccess { appeal { status outcome outcomeLabel rectificationRequired reviewNote reviewedLate
                                               ruleIds rating { countsInAssessment } } }
  ... on Error { code message }
  ... on PermissionDenied { side }
} }"""


async def add_rating(db, case, *, level="dissatisfied", rated_at=None, channel="device") -> Rating:
    async with db.transaction() as session:
        rating = Rating(case_id=case.id, staff_id=case.staff_id, hall_id=case.hall_id, level=level, score=3.0,
                        channel=channel, comment="态度不好", rated_at=rated_at or utcnow(), rule_ids=[])
        session.add(rating)
    return rating


@pytest.fixture
async def rated(db, runtime):
    """A jiedong hall, a 不满意 rating of staff[0] given just now, and users for the people involved."""
    graph = await make_hall(db)
    case = await add_case(db, graph)
    rating = await add_rating(db, case)
    hall = f"hall:{graph.hall.id}"
    rated_staff = await make_user(db, runtime, staff_id=graph.staff[0].id, roles=(("window_staff", hall),))
    colleague = await make_user(db, runtime, staff_id=graph.staff[1].id, roles=(("window_staff", hall),))
    supervisor = await make_user(db, runtime, roles=(("supervisor", hall),))
    return graph, rating, rated_staff, colleague, supervisor


async def appeals(db):
    async with db.session() as session:
        return (await session.execute(sa.select(RatingAppeal))).scalars().all()


async def test_only_the_rated_staff_member_appeals(gql, db, rated):
    graph, rating, rated_staff, colleague, supervisor = rated
    variables = {"input": {"ratingId": to_global_id("Rating", rating.id), "reason": "群众所需材料不齐，已一次性告知，非服务态度问题"}}
    for outsider in (colleague, supervisor):
        denied = (await gql.data(APPEAL, variables, headers=outsider["headers"]))["appealRating"]
        assert (denied["__typename"], denied["side"]) == ("PermissionDenied", "HALL")
    anonymous = (await gql.data(APPEAL, variables))["appealRating"]
    assert anonymous["__typename"] == "AuthenticationRequired"
    assert await appeals(db) == []

    ok = (await gql.data(APPEAL, variables, headers=rated_staff["headers"]))["appealRating"]
    appeal = ok["appeal"]
    assert (appeal["status"], appeal["overdue"], appeal["rating"]["level"]) == ("PENDING", False, "DISSATISFIED")
    assert appeal["staff"]["staffNumber"] == graph.staff[0].staff_number
    assert appeal["ruleIds"] == ["guangdong.rating.appeal", "guangdong.rating.appeal_review"]
    today = utcnow().astimezone(SHANGHAI).date()
    assert date.fromisoformat(appeal["reviewDueOn"]) >= today + timedelta(days=10)  # 10 working days
    again = (await gql.data(APPEAL, variables, headers=rated_staff["headers"]))["appealRating"]
    assert (again["__typename"], again["code"]) == ("ConflictError", "APPEAL_ALREADY_FILED")
    assert len(await appeals(db)) == 1


async def test_an_appeal_after_its_window_closed_is_a_typed_error_and_writes_nothing(gql, db, runtime, rated):
    graph, _, rated_staff, _, _ = rated
    old = await add_rating(db, await add_case(db, graph), rated_at=utcnow() - timedelta(days=30))
    good = await add_rating(db, await add_case(db, graph), level="satisfied")
    late = (await gql.data(APPEAL, {"input": {"ratingId": to_global_id("Rating", old.id), "reason": "迟到的申诉"}},
                           headers=rated_staff["headers"]))["appealRating"]
    assert (late["__typename"], late["code"]) == ("ConflictError", "APPEAL_WINDOW_CLOSED")
    assert "申诉期已过" in late["message"]
    praise = (await gql.data(APPEAL, {"input": {"ratingId": to_global_id("Rating", good.id), "reason": "x"}},
                             headers=rated_staff["headers"]))["appealRating"]
    assert praise["code"] == "RATING_NOT_APPEALABLE"
    assert await appeals(db) == []
    assert [e.detail for e in await audit_rows(db, action="appealRating")] == ["APPEAL_WINDOW_CLOSED", "RATING_NOT_APPEALABLE"]


async def test_worked_example_5_last_day_to_appeal(db, runtime):
    """A 不满意 given on 2026-09-24 in panyu may be appealed until 2026-09-30 (National Day follows)."""
    graph = await make_hall(db, jurisdiction="panyu", place="番禺区")
    given = datetime(2026, 9, 24, 10, 0, tzinfo=SHANGHAI).astimezone(timezone.utc)
    rating = await add_rating(db, await add_case(db, graph, accepted_at=given - timedelta(hours=1)), rated_at=given)
    async with db.transaction() as session:
        policy = await policy_in_session(session, runtime.plugins, "panyu")
        with pytest.raises(ConflictError) as closed:
            await rating_service.appeal(session, policy=policy, rating=rating, user_id=None, reason="申诉",
                                        now=datetime(2026, 10, 8, 1, 0, tzinfo=timezone.utc))
        assert closed.value.params["last_day"] == "2026-09-30"
        filed = await rating_service.appeal(session, policy=policy, rating=rating, user_id=None, reason="申诉",
                                            now=datetime(2026, 9, 30, 9, 0, tzinfo=timezone.utc))
        # Filed on 09-30, reviewed within 10 working days: the holiday week does not count, the make-up
        # Saturday 10-10 does (10-08, 09, 10, 12 … 16, 19, 20).
        assert filed.review_due_on == date(2026, 10, 20)


async def test_review_outcomes_are_what_assessment_respects(gql, db, runtime, rated):
    graph, rating, rated_staff, colleague, supervisor = rated
    other = await add_rating(db, await add_case(db, graph), level="very_dissatisfied")
    ids = []
    for target in (rating, other):
        result = await gql.data(APPEAL, {"input": {"ratingId": to_global_id("Rating", target.id), "reason": "申诉理由"}},
                                headers=rated_staff["headers"])
        ids.append(result["appealRating"]["appeal"]["id"])

    denied = (await gql.data(REVIEW, {"input": {"appealId": ids[0], "outcome": "OVERTURNED_MALICIOUS"}},
                             headers=colleague["headers"]))["reviewRatingAppeal"]
    assert (denied["__typename"], denied["side"]) == ("PermissionDenied", "HALL")
    own = (await gql.data(REVIEW, {"input": {"appealId": ids[0], "outcome": "OVERTURNED_MALICIOUS"}},
                          headers=rated_staff["headers"]))["reviewRatingAppeal"]
    assert own["__typename"] == "PermissionDenied"

    overturned = (await gql.data(REVIEW, {"input": {"appealId": ids[0], "outcome": "OVERTURNED_MALICIOUS",
                                                    "note": "经调取录音，评价人系恶意差评"}},
                                 headers=supervisor["headers"]))["reviewRatingAppeal"]["appeal"]
    assert overturned["rating"] == {"countsInAssessment": False}
    assert (overturned["status"], overturned["rectificationRequired"], overturned["reviewedLate"]) == ("REVIEWED", False, False)
    assert overturned["outcomeLabel"] == "恶意评价，不予采纳"
    upheld = (await gql.data(REVIEW, {"input": {"appealId": ids[1], "outcome": "UPHELD"}},
                             headers=supervisor["headers"]))["reviewRatingAppeal"]["appeal"]
    assert upheld["rating"] == {"countsInAssessment": True} and upheld["rectificationRequired"] is True
    twice = (await gql.data(REVIEW, {"input": {"appealId": ids[1], "outcome": "OVERTURNED_MISTAKEN"}},
                            headers=supervisor["headers"]))["reviewRatingAppeal"]
    assert (twice["__typename"], twice["code"]) == ("ConflictError", "APPEAL_ALREADY_REVIEWED")

    async with db.session() as session:
        flags = dict((await session.execute(sa.select(Rating.id, Rating.counts_in_assessment))).all())
    assert flags == {rating.id: False, other.id: True}
    entry = [e for e in await audit_rows(db, action="reviewRatingAppeal") if e.outcome == "ok"][0]
    assert entry.before["counts_in_assessment"] is True and entry.after["counts_in_assessment"] is False
    assert entry.domain == f"hall:{graph.hall.id}"


class _OtherRules:
    """A jurisdiction whose appeal rules name a filer and a reviewer this platform does not know."""

    @staticmethod
    def tingwu_rating_appeal_window(jurisdiction, calendar, level, rated_on):
        from dataclasses import replace
        from core.policy.ratings import default_appeal_window
        return replace(default_appeal_window(calendar, level, rated_on), filed_by="department_head")

    @staticmethod
    def tingwu_rating_appeal_review(jurisdiction, calendar, filed_on):
        from dataclasses import replace
        from core.policy.ratings import default_appeal_review
        return replace(default_appeal_review(calendar, filed_on), reviewed_by="provincial_office")


WINDOW = """query($id: ID!) { node(id: $id) { ... on Rating { appealWindow { appealable filedBy } } } }"""


async def test_who_files_and_who_reviews_are_the_rules_answers(gql, db, runtime, rated):
    """AppealWindow.filed_by and AppealReview.reviewed_by are read: a filer or reviewer the rules do not name
    (here: names this platform cannot check) is refused, even the rated staff member and the supervisor."""
    from core.plugins.hookspecs import hookimpl
    graph, rating, rated_staff, _, supervisor = rated
    rating_id = to_global_id("Rating", rating.id)
    shown = (await gql.data(WINDOW, {"id": rating_id}, headers=supervisor["headers"]))["node"]["appealWindow"]
    assert shown == {"appealable": True, "filedBy": "rated_staff"}
    other = await add_rating(db, await add_case(db, graph))
    filed = (await gql.data(APPEAL, {"input": {"ratingId": to_global_id("Rating", other.id), "reason": "申诉理由"}},
                            headers=rated_staff["headers"]))["appealRating"]["appeal"]

    plugin = type("OtherAppealRules", (), {
        name: staticmethod(hookimpl(tryfirst=True)(getattr(_OtherRules, name)))
        for name in ("tingwu_rating_appeal_window", "tingwu_rating_appeal_review")})
    runtime.plugins.pm.register(plugin, name="other-appeal-rules")
    try:
        assert (await gql.data(WINDOW, {"id": rating_id}, headers=supervisor["headers"]))["node"]["appealWindow"][
            "filedBy"] == "department_head"
        refused = (await gql.data(APPEAL, {"input": {"ratingId": rating_id, "reason": "申诉理由"}},
                                  headers=rated_staff["headers"]))["appealRating"]
        assert refused["__typename"] == "PermissionDenied"
        unknown = (await gql.data(REVIEW, {"input": {"appealId": filed["id"], "outcome": "UPHELD"}},
                                  headers=supervisor["headers"]))["reviewRatingAppeal"]
        assert (unknown["__typename"], unknown["code"]) == ("ValidationError", "POLICY_NO_ANSWER")
        assert "provincial_office" in unknown["message"]
    finally:
        runtime.plugins.pm.unregister(name="other-appeal-rules")
    assert [a.status for a in await appeals(db)] == ["pending"]
    reviewed = (await gql.data(REVIEW, {"input": {"appealId": filed["id"], "outcome": "UPHELD"}},
                               headers=supervisor["headers"]))["reviewRatingAppeal"]
    assert reviewed["__typename"] == "ReviewRatingAppealSuccess"
