"""Assessment services: periods from the jurisdiction's scheme, metrics collected by SQL aggregation over the
period's attendance, patrols, complaints, ratings and cases, scores by the plugin's formula, ranking by the
plugin, annual scores from the quarterly mean plus special adjustments, return-to-unit facts."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.assessment.models import (
    AssessmentAdjustment,
    AssessmentPeriod,
    AssessmentScore,
    Cadence,
    PeriodStatus,
)
from core.attendance.models import AttendanceRecord
from core.cases import service as case_service
from core.cases.models import Case
from core.complaints.models import Complaint, ComplaintStatus, ComplaintTarget
from core.db.versioning import claim
from core.errors import ConflictError, DomainError, RuleViolation
from core.halls.models import Hall
from core.jurisdictions import settings as jurisdiction_settings
from core.patrols.models import PatrolCategory, PatrolRecord
from core.policy.service import JurisdictionPolicy
from core.policy.types import PeriodStanding, PolicyError, StaffRecord, Violation
from core.ratings.models import Rating
from core.staff.models import ConductKind, ConductRecord, Staff, StaffStatus
from core.timezones import SHANGHAI

BAD_RATING_LEVELS = ("dissatisfied", "very_dissatisfied")
ATTENDANCE_METRICS = {"late": "late", "early": "early", "missing": "missing", "off_post": "off_post"}


# --- periods ------------------------------------------------------------------------------------------


def period_bounds(cadence: str, on: date) -> tuple[date, date, str]:
    """(first day, last day, label) of the period of ``cadence`` containing ``on``."""
    month_end = (on.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    if cadence == Cadence.HALF_MONTHLY:
        if on.day <= 15:
            return on.replace(day=1), on.replace(day=15), f"{on:%Y-%m}H1"
        return on.replace(day=16), month_end, f"{on:%Y-%m}H2"
    if cadence in (Cadence.MONTHLY, Cadence.MONTHLY_ASSESSMENT):
        return on.replace(day=1), month_end, f"{on:%Y-%m}"
    if cadence == Cadence.QUARTERLY:
        quarter = (on.month - 1) // 3
        first = date(on.year, quarter * 3 + 1, 1)
        last = (date(on.year + (quarter == 3), (quarter * 3 + 3) % 12 + 1, 1)) - timedelta(days=1)
        return first, last, f"{on.year}Q{quarter + 1}"
    if cadence == Cadence.ANNUAL:
        return date(on.year, 1, 1), date(on.year, 12, 31), f"{on.year}"
    raise PolicyError(f"unknown cadence {cadence!r}")


async def open_period(session: AsyncSession, *, policy: JurisdictionPolicy, hall: Hall, cadence: str,
                      on: date) -> AssessmentPeriod:
    """A period of a cadence the jurisdiction's scheme has (dongying: half-monthly, monthly, quarterly, annual)."""
    scheme = policy.assessment_scheme()
    if cadence not in {c.code for c in scheme.cadences}:
        names = "、".join(c.title for c in scheme.cadences)
        raise RuleViolation("ASSESSMENT_CADENCE_NOT_IN_SCHEME", [Violation(
            scheme.rules[0].id, f"本辖区考核周期为：{names}",
            "this jurisdiction assesses by: " + ", ".join(c.code for c in scheme.cadences), "cadence")])
    first, last, label = period_bounds(cadence, on)
    exists = (await session.execute(sa.select(AssessmentPeriod.id).where(
        AssessmentPeriod.hall_id == hall.id, AssessmentPeriod.cadence == cadence,
        AssessmentPeriod.starts_on == first))).first()
    if exists is not None:
        raise ConflictError("ASSESSMENT_PERIOD_EXISTS", {"label": label})
    period = AssessmentPeriod(hall_id=hall.id, cadence=cadence, label=label, starts_on=first, ends_on=last,
                              rule_ids=[r.id for r in scheme.rules])
    session.add(period)
    await session.flush()
    return period


# --- metrics: one GROUP BY per source -------------------------------------------------------------------


def _utc_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """The period's local days as UTC instants, ``[start, end)``."""
    return (datetime.combine(first, time(0), tzinfo=SHANGHAI), datetime.combine(last + timedelta(days=1), time(0),
                                                                                  tzinfo=SHANGHAI))


