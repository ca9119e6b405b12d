"""Provincial views of the service-quality bulletin (RULEBOOK §14) over many halls, from the rollups.

An **area** is a set of jurisdictions: one county's (a jurisdiction), or every enabled jurisdiction of a
province. Its bulletin has one row per hall, per department type (部门类别: departments of the same short
name, e.g. every 公安局, across halls and counties), or per county (区县: a jurisdiction). Each figure is
the sum of the halls' daily rollups, read with five statements whatever the number of halls: the
same figures as :mod:`core.bulletin.service` gives hall by hall.

Rankings order the rows on one metric — satisfaction and rating rate (higher is better), overdue rate,
complaints per 1,000 cases and average wait (lower is better) — with standard competition ranks
(1, 2, 2, 4): equal values share a rank. Rows with nothing to measure get no rank and come last.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.bulletin.models import BulletinScope
from core.bulletin.service import BulletinRow
from core.departments.models import Department
from core.enums import LabelledEnum
from core.halls.models import Hall
from core.policy.service import JurisdictionPolicy
from core.ratings.models import RatingLevel
from core.rollups.models import NO_SUBJECT, RollupCase, RollupCaseClock, RollupComplaint, RollupRating, RollupTicket

UNKNOWN_DEPARTMENT = "未知部门"


class AreaGroup(LabelledEnum):
    """What one row of a provincial bulletin is about."""

    HALL = ("hall", "大厅", "Hall")
    DEPARTMENT_TYPE = ("department_type", "部门类别", "Department type")
    COUNTY = ("county", "区县", "County")


class RankingMetric(LabelledEnum):
    """What a ranking orders on; ``higher_is_better`` says which way."""

    SATISFACTION = ("satisfaction", "满意度", "Satisfaction")
    RATING_RATE = ("rating_rate", "评价率", "Rating rate")
    OVERDUE_RATE = ("overdue_rate", "超时率", "Overdue rate")
    COMPLAINTS_PER_THOUSAND = ("complaints_per_thousand", "每千件投诉", "Complaints per 1,000 cases")
    AVERAGE_WAIT = ("average_wait", "平均等候时长", "Average wait")

    @property
    def higher_is_better(self) -> bool:
        return self in (RankingMetric.SATISFACTION, RankingMetric.RATING_RATE)


@dataclass
class AreaRow(BulletinRow):
    """A row of a provincial bulletin: a hall's, a department type's or a county's figures."""

    group: AreaGroup = AreaGroup.HALL
    key: str = ""  # the hall's id, the department type's name or the county's code
    jurisdiction_code: str | None = None  # the hall's or the county's
    waited: int = 0
    wait_seconds: float = 0.0

    @property
    def overdue_rate(self) -> float | None:
        return self.overdue_cases / self.cases if self.cases else None

    @property
    def complaints_per_thousand(self) -> float | None:
        return self.complaints * 1000 / self.cases if self.cases else None

    @property
    def average_wait_minutes(self) -> float | None:
        return self.wait_seconds / self.waited / 60 if self.waited else None

    def metric(self, metric: RankingMetric) -> float | None:
        return {
            RankingMetric.SATISFACTION: lambda: self.satisfaction.value,
            RankingMetric.RATING_RATE: lambda: self.rating_rate.value,
            RankingMetric.OVERDUE_RATE: lambda: self.overdue_rate,
            RankingMetric.COMPLAINTS_PER_THOUSAND: lambda: self.complaints_per_thousand,
            RankingMetric.AVERAGE_WAIT: lambda: self.average_wait_minutes,
        }[metric]()


@dataclass(frozen=True)
class Area:
    """Where a provincial view looks: jurisdictions, and the halls the caller may see the rows of
    (None: every hall of the area)."""

    label: str  # e.g. 广东省 or 番禺区
    codes: tuple[str, ...]
    province_code: str | None = None
    jurisdiction_code: str | None = None
    visible_hall_ids: frozenset[uuid.UUID] | None = None


