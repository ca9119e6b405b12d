"""RULEBOOK §16 R4, R5, R9 through GraphQL, from the seeds' wording.

R4 jiedong Art 26: "考勤情况将作为窗口工作人员月度考核和年度考核的重要依据" — a monthly assessment cadence.
R5 dongying Art 8(三)1(4) "考核小组对初定考核等次进行审核，确定考核等次"; Art 7(四)1 "年终考核“不称职”或“不合格”的".
R9 dongying Art 7(四)3 "后6名": ties at the line are broken explicitly; a group of 6 or fewer flags nobody.
"""

from __future__ import annotations

import pytest

from tests.assessment.test_assessment import COMPUTE, FLAGS, OPEN, SCORES, finding, open_and_compute
from tests.factories import make_hall, make_user
from tests.staffing import ERROR_FIELDS, gid, people, pin_clock

pytestmark = pytest.mark.db

SCHEME = """query($code: String!) { jurisdiction(code: $code) { assessmentScheme {
  cadences { code title } grades gradeProposedBy gradeDecidedBy gradeRecordedBy bottomWatch
  rules { id source article } } } }"""
TIES = """query($period: ID!) { assessmentScores(periodId: $period, bottomOnly: true, first: 50) {
  totalCount edges { node { rank inBottom tiedAtBoundary staff { name } } } } }"""
GRADE = """mutation($input: AssessmentGradeInput!) {{ {name}(input: $input) {{ __typename
  ... on AssessmentGradeSuccess {{ score {{ proposedGrade decidedGrade recordedGrade }} }} {errors} }} }}"""


async def test_r4_jiedong_assesses_monthly(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 12, 2, 9, 0)
    scheme = (await gql.data(SCHEME, {"code": "jiedong"}))["jurisdiction"]["assessmentScheme"]
    assert [c["code"] for c in scheme["cadences"]] == ["monthly", "annual"]
    assert scheme["rules"] == [{"id": "jiedong.assessment.monthly_cadence", "source": "jiedong", "article": "Art 26"}]

    graph = await make_hall(db, jurisdiction="jiedong", windows=1, staff_per_window=2)
    team = await people(db, runtime, graph)
    hall = gid("Hall", graph.hall)
    await finding(gql, team, hall, graph.staff[0], "2026-11-12T10:00:00")
    november, computed = await open_and_compute(gql, team, hall, "MONTHLY_ASSESSMENT", "2026-11-20")
    assert (november["label"], november["startsOn"], november["endsOn"]) == ("2026-11", "2026-11-01", "2026-11-30")
    assert november["cadence"] == "MONTHLY_ASSESSMENT" and computed["scored"] == 2
    scores = (await gql.data(SCORES, {"period": november["id"], "bottom": False}, headers=team.headers("hall_admin")))
    first = scores["assessmentScores"]["edges"][-1]["node"]
    assert first["score"] == 98.0 and "jiedong.assessment.monthly_cadence" in first["ruleIds"]
    # v1 had no monthly period for Jiedong; a quarter is not its scheme.
    quarterly = (await gql.data(OPEN, {"input": {"hallId": hall, "cadence": "QUARTERLY", "on": "2026-11-01"}},
                                headers=team.headers("hall_admin")))["openAssessmentPeriod"]
    assert quarterly["code"] == "ASSESSMENT_CADENCE_NOT_IN_SCHEME"