async def collect_metrics(session: AsyncSession, *, hall_id: uuid.UUID, first: date, last: date, today: date,
                          staff_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, int]]:
    """Every metric of ``ASSESSMENT_METRICS`` per staff member over ``[first, last]``: five statements in all."""
    metrics: dict[uuid.UUID, dict[str, int]] = {s: defaultdict(int) for s in staff_ids}
    ids = list(staff_ids)
    if not ids:
        return {}
    start, end = _utc_bounds(first, last)

    attendance = await session.execute(
        sa.select(AttendanceRecord.staff_id, AttendanceRecord.verdict, sa.func.count())
        .where(AttendanceRecord.staff_id.in_(ids), AttendanceRecord.attendance_on.between(first, last),
               AttendanceRecord.verdict.in_(list(ATTENDANCE_METRICS)))
        .group_by(AttendanceRecord.staff_id, AttendanceRecord.verdict))
    for staff_id, verdict, count in attendance:
        metrics[staff_id][ATTENDANCE_METRICS[verdict]] += count

    is_video = PatrolRecord.category == PatrolCategory.VIDEO
    patrols = await session.execute(
        sa.select(PatrolRecord.staff_id, is_video.label("video"), sa.func.count())
        .where(PatrolRecord.staff_id.in_(ids), PatrolRecord.compliant.is_(False),
               PatrolRecord.patrolled_at >= start, PatrolRecord.patrolled_at < end)
        .group_by(PatrolRecord.staff_id, is_video))
    for staff_id, video, count in patrols:
        metrics[staff_id]["video_patrol_findings" if video else "patrol_findings"] += count

    complaints = await session.execute(
        sa.select(Complaint.target_id, sa.func.count())
        .where(Complaint.target_kind == ComplaintTarget.STAFF, Complaint.target_id.in_(ids),
               Complaint.accepted_at.is_not(None), Complaint.status != ComplaintStatus.REJECTED,
               # Investigated and found untrue (投诉不属实): no deduction.
               sa.or_(Complaint.substantiated.is_(None), Complaint.substantiated.is_(True)),
               Complaint.received_at >= start, Complaint.received_at < end)
        .group_by(Complaint.target_id))
    for staff_id, count in complaints:
        metrics[staff_id]["complaints_upheld"] += count

    bad = sa.case((Rating.level.in_(BAD_RATING_LEVELS), 1), else_=0)
    ratings = await session.execute(
        sa.select(Rating.staff_id, sa.func.count(), sa.func.sum(bad))
        # Ratings overturned on appeal as mistaken or malicious count for nothing (panyu Art 43).
        .where(Rating.staff_id.in_(ids), Rating.counts_in_assessment.is_(True),
               Rating.rated_at >= start, Rating.rated_at < end)
        .group_by(Rating.staff_id))
    for staff_id, count, bad_count in ratings:
        metrics[staff_id]["ratings"] += count
        metrics[staff_id]["bad_ratings"] += int(bad_count or 0)

    # 超期 as the case engine and the bulletin count it: a case paused for materials, or returned, is not late.
    overdue = sa.case((case_service.overdue_condition(min(last, today)), 1), else_=0)
    cases = await session.execute(
        sa.select(Case.staff_id, sa.func.count(), sa.func.sum(overdue))
        .where(Case.staff_id.in_(ids), Case.accepted_at >= start, Case.accepted_at < end)
        .group_by(Case.staff_id))
    for staff_id, count, overdue_count in cases:
        metrics[staff_id]["cases_handled"] += count
        metrics[staff_id]["overdue_cases"] += int(overdue_count or 0)
    return {staff_id: dict(values) for staff_id, values in metrics.items()}


# --- scores ---------------------------------------------------------------------------------------------


async def _scored_staff(session: AsyncSession, hall_id: uuid.UUID) -> list[uuid.UUID]:
    return list((await session.execute(
        sa.select(Staff.id).where(Staff.hall_id == hall_id, Staff.status.in_((StaffStatus.ON_DUTY, StaffStatus.ON_LEAVE)))
        .order_by(Staff.staff_number)
    )).scalars())