@dataclass
class AreaBulletin:
    area: Area
    group: AreaGroup
    first: date
    last: date
    rows: list[AreaRow] = field(default_factory=list)


@dataclass(frozen=True)
class RankedRow:
    rank: int | None  # None: nothing to measure
    tied: bool
    value: float | None
    row: AreaRow


# --- counting ------------------------------------------------------------------------------------


def _key(table, group: AreaGroup):
    if group is AreaGroup.HALL:
        return table.hall_id
    if group is AreaGroup.COUNTY:
        return Hall.jurisdiction_code
    return sa.func.coalesce(Department.short_name, UNKNOWN_DEPARTMENT)


def _grouped(table, group: AreaGroup, codes, first: date, last: date, *columns) -> sa.Select:
    key = _key(table, group).label("key")
    scope = BulletinScope.DEPARTMENT if group is AreaGroup.DEPARTMENT_TYPE else BulletinScope.HALL
    stmt = sa.select(key, *columns).select_from(table).join(Hall, Hall.id == table.hall_id).where(
        Hall.jurisdiction_code.in_(list(codes)), table.scope == scope.value, table.day >= first, table.day <= last)
    if group is AreaGroup.DEPARTMENT_TYPE:
        stmt = stmt.outerjoin(Department, sa.and_(Department.id == table.subject_id,
                                                  table.subject_id != sa.literal(NO_SUBJECT, sa.Uuid())))
    return stmt.group_by(key)


async def _figures(session: AsyncSession, *, group: AreaGroup, codes, first: date, last: date,
                   as_of: date) -> dict[str, AreaRow]:
    rows: dict[str, AreaRow] = {}

    def row(key) -> AreaRow:
        key = str(key)
        if key not in rows:
            rows[key] = AreaRow(scope=BulletinScope.DEPARTMENT if group is AreaGroup.DEPARTMENT_TYPE else BulletinScope.HALL,
                                subject_id=None, subject_name=key, group=group, key=key)
        return rows[key]

    C, K = RollupCase, RollupCaseClock
    for r in (await session.execute(_grouped(
            C, group, codes, first, last, sa.func.sum(C.cases).label("cases"),
            sa.func.sum(C.applicants_without_ticket).label("applicants"), sa.func.sum(C.completed).label("completed"),
            sa.func.sum(C.completed_late).label("late"), sa.func.sum(C.corrected).label("corrected"),
            sa.func.sum(C.rated).label("rated")))).all():
        target = row(r.key)
        target.cases, target.applicants_without_ticket = int(r.cases), int(r.applicants)
        target.completed_cases, target.overdue_cases = int(r.completed), int(r.late)
        target.corrected_cases, target.rated_cases = int(r.corrected), int(r.rated)
    running = sa.case((sa.and_(K.clock == "deadline", K.on_day < as_of), K.cases), else_=0)
    supplied = sa.case((sa.and_(K.clock == "supplied", K.on_day <= as_of), K.cases), else_=0)
    for r in (await session.execute(_grouped(K, group, codes, first, last, sa.func.sum(running).label("running"),
                                             sa.func.sum(supplied).label("supplied")))).all():
        target = row(r.key)
        target.overdue_cases += int(r.running)
        target.supplemented_cases = int(r.supplied)
    T = RollupTicket
    for r in (await session.execute(_grouped(T, group, codes, first, last, sa.func.sum(T.served).label("served"),
                                             sa.func.sum(T.waited).label("waited"),
                                             sa.func.sum(T.wait_seconds).label("wait")))).all():
        target = row(r.key)
        target.tickets_served, target.waited, target.wait_seconds = int(r.served), int(r.waited), float(r.wait)
    R = RollupRating
    for r in (await session.execute(_grouped(R, group, codes, first, last, R.level,
                                             sa.func.sum(R.ratings).label("ratings"),
                                             sa.func.sum(R.by_citizens).label("by_citizens")).group_by(R.level))).all():
        target = row(r.key)
        target.ratings_by_level[r.level] += int(r.ratings)
        if r.level == RatingLevel.VERY_SATISFIED:
            target.praise += int(r.by_citizens)
    P = RollupComplaint
    for r in (await session.execute(_grouped(P, group, codes, first, last,
                                             sa.func.sum(P.complaints).label("complaints")))).all():
        row(r.key).complaints = int(r.complaints)
    return rows