async def test_r5_dongying_assessment_group_decides_and_unqualified_is_a_grade(gql, db, runtime, monkeypatch):
    pin_clock(monkeypatch, 2026, 7, 6, 9, 0)
    scheme = (await gql.data(SCHEME, {"code": "dongying"}))["jurisdiction"]["assessmentScheme"]
    assert (scheme["gradeProposedBy"], scheme["gradeDecidedBy"], scheme["gradeRecordedBy"]) == (
        "supervision_department", "assessment_group", "department")
    assert "不合格" in scheme["grades"] and "不称职" in scheme["grades"]
    assert {"id": "dongying.assessment.grade_decision", "source": "dongying",
            "article": "Art 8(三)1(4); Art 7(四)1"} in scheme["rules"]

    graph = await make_hall(db, jurisdiction="dongying", place="东营区", windows=1, staff_per_window=2)
    team = await people(db, runtime, graph)
    group = await make_user(db, runtime, roles=(("assessment_group", f"hall:{graph.hall.id}"),))
    hall = gid("Hall", graph.hall)
    for on in ("2026-02-01", "2026-05-01"):
        await open_and_compute(gql, team, hall, "QUARTERLY", on)
    annual, _ = await open_and_compute(gql, team, hall, "ANNUAL", "2026-07-01")
    scores = (await gql.data(SCORES, {"period": annual["id"], "bottom": False}, headers=team.headers("hall_admin")))
    node = next(e["node"] for e in scores["assessmentScores"]["edges"] if e["node"]["staff"]["name"] == graph.staff[0].name)
    propose, decide, record = (GRADE.format(name=name, errors=ERROR_FIELDS) for name in (
        "proposeAssessmentGrade", "decideAssessmentGrade", "recordAssessmentGrade"))
    score_input = {"input": {"scoreId": node["id"], "grade": "不合格"}}

    proposed = (await gql.data(propose, score_input, headers=team.headers("supervisor")))["proposeAssessmentGrade"]
    assert proposed["__typename"] == "PermissionDenied"  # proposing is the hall office's (督查部 acts through it)
    proposed = (await gql.data(propose, score_input, headers=team.headers("hall_admin")))["proposeAssessmentGrade"]
    assert proposed["score"] == {"proposedGrade": "不合格", "decidedGrade": None, "recordedGrade": None}
    # The department cannot record before the 考核小组 decides, nor decide itself.
    early = (await gql.data(record, score_input, headers=team.headers("principal")))["recordAssessmentGrade"]
    assert early["code"] == "ASSESSMENT_GRADE_NOT_DECIDED"
    by_department = (await gql.data(decide, score_input, headers=team.headers("principal")))["decideAssessmentGrade"]
    assert (by_department["__typename"], by_department["side"]) == ("PermissionDenied", "HALL")
    decided = (await gql.data(decide, score_input, headers=group["headers"]))["decideAssessmentGrade"]
    assert decided["score"]["decidedGrade"] == "不合格"
    # Before the department records, the decided grade already triggers return to the unit (Art 7(四)1).
    pin_clock(monkeypatch, 2027, 1, 8, 9, 0)
    flags = (await gql.data(FLAGS, {"hall": hall}, headers=team.headers("hall_admin")))["returnToUnitFlags"]
    assert [(f["staff"]["name"], [t["code"] for t in f["triggers"]]) for f in flags] == [
        (graph.staff[0].name, ["annual_grade"])]
    assert "不合格" in flags[0]["triggers"][0]["message"]
    other = (await gql.data(record, {"input": {"scoreId": node["id"], "grade": "称职"}},
                            headers=team.headers("principal")))["recordAssessmentGrade"]
    assert (other["code"], other["ruleIds"]) == ("ASSESSMENT_GRADE_NOT_DECIDED", ["dongying.assessment.grade_decision"])
    recorded = (await gql.data(record, score_input, headers=team.headers("principal")))["recordAssessmentGrade"]
    assert recorded["score"] == {"proposedGrade": "不合格", "decidedGrade": "不合格", "recordedGrade": "不合格"}

    # Elsewhere there is no separate decision: the department records (the baseline, dongguan 6.3.4a).
    panyu = (await gql.data(SCHEME, {"code": "panyu"}))["jurisdiction"]["assessmentScheme"]
    assert panyu["gradeDecidedBy"] is None and "不合格" not in panyu["grades"]