async def _adjustments(session: AsyncSession, *, hall_id: uuid.UUID, year: int) -> dict[uuid.UUID, list]:
    rows = (await session.execute(sa.select(AssessmentAdjustment).where(
        AssessmentAdjustment.hall_id == hall_id, AssessmentAdjustment.year == year
    ).order_by(AssessmentAdjustment.created_at))).scalars()
    found: dict[uuid.UUID, list] = defaultdict(list)
    for row in rows:
        found[row.staff_id].append(row)
    return found


def _term(term) -> dict:
    return {"metric": term.metric, "title": term.title, "count": term.count, "points_each": term.points_each,
            "points": term.points, "rule_ids": list(term.rule_ids)}


async def compute_period(session: AsyncSession, *, policy: JurisdictionPolicy, period: AssessmentPeriod,
                         today: date, now: datetime) -> list[AssessmentScore]:
    """Score every staff member on duty: the plugin's formula over the period's metrics (an annual period:
    the mean of the computed quarters plus adjustments), then the plugin's ranking. Replaces earlier scores."""
    staff_ids = await _scored_staff(session, period.hall_id)
    previous = (await session.execute(sa.select(AssessmentScore).where(AssessmentScore.period_id == period.id))).scalars().all()
    if any(score.recorded_grade for score in previous):
        raise ConflictError("ASSESSMENT_GRADES_RECORDED", {"label": period.label})
    await claim(session, period)
    scheme = policy.assessment_scheme()
    results: dict[uuid.UUID, tuple[float, dict, list, list[str]]] = {}
    if period.cadence == Cadence.ANNUAL and any(c.code == Cadence.QUARTERLY for c in scheme.cadences):
        results = await _annual_from_quarters(session, policy=policy, period=period, staff_ids=staff_ids)
    else:
        metrics = await collect_metrics(session, hall_id=period.hall_id, first=period.starts_on, last=period.ends_on,
                                        today=today, staff_ids=staff_ids)
        adjustments = (await _adjustments(session, hall_id=period.hall_id, year=period.starts_on.year)
                       if period.cadence == Cadence.ANNUAL else {})
        for staff_id in staff_ids:
            score = policy.assessment_formula(period.cadence, metrics.get(staff_id, {}))
            breakdown = [_term(t) for t in score.terms]
            extra = [{"metric": "adjustment", "title": a.reason, "count": 1, "points_each": a.points,
                      "points": a.points, "rule_ids": []} for a in adjustments.get(staff_id, [])]
            value = score.score + sum(a["points"] for a in extra)
            inputs = {"metrics": metrics.get(staff_id, {}), "base": score.base}
            results[staff_id] = (value, inputs, breakdown + extra, [r.id for r in score.rules])
    configured = await jurisdiction_settings.load(session, jurisdiction=policy.jurisdiction)
    exempt = configured.get("assessment.ranking.first_place_tie_exempt")
    ranking = policy.rank_assessment({str(staff_id): value for staff_id, (value, *_) in results.items()},
                                     first_place_tie_exempt=None if exempt is None else bool(exempt))
    await session.execute(sa.delete(AssessmentScore).where(AssessmentScore.period_id == period.id))
    scores = []
    for entry in ranking.entries:
        staff_id = uuid.UUID(entry.subject_id)
        value, inputs, breakdown, rule_ids = results[staff_id]
        scores.append(AssessmentScore(
            period_id=period.id, staff_id=staff_id, hall_id=period.hall_id, score=round(value, 4), rank=entry.rank,
            in_bottom=entry.in_bottom, tied_at_boundary=entry.tied_at_boundary, inputs=inputs, breakdown=breakdown,
            rule_ids=list(dict.fromkeys([*rule_ids, *[r.id for r in ranking.rules]])), computed_at=now))
    session.add_all(scores)
    if ranking.bottom_n is not None:  # the bottom watch (dongying 后6名, R9) decided the period's in_bottom flags
        period.rule_ids = list(dict.fromkeys([*period.rule_ids, *(r.id for r in ranking.rules)]))
    period.status, period.computed_at = PeriodStatus.COMPUTED, now
    await session.flush()
    return scores


