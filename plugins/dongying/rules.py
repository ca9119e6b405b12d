"""Dongying's rules: 《东营区政务服务中心管理办法（试行）》, 东区政务办发〔2018〕2号 (seed 004).

Pure functions; each answer names its rule.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date

from core.policy import assessment, attendance, staff
from core.policy import items as item_policy
from core.policy.bulletin import bulletin as make_bulletin
from core.policy.rules import RuleSet
from core.policy.types import (
    ApprovalStep,
    FAILING_ANNUAL_GRADES,
    AnnualScore,
    AssessmentCadence,
    PeriodScore,
    AssessmentScheme,
    BulletinMetric,
    BulletinSpec,
    ItemChangeApproval,
    PublicationCadence,
    Ranking,
    ReturnDecision,
    ReturnTrigger,
    StaffRecord,
)
from plugins.dongying import PLUGIN_VERSION

CODE = "dongying"
DOCUMENT = "东营区政务服务中心管理办法（试行）（东区政务办发〔2018〕2号）"

RULES = RuleSet(source=CODE, source_document=DOCUMENT, plugin_version=PLUGIN_VERSION, effective_from=date(2018, 1, 1))

# ---------------------------------------------------------------------------
# Service items (Art 4)
# ---------------------------------------------------------------------------

ITEM_APPROVAL = RULES.define(
    "dongying.items.approval",
    topic="item_change_approval",
    title="事项调整、变更报区政府批准",
    summary="The items the district government sets are handled in the centre; a department that needs to adjust "
    "or change its items in the centre applies to the centre, and the change takes effect only once the district "
    "government approves it. Items not entering the centre also need the district government's approval.",
    article="Art 4(一), 4(三)",
)
DISTRICT_GOVERNMENT_APPROVES = ApprovalStep("government", "hall", "区政府", "approve")


def item_change_approval(change: str) -> ItemChangeApproval:
    """Entry, change and withdrawal alike: the department applies, the district government approves."""
    return item_policy.item_change_approval(change, DISTRICT_GOVERNMENT_APPROVES, (ITEM_APPROVAL.ref,))


# ---------------------------------------------------------------------------
# Attendance publication (Art 8(三)1(1))
# ---------------------------------------------------------------------------

PUBLICATION = RULES.define(
    "dongying.attendance.publication",
    topic="attendance_publication",
    title="考勤半月公示",
    summary="The supervision department publishes window staff attendance every two weeks.",
    article="Art 8(三)1(1)",
)


def publication() -> PublicationCadence:
    return attendance.publication("half_monthly", (PUBLICATION.ref,))


# ---------------------------------------------------------------------------
# Return to the dispatching unit (Art 7(四))
# ---------------------------------------------------------------------------

RETURN = RULES.define(
    "dongying.staff.return",
    topic="return_to_unit",
    title="退回原派出单位",
    summary="The centre returns staff who: 1 get an annual grade 不称职 or 不合格; 2 repeatedly disobey the "
    "centre's management; 3 are in the bottom 6 in 2 consecutive assessment periods or in 2 periods within "
    "one year; 4 are criticized by supervising bodies twice within one year; 5 commit a serious violation "
    "with bad effects; 6 receive a party or administrative sanction.",
    article="Art 7(四)",
)

BOTTOM_PLACES = 6


def _trigger(code: str, clause: int, zh: str, en: str) -> ReturnTrigger:
    return ReturnTrigger(code, RETURN.id, f"第七条（四）{clause}：{zh}", f"Art 7(四){clause}: {en}")


def return_triggers(record: StaffRecord) -> list[ReturnTrigger]:
    """Every clause of Art 7(四) the record meets.

    Only periods that have ended by ``as_of`` count; "within one year" is read as one calendar year.
    """
    triggers: list[ReturnTrigger] = []
    if record.annual_grade in FAILING_ANNUAL_GRADES:
        triggers.append(_trigger("annual_grade", 1, f"年终考核“{record.annual_grade}”",
                                 f"annual grade {record.annual_grade}"))
    if record.repeated_disobedience:
        triggers.append(_trigger("repeated_disobedience", 2, "不服从中心管理且屡教不改",
                                 "repeatedly disobeys the centre's management"))
    periods = [p for p in record.periods if p.end <= record.as_of]
    pair = staff.consecutive_bottom(periods)
    bottom_years = Counter(p.start.year for p in staff.bottom_periods(periods))
    if pair is not None:
        triggers.append(_trigger("bottom_six_consecutive", 3,
                                 f"连续2个考核周期（{pair[0].label}、{pair[1].label}）为后6名",
                                 f"bottom 6 in 2 consecutive periods ({pair[0].label}, {pair[1].label})"))
    elif any(count >= 2 for count in bottom_years.values()):
        year = min(y for y, count in bottom_years.items() if count >= 2)
        triggers.append(_trigger("bottom_six_twice_in_year", 3, f"{year}年内2个考核周期为后6名",
                                 f"bottom 6 in 2 periods within {year}"))
    criticism_years = Counter(d.year for d in record.criticisms if d <= record.as_of)
    if any(count >= 2 for count in criticism_years.values()):
        triggers.append(_trigger("criticized_twice", 4, "一年内两次被监督机关通报批评",
                                 "criticized by supervising bodies twice within one year"))
    if record.serious_violation:
        triggers.append(_trigger("serious_violation", 5, "严重违纪违规，造成恶劣影响",
                                 "serious violation with bad effects"))
    if record.disciplinary_sanction:
        triggers.append(_trigger("disciplinary_sanction", 6, "受到党纪政纪处分", "party or administrative sanction"))
    return triggers


def return_to_unit(record: StaffRecord) -> ReturnDecision:
    return staff.return_decision(return_triggers(record), mandatory=True, rules=(RETURN.ref,))


# ---------------------------------------------------------------------------
# Assessment (Art 7(二), Art 8)
# ---------------------------------------------------------------------------

SCHEME = RULES.define(
    "dongying.assessment.scheme",
    topic="assessment_scheme",
    title="半月公示、月通报、季度考核、年度总评",
    summary="Staff are assessed on 德 能 勤 绩 by half-monthly attendance publication, a monthly bulletin, a "
    "quarterly score (patrols, video patrols, attendance, complaints) and an annual grade; the supervision "
    "department proposes, the assessment group decides. Windows likewise, with case volume.",
    article="Art 7(二); Art 8(二)-(三)",
)
ANNUAL_SCORE = RULES.define(
    "dongying.assessment.annual_score",
    topic="assessment_annual_score",
    title="年度总评",
    summary="Annual score = mean of the quarterly scores plus special additions and deductions.",
    article="Art 8(三)1(4)",
)
RANKING = RULES.define(
    "dongying.assessment.ranking",
    topic="assessment_ranking",
    title="考核后6名",
    summary="Each period's scores are ranked; the bottom 6 count towards return to the dispatching unit. A tie at "
    "the line is broken explicitly (R9): everyone tied with someone in the bottom 6 is in it, and the tie is "
    "shown; those tied for first place are never in the bottom (default: the seed is silent); in a group of 6 or "
    "fewer nobody is flagged.",
    article="Art 7(四)3",
)
BULLETIN = RULES.define(
    "dongying.bulletin.monthly",
    topic="bulletin",
    title="窗口工作人员月通报",
    summary="Monthly: cases, attendance and leave, hall patrols, leaders' on-site work, publicity, "
    "discipline and order, evaluations and complaints, quantified and published.",
    article="Art 8(三)1(2)",
)


#: Art 7(四)1 names both 不称职 and 不合格 as annual grades (R5).
GRADES = (*assessment.GRADES, "不合格")
GRADE_DECISION = RULES.define(
    "dongying.assessment.grade_decision",
    topic="assessment_grade_decision",
    title="考核小组确定考核等次",
    summary="The supervision department proposes an annual grade, the assessment group (考核小组, hall side) reviews "
    "and decides it and publishes the result; the dispatching department records the decided grade afterwards. "
    "Grades: 优秀, 称职, 基本称职, 不称职, 不合格 (不称职 and 不合格 both mean return to the unit).",
    article="Art 8(三)1(4); Art 7(四)1",
)


def scheme() -> AssessmentScheme:
    return AssessmentScheme(
        dimensions=assessment.dimensions("de", "neng", "qin", "ji"),
        cadences=(
            AssessmentCadence("half_monthly_publication", "半月公示", "attendance, published every two weeks"),
            AssessmentCadence("monthly_bulletin", "月通报", "cases, attendance and leave, patrols, leaders on site, "
                              "publicity, discipline, evaluations and complaints"),
            AssessmentCadence("quarterly", "季度考核", "daily patrols, video patrols, attendance, complaints "
                              "(windows: also case volume)"),
            AssessmentCadence("annual", "年度总评", "mean of quarterly scores plus special additions/deductions"),
        ),
        annual_formula="mean(quarterly scores) + special additions/deductions",
        emphasis="注重实绩",
        grades=GRADES,
        grade_proposed_by="supervision_department",  # 督查部 (hall side) proposes
        grade_recorded_by="department",  # the dispatching department records it afterwards
        bottom_watch=BOTTOM_PLACES,
        rules=(SCHEME.ref, GRADE_DECISION.ref),
        grade_decided_by="assessment_group",  # 考核小组 decides (R5)
    )


def annual_score(quarterly_scores: Sequence[float], adjustments: Sequence[float]) -> AnnualScore:
    return assessment.annual_score(quarterly_scores, adjustments, (ANNUAL_SCORE.ref,))


def rank(scores: Mapping[str, float], first_place_tie_exempt: bool | None = None) -> Ranking:
    return assessment.rank(scores, BOTTOM_PLACES, (RANKING.ref,), first_place_tie_exempt=first_place_tie_exempt)


ITEMS_HALF_MONTHLY = RULES.define(
    "dongying.assessment.half_monthly_items",
    topic="assessment_items_half_monthly",
    title="半月公示考勤情况",
    summary="The half-monthly publication quantifies attendance only.",
    article="Art 8(三)1(1)",
)
ITEMS_MONTHLY = RULES.define(
    "dongying.assessment.monthly_items",
    topic="assessment_items_monthly",
    title="月通报量化事项",
    summary="The monthly bulletin quantifies cases, attendance and leave, hall patrols, discipline, and "
    "evaluations and complaints.",
    article="Art 8(三)1(2)",
)
ITEMS_QUARTERLY = RULES.define(
    "dongying.assessment.quarterly_items",
    topic="assessment_items_quarterly",
    title="季度考核量化评分",
    summary="The quarterly score quantifies daily patrols, video patrols, attendance and complaints.",
    article="Art 8(三)1(3)",
)

ATTENDANCE_METRICS = ("late", "early", "missing", "off_post")
#: What each cadence counts (Art 8(三)1); the points per item are the baseline's default formula.
ITEMS_BY_CADENCE = {
    "half_monthly_publication": (ITEMS_HALF_MONTHLY, ATTENDANCE_METRICS),
    "monthly_bulletin": (ITEMS_MONTHLY, (*ATTENDANCE_METRICS, "patrol_findings", "video_patrol_findings",
                                         "complaints_upheld", "bad_ratings", "overdue_cases")),
    "quarterly": (ITEMS_QUARTERLY, (*ATTENDANCE_METRICS, "patrol_findings", "video_patrol_findings",
                                    "complaints_upheld")),
}


def period_score(cadence: str, metrics: Mapping[str, float]) -> PeriodScore | None:
    """The items Art 8(三)1 names for the cadence, at the default points; None for a cadence it does not score."""
    if cadence not in ITEMS_BY_CADENCE:
        return None
    rule, used = ITEMS_BY_CADENCE[cadence]
    return assessment.period_score(cadence, metrics, used=used, term_rule_ids=(rule.id,),
                                   rules=(rule.ref, assessment.DEFAULT_FORMULA_RULE.ref))


MONTHLY_METRICS = (
    BulletinMetric("cases", "办件情况", "cases"),
    BulletinMetric("attendance_and_leave", "考勤请销假情况", "attendance and leave"),
    BulletinMetric("hall_patrols", "大厅综合巡查情况", "hall patrols"),
    BulletinMetric("leaders_on_site", "领导现场办公情况", "leaders working on site"),
    BulletinMetric("publicity", "信息宣传情况", "information and publicity"),
    BulletinMetric("discipline", "工作纪律秩序情况", "discipline and order"),
    BulletinMetric("evaluations_and_complaints", "评议投诉情况", "evaluations and complaints"),
)


def bulletin() -> BulletinSpec:
    return make_bulletin(MONTHLY_METRICS, (BULLETIN.ref,), cadence="monthly", scopes=("window", "staff"))