async def _halls(session: AsyncSession, codes) -> list[Hall]:
    return list((await session.execute(sa.select(Hall).where(Hall.jurisdiction_code.in_(list(codes))).order_by(
        Hall.jurisdiction_code, Hall.name))).scalars())


async def compute(session: AsyncSession, *, area: Area, group: AreaGroup, first: date, last: date, today: date,
                  policies: dict[str, JurisdictionPolicy], county_names: dict[str, str]) -> AreaBulletin:
    """The area's bulletin for the local days ``first``..``last``: every hall (or county) of the area, zero
    rows included, and every department type that has figures. Rates follow each row's jurisdiction's rules
    (a department type's: the area's first jurisdiction's). ``visible_hall_ids`` is applied by the caller."""
    figures = await _figures(session, group=group, codes=area.codes, first=first, last=last, as_of=min(last, today))
    rows: list[AreaRow] = []
    if group is AreaGroup.HALL:
        for hall in await _halls(session, area.codes):
            row = figures.get(str(hall.id)) or AreaRow(scope=BulletinScope.HALL, subject_id=None, subject_name="",
                                                        group=group, key=str(hall.id))
            row.subject_id, row.subject_name, row.jurisdiction_code = hall.id, hall.name, hall.jurisdiction_code
            rows.append(row)
    elif group is AreaGroup.COUNTY:
        for code in area.codes:
            row = figures.get(code) or AreaRow(scope=BulletinScope.HALL, subject_id=None, subject_name="",
                                               group=group, key=code)
            row.subject_name, row.jurisdiction_code = county_names.get(code, code), code
            rows.append(row)
    else:
        rows = sorted(figures.values(), key=lambda r: (r.key == UNKNOWN_DEPARTMENT, r.key))
    lead = policies[area.codes[0]]
    for row in rows:
        policy = policies.get(row.jurisdiction_code, lead)
        row.satisfaction = policy.satisfaction_rate(row.ratings_by_level)
        row.rating_rate = policy.rating_rate(row.rated_cases, row.completed_cases)
    return AreaBulletin(area=area, group=group, first=first, last=last, rows=rows)


def rank(rows: list[AreaRow], metric: RankingMetric) -> list[RankedRow]:
    """Standard competition ranking (1, 2, 2, 4) on ``metric``; rows without a value come last, unranked."""
    measured = [(row.metric(metric), row) for row in rows]
    valued = sorted(((v, r) for v, r in measured if v is not None),
                    key=lambda pair: (-pair[0] if metric.higher_is_better else pair[0], pair[1].subject_name))
    counts: dict[float, int] = {}
    for value, _ in valued:
        counts[round(value, 9)] = counts.get(round(value, 9), 0) + 1
    ranked, previous, current = [], None, 0
    for position, (value, row) in enumerate(valued, start=1):
        if previous is None or round(value, 9) != previous:
            current, previous = position, round(value, 9)
        ranked.append(RankedRow(rank=current, tied=counts[round(value, 9)] > 1, value=value, row=row))
    ranked += [RankedRow(rank=None, tied=False, value=None, row=row)
               for value, row in sorted(((v, r) for v, r in measured if v is None), key=lambda p: p[1].subject_name)]
    return ranked


def months_back(month: date, count: int) -> list[tuple[date, date]]:
    """The ``count`` calendar months ending with ``month``'s, oldest first, as (first day, last day)."""
    periods = []
    first = month.replace(day=1)
    for _ in range(count):
        last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        periods.append((first, last))
        first = (first - timedelta(days=1)).replace(day=1)
    return list(reversed(periods))