async def _annual_from_quarters(session: AsyncSession, *, policy: JurisdictionPolicy, period: AssessmentPeriod,
                                staff_ids: list[uuid.UUID]) -> dict:
    quarters = (await session.execute(
        sa.select(AssessmentPeriod.label, AssessmentScore.staff_id, AssessmentScore.score)
        .join(AssessmentScore, AssessmentScore.period_id == AssessmentPeriod.id)
        .where(AssessmentPeriod.hall_id == period.hall_id, AssessmentPeriod.cadence == Cadence.QUARTERLY,
               AssessmentPeriod.starts_on >= period.starts_on, AssessmentPeriod.ends_on <= period.ends_on)
        .order_by(AssessmentPeriod.starts_on)
    )).all()
    if not quarters:
        raise DomainError("ASSESSMENT_QUARTERS_MISSING", {"year": period.starts_on.year})
    by_staff: dict[uuid.UUID, dict[str, float]] = defaultdict(dict)
    for label, staff_id, score in quarters:
        by_staff[staff_id][label] = score
    adjustments = await _adjustments(session, hall_id=period.hall_id, year=period.starts_on.year)
    results = {}
    for staff_id in staff_ids:
        if not by_staff.get(staff_id):
            continue  # not scored in any quarter of the year (e.g. on duty since)
        quarterly = by_staff[staff_id]
        points = [a.points for a in adjustments.get(staff_id, [])]
        annual = policy.annual_assessment_score(list(quarterly.values()), points)
        breakdown = [{"metric": "quarterly_mean", "title": "各季度考核成绩平均分", "count": len(quarterly),
                      "points_each": None, "points": annual.quarterly_mean, "rule_ids": [r.id for r in annual.rules]}]
        breakdown += [{"metric": "adjustment", "title": a.reason, "count": 1, "points_each": a.points,
                       "points": a.points, "rule_ids": [r.id for r in annual.rules]} for a in adjustments.get(staff_id, [])]
        inputs = {"quarterly_scores": quarterly, "adjustments": points}
        results[staff_id] = (annual.score, inputs, breakdown, [r.id for r in annual.rules])
    return results


async def add_adjustment(session: AsyncSession, *, staff: Staff, year: int, points: float, reason: str,
                         recorded_by: uuid.UUID | None) -> AssessmentAdjustment:
    """特殊加减分 for the annual score (dongying Art 8(三)1(4))."""
    if points == 0 or not reason.strip():
        raise DomainError("VALIDATION_FAILED", {"field": "points", "reason": "分值不能为0，且须写明事由",
                                                "reason_en": "points cannot be 0 and a reason is required"}, "points")
    adjustment = AssessmentAdjustment(hall_id=staff.hall_id, staff_id=staff.id, year=year, points=points,
                                      reason=reason.strip(), recorded_by=recorded_by)
    session.add(adjustment)
    await session.flush()
    return adjustment


async def set_grade(session: AsyncSession, *, policy: JurisdictionPolicy, score: AssessmentScore, period: AssessmentPeriod,
                    grade: str, step: str) -> None:
    """The annual grade, one step at a time: the hall proposes (dongguan 6.3.4a; dongying: 督查部), the scheme's
    deciding body decides where it has one (R5, dongying: 考核小组), the department records (the decided grade)."""
    scheme = policy.assessment_scheme()
    if period.cadence != Cadence.ANNUAL:
        raise DomainError("ASSESSMENT_GRADE_ANNUAL_ONLY")
    if grade not in scheme.grades:
        raise RuleViolation("ASSESSMENT_GRADE_UNKNOWN", [Violation(
            scheme.rules[0].id, f"考核等次为：{'、'.join(scheme.grades)}", f"grades are: {', '.join(scheme.grades)}",
            "grade")])
    decision_rule = scheme.rules[-1].id
    if step == "decided" and scheme.grade_decided_by is None:
        raise RuleViolation("ASSESSMENT_GRADE_NO_DECIDING_BODY", [Violation(
            decision_rule, "本辖区的考核等次由派出部门确定并记录，没有单独的确定环节",
            "here the department decides and records the grade: there is no separate decision", "grade")])
    if step == "recorded" and scheme.grade_decided_by is not None and score.decided_grade != grade:
        zh = ("考核等次须先由考核小组确定" if score.decided_grade is None
              else f"派出部门记录的等次须与考核小组确定的“{score.decided_grade}”一致")
        en = ("the assessment group must decide the grade first" if score.decided_grade is None
              else f"the department records the grade the assessment group decided ({score.decided_grade})")
        raise RuleViolation("ASSESSMENT_GRADE_NOT_DECIDED", [Violation(decision_rule, zh, en, "grade")])
    await claim(session, score)
    if step == "recorded":
        score.recorded_grade = grade
    else:
        if score.recorded_grade:
            raise ConflictError("ASSESSMENT_GRADES_RECORDED", {"label": period.label})
        if step == "decided":
            score.decided_grade = grade
        else:
            score.proposed_grade = grade
    await session.flush()


