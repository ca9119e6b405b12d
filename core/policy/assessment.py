"""Assessment (考核): the national baseline and helpers plugins share (RULEBOOK §11)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from core.policy.rules import default_rule
from core.policy.types import (
    AnnualScore,
    AssessmentCadence,
    AssessmentScheme,
    Dimension,
    ASSESSMENT_METRICS,
    PeriodScore,
    PolicyError,
    RankedEntry,
    ScoreTerm,
    Ranking,
    RuleRef,
)

DEFAULT_SCHEME_RULE = default_rule(
    "default.assessment.scheme",
    topic="assessment_scheme",
    title="考核办法",
    summary="Quarterly scores and an annual grade over 德 能 勤 绩 廉; the hall scores and proposes, "
    "the department records the annual result.",
    article="RULEBOOK §2, §11",
)
DEFAULT_ANNUAL_RULE = default_rule(
    "default.assessment.annual_score",
    topic="assessment_annual_score",
    title="年度总评",
    summary="Annual score = mean of the quarterly scores plus special additions and deductions.",
    article="RULEBOOK §11",
)
DEFAULT_RANKING_RULE = default_rule(
    "default.assessment.ranking",
    topic="assessment_ranking",
    title="考核排名",
    summary="Ranked by score, best first; equal scores share the better rank; no bottom watch.",
    article="RULEBOOK §11",
)

#: R9: the seed is silent on a tie covering first place (dongying Art 7(四)3 says only "后6名").
FIRST_PLACE_TIE_RULE = default_rule(
    "default.assessment.first_place_tie",
    topic="assessment_first_place_tie",
    title="并列第一不计入后N名",
    summary="Nobody tied for first place is in the bottom places, even when the tie reaches the line: nobody ranks "
    "above them (default, configurable by the jurisdiction admin: assessment.ranking.first_place_tie_exempt, "
    "1 = exempt, 0 = the tie is in the bottom like any other).",
    article="RULEBOOK §16 R9 (dongying Art 7(四)3)",
)

DIMENSIONS = {
    "de": Dimension("de", "德", "political and professional ethics (政治、思想表现和职业道德)"),
    "neng": Dimension("neng", "能", "knowledge of the business and policy, coordination (业务、政策水平，协调和办事能力)"),
    "qin": Dimension("qin", "勤", "diligence and keeping the centre's rules (工作态度、勤奋敬业、遵守规章制度)"),
    "ji": Dimension("ji", "绩", "results: volume, quality, efficiency, satisfaction (完成任务数量、质量、效率，满意率)"),
    "lian": Dimension("lian", "廉", "integrity (廉洁自律)"),
}
GRADES = ("优秀", "称职", "基本称职", "不称职")

QUARTERLY = AssessmentCadence("quarterly", "季度考核", "quantified quarterly score")
ANNUAL = AssessmentCadence("annual", "年度总评", "annual grade from the quarterly scores")


def dimensions(*codes: str) -> tuple[Dimension, ...]:
    return tuple(DIMENSIONS[code] for code in codes)


def default_scheme() -> AssessmentScheme:
    return AssessmentScheme(
        dimensions=dimensions("de", "neng", "qin", "ji", "lian"),
        cadences=(QUARTERLY, ANNUAL),
        annual_formula="mean(quarterly scores) + special additions/deductions",
        emphasis=None,
        grades=GRADES,
        grade_proposed_by="hall",
        grade_recorded_by="department",
        bottom_watch=None,
        rules=(DEFAULT_SCHEME_RULE.ref,),
    )


def annual_score(
    quarterly_scores: Sequence[float], adjustments: Sequence[float], rules: tuple[RuleRef, ...]
) -> AnnualScore:
    """Mean of the quarterly scores plus the sum of special additions (+) and deductions (−)."""
    if not quarterly_scores:
        raise PolicyError("an annual score needs at least one quarterly score")
    mean = sum(quarterly_scores) / len(quarterly_scores)
    return AnnualScore(mean + float(sum(adjustments)), mean, rules)


def default_annual_score(quarterly_scores: Sequence[float], adjustments: Sequence[float]) -> AnnualScore:
    return annual_score(quarterly_scores, adjustments, (DEFAULT_ANNUAL_RULE.ref,))


def rank(scores: Mapping[str, float], bottom_n: int | None, rules: tuple[RuleRef, ...],
         first_place_tie_exempt: bool | None = None) -> Ranking:
    """Best score first; equal scores share the better rank (1, 2, 2, 4).

    With ``bottom_n`` (R9, dongying Art 7(四)3 "后6名"), the bottom is the last
    ``bottom_n`` places, and ties are broken explicitly: everyone whose score is
    tied with someone inside those places is in the bottom too, and is marked
    ``tied_at_boundary`` when the tie straddles the line (so seven staff tied at
    the bottom of a group of ten are all flagged, and the tie is shown, rather
    than nobody). Those tied for first place are never in the bottom (nobody
    ranks above them; the seed is silent, this is the default, ``first_place_tie_exempt=False`` turns it off
    and ``default.assessment.first_place_tie`` is cited whenever it decided someone's place). Among
    ``bottom_n`` or fewer there is no bottom: a "bottom 6" watch over a hall of
    five would flag everyone, every period.
    """
    ordered = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    total = len(ordered)
    line = total - bottom_n if bottom_n is not None else None  # the last place above the bottom
    last_position: dict[float, int] = {}
    for position, (_, score) in enumerate(ordered, start=1):
        last_position[score] = position
    exempt_first = first_place_tie_exempt is None or first_place_tie_exempt
    tie_rule_applied = False
    entries: list[RankedEntry] = []
    previous_score: float | None = None
    current_rank = 0
    for position, (subject, score) in enumerate(ordered, start=1):
        if score != previous_score:
            current_rank, previous_score = position, score
        watched = bottom_n is not None and total > bottom_n
        # Nobody tied for first place is "后" anyone: the seed is silent on a tie covering first place;
        # default: it is not the bottom (a hall where nearly everyone scores 100 flags only those below).
        reaches_bottom = watched and last_position[score] > line
        tie_rule_applied = tie_rule_applied or (reaches_bottom and current_rank == 1)
        in_bottom = reaches_bottom and (current_rank > 1 or not exempt_first)
        straddles = in_bottom and current_rank <= line
        entries.append(RankedEntry(subject, score, current_rank, in_bottom, tied_at_boundary=straddles))
    if tie_rule_applied:
        rules = (*rules, FIRST_PLACE_TIE_RULE.ref)
    return Ranking(tuple(entries), bottom_n, rules)


def default_ranking(scores: Mapping[str, float]) -> Ranking:
    return rank(scores, None, (DEFAULT_RANKING_RULE.ref,))


DEFAULT_FORMULA_RULE = default_rule(
    "default.assessment.formula",
    topic="assessment_formula",
    title="量化评分",
    summary="A period score starts at 100 and loses, per occurrence: 1 for lateness or leaving early, 2 for a "
    "missing check-in, 3 for 脱岗, 2 for a patrol or video-patrol finding, 5 for an upheld complaint, 2 for a "
    "不满意/非常不满意 rating, 2 for an overdue case; never below 0. The sources name what is quantified, not "
    "the points.",
    article="RULEBOOK §11",
)

BASE_POINTS = 100.0
#: Points lost per occurrence (a configurable default: no source document fixes them).
DEFAULT_DEDUCTIONS: dict[str, float] = {
    "late": 1.0,
    "early": 1.0,
    "missing": 2.0,
    "off_post": 3.0,
    "patrol_findings": 2.0,
    "video_patrol_findings": 2.0,
    "complaints_upheld": 5.0,
    "bad_ratings": 2.0,
    "overdue_cases": 2.0,
}
METRIC_TITLES = {
    "late": "迟到",
    "early": "早退",
    "missing": "缺卡",
    "off_post": "脱岗",
    "patrol_findings": "日常巡查发现问题",
    "video_patrol_findings": "视频巡查发现问题",
    "complaints_upheld": "有效投诉",
    "bad_ratings": "差评（不满意、非常不满意）",
    "overdue_cases": "超期办件",
    "cases_handled": "办件量",
    "ratings": "评价数",
}


def check_metrics(metrics: Mapping[str, float]) -> None:
    unknown = sorted(set(metrics) - set(ASSESSMENT_METRICS))
    if unknown:
        raise PolicyError(f"unknown assessment metrics {unknown}; expected some of {', '.join(ASSESSMENT_METRICS)}")


def period_score(
    cadence: str,
    metrics: Mapping[str, float],
    *,
    used: Iterable[str],
    rules: tuple[RuleRef, ...],
    term_rule_ids: tuple[str, ...] = (),
    deductions: Mapping[str, float] = DEFAULT_DEDUCTIONS,
    base: float = BASE_POINTS,
) -> PeriodScore:
    """``base`` minus ``deductions[m] × metrics[m]`` for each metric ``m`` in ``used``, not below 0.

    Every term names the rules that put it there: ``term_rule_ids`` (which items a
    jurisdiction counts) and the default formula (how many points each costs).
    """
    check_metrics(metrics)
    used = tuple(m for m in used if m in deductions)
    terms = []
    for metric in used:
        count = float(metrics.get(metric, 0) or 0)
        each = -deductions[metric]
        terms.append(ScoreTerm(metric, METRIC_TITLES[metric], count, each, count * each,
                               (*term_rule_ids, DEFAULT_FORMULA_RULE.id)))
    score = max(0.0, base + sum(term.points for term in terms))
    return PeriodScore(cadence, base, score, tuple(terms), rules)


def default_period_score(cadence: str, metrics: Mapping[str, float]) -> PeriodScore:
    """Every deduction counts, whatever the cadence."""
    return period_score(cadence, metrics, used=DEFAULT_DEDUCTIONS, rules=(DEFAULT_FORMULA_RULE.ref,))
