"""Assessment through GraphQL: periods per the jurisdiction's scheme, scores by its formula from the period's
records (every number explained), ranking, the annual score from the quarters, grades, return-to-unit flags."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from core.cases.models import Case
from core.complaints.models import Complaint
from core.ratings.models import Rating
from tests.factories import make_hall
from tests.staffing import BASE_ERROR_FIELDS, ERROR_FIELDS, gid, people, pin_clock

pytestmark = pytest.mark.db

OPEN = f"""mutation($input: AssessmentPeriodInput!) {{ openAssessmentPeriod(input: $input) {{ __typename
  ... on AssessmentPeriodSuccess {{ period {{ id label startsOn endsOn cadence ruleIds }} }} {ERROR_FIELDS} }} }}"""
COMPUTE = f"""mutation($input: AssessmentComputeInput!) {{ computeAssessmentPeriod(input: $input) {{ __typename
  ... on AssessmentPeriodSuccess {{ scored period {{ status }} }} {ERROR_FIELDS} }} }}"""
SCORES = """query($period: ID!, $bottom: Boolean!) { assessmentScores(periodId: $period, bottomOnly: $bottom, first: 50) {
  totalCount edges { node { id score rank inBottom inputs ruleIds proposedGrade recordedGrade staff { name }
    breakdown { metric count pointsEach points ruleIds } } } } }"""
FLAGS = """query($hall: ID!, $asOf: Date) { returnToUnitFlags(hallId: $hall, asOf: $asOf) {
  flagged mandatory ruleIds staff { name } triggers { code ruleId message } } }"""
PATROL = f"""mutation($input: PatrolInput!) {{ recordPatrol(input: $input) {{ __typename {BASE_ERROR_FIELDS} }} }}"""


async def open_and_compute(gql, team, hall, cadence, on):
    opened = (await gql.data(OPEN, {"input": {"hallId": hall, "cadence": cadence, "on": on}},
                             headers=team.headers("hall_admin")))["openAssessmentPeriod"]
    assert opened["__typename"] == "AssessmentPeriodSuccess", opened
    computed = (await gql.data(COMPUTE, {"input": {"periodId": opened["period"]["id"]}},
                               headers=team.headers("hall_admin")))["computeAssessmentPeriod"]
    assert computed["__typename"] == "AssessmentPeriodSuccess", computed
    return opened["period"], computed


async def finding(gql, team, hall, staff, at, category="ATTENDANCE"):
    result = await gql.data(PATROL, {"input": {"hallId": hall, "category": category, "compliant": False,
                                               "finding": "上班时间离岗", "staffId": gid("Staff", staff), "patrolledAt": at}},
                            headers=team.headers("supervisor"))
    assert result["recordPatrol"]["__typename"] == "PatrolSuccess"


async def test_dongying_bottom_six_in_two_consecutive_quarters_is_flagged_for_return(gql, db, runtime, monkeypatch):
    """R9: a tie at the line includes everyone tied, so the hall is large enough (14) that the eight best are
    clear of the bottom six; five others are in the bottom once each, the weakest in both quarters."""
    pin_clock(monkeypatch, 2026, 7, 6, 9, 0)
    graph = await make_hall(db, jurisdiction="dongying", place="东营区", windows=7, staff_per_window=2)  # 14 members
    team = await people(db, runtime, graph)
    hall = gid("Hall", graph.hall)
    weakest = graph.staff[3]
    others = [member for member in graph.staff if member is not weakest]
    for at in ("2026-02-10T10:00:00", "2026-03-05T15:00:00"):
        await finding(gql, team, hall, weakest, at)
    for at in ("2026-05-12T10:00:00", "2026-05-13T10:00:00"):
        await finding(gql, team, hall, weakest, at, category="VIDEO" if at.startswith("2026-05-12") else "ATTENDANCE")
    for member in others[:5]:
        await finding(gql, team, hall, member, "2026-02-20T09:00:00")
    for member in others[5:10]:
        await finding(gql, team, hall, member, "2026-05-20T09:00:00", category="DRESS")

    q1, computed = await open_and_compute(gql, team, hall, "QUARTERLY", "2026-02-01")
    assert (q1["label"], q1["startsOn"], q1["endsOn"], computed["scored"]) == ("2026Q1", "2026-01-01", "2026-03-31", 14)
    assert q1["ruleIds"] == ["dongying.assessment.scheme", "dongying.assessment.grade_decision"]
    q2, _ = await open_and_compute(gql, team, hall, "QUARTERLY", "2026-05-01")

    first = (await gql.data(SCORES, {"period": q1["id"], "bottom": True}, headers=team.headers("hall_admin")))["assessmentScores"]
    assert first["totalCount"] == 6
    bottom = next(e["node"] for e in first["edges"] if e["node"]["staff"]["name"] == weakest.name)
    assert (bottom["score"], bottom["rank"]) == (96.0, 14)
    # Every number explains itself: what was counted, the points, and the rules.
    term = next(t for t in bottom["breakdown"] if t["metric"] == "patrol_findings")
    assert (term["count"], term["pointsEach"], term["points"]) == (2, -2, -4)
    assert term["ruleIds"] == ["dongying.assessment.quarterly_items", "default.assessment.formula"]
    assert bottom["inputs"]["metrics"] == {"patrol_findings": 2} and bottom["inputs"]["base"] == 100
    assert bottom["ruleIds"] == ["dongying.assessment.quarterly_items", "default.assessment.formula",
                                 "dongying.assessment.ranking"]
    second = (await gql.data(SCORES, {"period": q2["id"], "bottom": False}, headers=team.headers("hall_admin")))["assessmentScores"]
    ranked = [(e["node"]["staff"]["name"], e["node"]["rank"], e["node"]["inBottom"]) for e in second["edges"]]
    # Equal scores share the better place: five at 98 are 9th of 14, all in the bottom six with the weakest.
    assert ranked[-1] == (weakest.name, 14, True)
    assert sorted(ranked[-6:-1]) == sorted((m.name, 9, True) for m in others[5:10])
    assert all(not in_bottom for _, rank, in_bottom in ranked[:-6])

    flags = (await gql.data(FLAGS, {"hall": hall, "asOf": "2026-07-06"}, headers=team.headers("hall_office_leader")))
    flagged = flags["returnToUnitFlags"]
    assert [f["staff"]["name"] for f in flagged] == [weakest.name]
    assert flagged[0]["mandatory"] is True and flagged[0]["ruleIds"] == ["dongying.staff.return"]
    assert flagged[0]["triggers"][0]["code"] == "bottom_six_consecutive"
    assert "2026Q1、2026Q2" in flagged[0]["triggers"][0]["message"]
    # Before Q2 ended, one bottom place was not enough.
    earlier = await gql.data(FLAGS, {"hall": hall, "asOf": "2026-06-29"}, headers=team.headers("hall_office_leader"))
    assert earlier["returnToUnitFlags"] == []


async def test_annual_score_is_the_quarterly_mean_plus_adjustments_and_the_grades(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 7, 6, 9, 0)
    graph = await make_hall(db, jurisdiction="dongying", place="东营区", windows=4, staff_per_window=2)
    team = await people(db, runtime, graph)
    hall = gid("Hall", graph.hall)
    member = graph.staff[0]
    await finding(gql, team, hall, member, "2026-02-10T10:00:00")
    for on in ("2026-02-01", "2026-05-01"):
        await open_and_compute(gql, team, hall, "QUARTERLY", on)
    adjust = """mutation($input: AssessmentAdjustmentInput!) { addAssessmentAdjustment(input: $input) { __typename } }"""
    for points, reason in ((3.0, "获市级表彰"), (-1.0, "信息报送迟报")):
        await gql.data(adjust, {"input": {"staffId": gid("Staff", member), "year": 2026, "points": points, "reason": reason}},
                       headers=team.headers("hall_admin"))
    annual, _ = await open_and_compute(gql, team, hall, "ANNUAL", "2026-07-01")
    scores = (await gql.data(SCORES, {"period": annual["id"], "bottom": False}, headers=team.headers("hall_admin")))
    node = next(e["node"] for e in scores["assessmentScores"]["edges"] if e["node"]["staff"]["name"] == member.name)
    # Q1 98, Q2 100 → mean 99; +3 −1 → 101
    assert node["score"] == 101.0
    assert node["inputs"] == {"quarterly_scores": {"2026Q1": 98.0, "2026Q2": 100.0}, "adjustments": [3.0, -1.0]}
    assert [(t["metric"], t["points"]) for t in node["breakdown"]] == [("quarterly_mean", 99.0), ("adjustment", 3.0),
                                                                       ("adjustment", -1.0)]
    assert node["ruleIds"][0] == "dongying.assessment.annual_score"

    grade = """mutation($input: AssessmentGradeInput!) {{ {name}(input: $input) {{ __typename
      ... on AssessmentGradeSuccess {{ score {{ proposedGrade recordedGrade }} }} {errors} }} }}"""
    propose = grade.format(name="proposeAssessmentGrade", errors=ERROR_FIELDS)
    record = grade.format(name="recordAssessmentGrade", errors=ERROR_FIELDS)
    unknown = (await gql.data(propose, {"input": {"scoreId": node["id"], "grade": "良好"}},
                              headers=team.headers("hall_admin")))["proposeAssessmentGrade"]
    assert unknown["code"] == "ASSESSMENT_GRADE_UNKNOWN"
    proposed = (await gql.data(propose, {"input": {"scoreId": node["id"], "grade": "不称职"}},
                               headers=team.headers("hall_admin")))["proposeAssessmentGrade"]
    assert proposed["score"] == {"proposedGrade": "不称职", "recordedGrade": None}
    by_hall = (await gql.data(record, {"input": {"scoreId": node["id"], "grade": "不称职"}},
                              headers=team.headers("hall_admin")))["recordAssessmentGrade"]
    assert (by_hall["__typename"], by_hall["side"]) == ("PermissionDenied", "DEPARTMENT")
    # R5 (dongying Art 8(三)1(4)): the 考核小组 decides before the department records (v1 let the department record).
    undecided = (await gql.data(record, {"input": {"scoreId": node["id"], "grade": "不称职"}},
                                headers=team.headers("principal")))["recordAssessmentGrade"]
    assert (undecided["code"], undecided["ruleIds"]) == ("ASSESSMENT_GRADE_NOT_DECIDED", ["dongying.assessment.grade_decision"])
    decide = grade.format(name="decideAssessmentGrade", errors=ERROR_FIELDS)
    decided = (await gql.data(decide, {"input": {"scoreId": node["id"], "grade": "不称职"}},
                              headers=team.headers("hall_office_leader")))["decideAssessmentGrade"]
    assert decided["__typename"] == "AssessmentGradeSuccess"
    recorded = (await gql.data(record, {"input": {"scoreId": node["id"], "grade": "不称职"}},
                               headers=team.headers("principal")))["recordAssessmentGrade"]
    assert recorded["score"]["recordedGrade"] == "不称职"
    pin_clock(monkeypatch, 2027, 1, 8, 9, 0)
    flags = (await gql.data(FLAGS, {"hall": hall}, headers=team.headers("hall_admin")))["returnToUnitFlags"]
    assert [(f["staff"]["name"], [t["code"] for t in f["triggers"]]) for f in flags] == [(member.name, ["annual_grade"])]
    # Once the department has recorded grades, the period is not recomputed underneath them.
    again = (await gql.data(COMPUTE, {"input": {"periodId": annual["id"]}}, headers=team.headers("hall_admin")))
    assert again["computeAssessmentPeriod"]["code"] == "ASSESSMENT_GRADES_RECORDED"


async def test_periods_follow_the_scheme_and_metrics_come_from_every_source(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 12, 2, 9, 0)
    panyu = await make_hall(db, jurisdiction="panyu", place="番禺区", windows=1)
    panyu_team = await people(db, runtime, panyu)
    refused = (await gql.data(OPEN, {"input": {"hallId": gid("Hall", panyu.hall), "cadence": "QUARTERLY", "on": "2026-11-01"}},
                              headers=panyu_team.headers("hall_admin")))["openAssessmentPeriod"]
    assert (refused["code"], refused["ruleIds"]) == ("ASSESSMENT_CADENCE_NOT_IN_SCHEME", ["panyu.assessment.scheme"])

    graph = await make_hall(db, jurisdiction="nanbu", place="南部山区", windows=1, staff_per_window=2)
    team = await people(db, runtime, graph)
    member, item = graph.staff[0], graph.items[0]
    utc = timezone.utc
    async with db.transaction() as session:
        late = Case(serial_number="NB-1", hall_id=graph.hall.id, item_id=item.id, staff_id=member.id, category="promised",
                    applicant_name="甲", deadline_on=datetime(2026, 11, 10).date(),
                    accepted_at=datetime(2026, 11, 3, 2, tzinfo=utc), completed_at=datetime(2026, 11, 11, 2, tzinfo=utc),
                    status="completed", completed_on=datetime(2026, 11, 11).date())
        on_time = Case(serial_number="NB-2", hall_id=graph.hall.id, item_id=item.id, staff_id=member.id, category="promised",
                       applicant_name="乙", deadline_on=datetime(2026, 11, 10).date(),
                       accepted_at=datetime(2026, 11, 4, 2, tzinfo=utc), completed_at=datetime(2026, 11, 10, 8, tzinfo=utc),
                       status="completed", completed_on=datetime(2026, 11, 10).date())
        open_late = Case(serial_number="NB-3", hall_id=graph.hall.id, item_id=item.id, staff_id=member.id, category="promised",
                         applicant_name="丙", deadline_on=datetime(2026, 11, 20).date(),
                         accepted_at=datetime(2026, 11, 5, 2, tzinfo=utc))
        session.add_all([late, on_time, open_late])
        await session.flush()
        session.add_all([
            Rating(case_id=late.id, staff_id=member.id, hall_id=graph.hall.id, level="dissatisfied", score=2,
                   channel="device", rated_at=datetime(2026, 11, 11, 3, tzinfo=utc)),
            Rating(case_id=on_time.id, staff_id=member.id, hall_id=graph.hall.id, level="satisfied", score=4,
                   channel="device", rated_at=datetime(2026, 11, 10, 9, tzinfo=utc)),
            Complaint(reference="NB-C-1", hall_id=graph.hall.id, channel="on_site", target_kind="staff", target_id=member.id, facts="态度生硬",
                      status="accepted", accepted_at=datetime(2026, 11, 12, 2, tzinfo=utc),
                      received_at=datetime(2026, 11, 12, 1, tzinfo=utc)),
            Complaint(reference="NB-C-2", hall_id=graph.hall.id, channel="on_site", target_kind="staff", target_id=member.id, facts="无理投诉",
                      status="rejected", received_at=datetime(2026, 11, 13, 1, tzinfo=utc)),
            # Investigated and found untrue: no deduction.
            Complaint(reference="NB-C-3", hall_id=graph.hall.id, channel="on_site", target_kind="staff", target_id=member.id,
                      facts="说窗口推诿", status="resolved", substantiated=False,
                      accepted_at=datetime(2026, 11, 14, 2, tzinfo=utc), received_at=datetime(2026, 11, 14, 1, tzinfo=utc)),
            # Overturned on appeal as malicious: not a bad rating for assessment (panyu Art 43).
            Rating(case_id=open_late.id, staff_id=member.id, hall_id=graph.hall.id, level="very_dissatisfied", score=1,
                   channel="qr_code", counts_in_assessment=False, rated_at=datetime(2026, 11, 12, 3, tzinfo=utc)),
        ])
    period, _ = await open_and_compute(gql, team, gid("Hall", graph.hall), "QUARTERLY", "2026-11-01")
    scores = (await gql.data(SCORES, {"period": period["id"], "bottom": False}, headers=team.headers("hall_admin")))
    node = next(e["node"] for e in scores["assessmentScores"]["edges"] if e["node"]["staff"]["name"] == member.name)
    assert node["inputs"]["metrics"] == {"cases_handled": 3, "overdue_cases": 2, "ratings": 2, "bad_ratings": 1,
                                         "complaints_upheld": 1}
    # Nanbu uses the baseline formula: 100 − 2×2 (overdue) − 2 (bad rating) − 5 (complaint) = 89
    assert node["score"] == 89.0 and node["ruleIds"] == ["default.assessment.formula", "default.assessment.ranking"]
    # The department reads its own staff's scores; a member reads only their own.
    own = (await gql.data(SCORES, {"period": period["id"], "bottom": False}, headers=team.headers("staff1")))
    assert [e["node"]["staff"]["name"] for e in own["assessmentScores"]["edges"]] == [graph.staff[1].name]