# --- return to unit: the facts the rule looks at ----------------------------------------------------------


CONDUCT_FLAGS = {
    ConductKind.DISOBEDIENCE: "disobeys_management",
    ConductKind.REPEATED_DISOBEDIENCE: "repeated_disobedience",
    ConductKind.SERIOUS_VIOLATION: "serious_violation",
    ConductKind.DISCIPLINARY_SANCTION: "disciplinary_sanction",
    ConductKind.CANNOT_DO_JOB: "cannot_do_job",
}


async def staff_records(session: AsyncSession, *, hall: Hall, staff_ids: Sequence[uuid.UUID],
                        as_of: date) -> dict[uuid.UUID, StaffRecord]:
    """Each member's StaffRecord: standings in the hall's quarterly periods, the latest recorded annual grade,
    criticisms and conduct of the past year. Three statements, whatever the number of staff."""
    ids = list(staff_ids)
    standings = (await session.execute(
        sa.select(AssessmentScore.staff_id, AssessmentPeriod.label, AssessmentPeriod.starts_on,
                  AssessmentPeriod.ends_on, AssessmentPeriod.cadence, AssessmentScore.in_bottom,
                  AssessmentScore.recorded_grade, AssessmentScore.decided_grade)
        .join(AssessmentPeriod, AssessmentPeriod.id == AssessmentScore.period_id)
        .where(AssessmentScore.staff_id.in_(ids), AssessmentPeriod.hall_id == hall.id,
               AssessmentPeriod.cadence.in_((Cadence.QUARTERLY, Cadence.ANNUAL)), AssessmentPeriod.starts_on <= as_of)
        .order_by(AssessmentPeriod.starts_on)
    )).all()
    conduct = (await session.execute(
        sa.select(ConductRecord.staff_id, ConductRecord.kind, ConductRecord.occurred_on)
        .where(ConductRecord.staff_id.in_(ids), ConductRecord.occurred_on <= as_of)
    )).all()
    periods: dict[uuid.UUID, list[PeriodStanding]] = defaultdict(list)
    grades: dict[uuid.UUID, str] = {}
    for row in standings:
        if row.cadence == Cadence.QUARTERLY:
            periods[row.staff_id].append(PeriodStanding(row.label, row.starts_on, row.ends_on, row.in_bottom))
        elif (row.decided_grade or row.recorded_grade) and row.ends_on <= as_of:
            # Where a 考核小组 decides (R5), its decision is the grade; the department's record follows it.
            grades[row.staff_id] = row.decided_grade or row.recorded_grade
    criticisms: dict[uuid.UUID, list[date]] = defaultdict(list)
    flags: dict[uuid.UUID, dict[str, bool]] = defaultdict(dict)
    year_ago = as_of - timedelta(days=365)
    for staff_id, kind, occurred_on in conduct:
        if kind == ConductKind.CRITICISM:
            criticisms[staff_id].append(occurred_on)
        elif kind in CONDUCT_FLAGS and occurred_on > year_ago:
            flags[staff_id][CONDUCT_FLAGS[ConductKind(kind)]] = True
    return {
        staff_id: StaffRecord(as_of=as_of, annual_grade=grades.get(staff_id), periods=tuple(periods[staff_id]),
                              criticisms=tuple(sorted(criticisms[staff_id])), **flags[staff_id])
        for staff_id in ids
    }