async def test_r9_seven_tied_at_the_bottom_are_all_flagged_and_the_tie_shown(gql, db, runtime, monkeypatch):
    """Ten staff: three clear, seven tied at the bottom. v1 flagged nobody (the tie took rank 4, above the line)."""
    pin_clock(monkeypatch, 2026, 7, 6, 9, 0)
    graph = await make_hall(db, jurisdiction="dongying", place="东营区", windows=5, staff_per_window=2)
    team = await people(db, runtime, graph)
    hall = gid("Hall", graph.hall)
    tied = graph.staff[3:]
    for member in tied:
        await finding(gql, team, hall, member, "2026-02-10T10:00:00")
    q1, _ = await open_and_compute(gql, team, hall, "QUARTERLY", "2026-02-01")
    bottom = (await gql.data(TIES, {"period": q1["id"]}, headers=team.headers("hall_admin")))["assessmentScores"]
    assert bottom["totalCount"] == 7
    assert {(e["node"]["staff"]["name"], e["node"]["rank"], e["node"]["tiedAtBoundary"]) for e in bottom["edges"]} == {
        (member.name, 4, True) for member in tied}

    # The boundary itself: six staff, all different, bottom 6 → nobody (a group of N or fewer flags nobody).
    small = await make_hall(db, jurisdiction="dongying", place="东营区", name="东营区小厅政务服务中心", windows=3,
                            staff_per_window=2)
    small_team = await people(db, runtime, small)
    small_hall = gid("Hall", small.hall)
    for index, member in enumerate(small.staff[1:], start=1):
        for day in range(index):
            await finding(gql, small_team, small_hall, member, f"2026-02-{10 + day}T10:00:00")
    small_q1, _ = await open_and_compute(gql, small_team, small_hall, "QUARTERLY", "2026-02-01")
    none = (await gql.data(TIES, {"period": small_q1["id"]}, headers=small_team.headers("hall_admin")))
    assert none["assessmentScores"]["totalCount"] == 0


async def test_r9_the_first_place_tie_rule_is_a_default_the_jurisdiction_admin_sets(gql, db, runtime, monkeypatch):
    """Ten staff, seven tied for first (no finding) and three below. The seed is silent on a tie covering first
    place: by default (default.assessment.first_place_tie) nobody tied for first is in the bottom 6; the
    jurisdiction admin may set assessment.ranking.first_place_tie_exempt to 0, and then the tie is in it too."""
    pin_clock(monkeypatch, 2026, 7, 6, 9, 0)
    graph = await make_hall(db, jurisdiction="dongying", place="东营区", windows=5, staff_per_window=2)
    team = await people(db, runtime, graph)
    hall = gid("Hall", graph.hall)
    below = graph.staff[7:]
    for member in below:
        await finding(gql, team, hall, member, "2026-02-10T10:00:00")
    q1, _ = await open_and_compute(gql, team, hall, "QUARTERLY", "2026-02-01")
    bottom = (await gql.data(TIES, {"period": q1["id"]}, headers=team.headers("hall_admin")))["assessmentScores"]
    assert {e["node"]["staff"]["name"] for e in bottom["edges"]} == {m.name for m in below}

    admin = await make_user(db, runtime, roles=(("jurisdiction_admin", "jurisdiction:dongying"),))
    setting = (await gql.data("""mutation($input: RuleSettingInput!) { setJurisdictionRuleSetting(input: $input) {
      __typename ... on RuleSettingSuccess { setting { value default ruleId } } ... on Error { code } } }""",
        {"input": {"jurisdiction": "dongying", "key": "assessment.ranking.first_place_tie_exempt", "value": 0}},
        headers=admin["headers"]))["setJurisdictionRuleSetting"]
    assert setting["setting"] == {"value": 0.0, "default": 1.0, "ruleId": "default.assessment.first_place_tie"}
    recomputed = (await gql.data(COMPUTE, {"input": {"periodId": q1["id"]}},
                                 headers=team.headers("hall_admin")))["computeAssessmentPeriod"]
    assert recomputed["__typename"] == "AssessmentPeriodSuccess", recomputed
    bottom = (await gql.data(TIES, {"period": q1["id"]}, headers=team.headers("hall_admin")))["assessmentScores"]
    assert bottom["totalCount"] == 10  # the seven tied for first reach the line: all in, the tie shown
    assert sum(e["node"]["tiedAtBoundary"] for e in bottom["edges"]) == 7
    period = (await gql.data("""query($id: ID!) { node(id: $id) { ... on AssessmentPeriod { ruleIds } } }""",
                             {"id": q1["id"]}, headers=team.headers("hall_admin")))["node"]
    assert "default.assessment.first_place_tie" in period["ruleIds"]
