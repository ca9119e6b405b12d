"""GraphQL types of the provincial views: the area bulletin, rankings and trends."""

from __future__ import annotations

from datetime import date

import strawberry

from core.graphql.relay import to_global_id
from core.province.service import AreaBulletin, AreaGroup, AreaRow, RankedRow, RankingMetric
from core.ratings.types import RateType

AreaGroupEnum = strawberry.enum(AreaGroup, description="行: HALL 大厅; DEPARTMENT_TYPE 部门类别 (same short name across "
                                                       "halls, e.g. 公安局); COUNTY 区县 (a jurisdiction)")
RankingMetricEnum = strawberry.enum(RankingMetric, description="排名指标: SATISFACTION 满意度 and RATING_RATE 评价率 "
                                                               "(higher is better); OVERDUE_RATE 超时率, "
                                                               "COMPLAINTS_PER_THOUSAND 每千件投诉, AVERAGE_WAIT "
                                                               "平均等候时长 in minutes (lower is better)")


@strawberry.type(name="AreaBulletinRow", description="One hall's, department type's or county's figures over a period")
class AreaBulletinRowType:
    group: AreaGroupEnum
    key: str = strawberry.field(description="the hall's global id, the department type's name or the county's code")
    subject_id: strawberry.ID | None = strawberry.field(description="the Hall's global id (rows by hall)")
    subject_name: str
    jurisdiction_code: str | None = strawberry.field(description="the hall's or county's jurisdiction")
    people_served: int = strawberry.field(description="服务人次")
    tickets_served: int
    cases: int = strawberry.field(description="办件量")
    completed_cases: int = strawberry.field(description="办结量")
    overdue_cases: int = strawberry.field(description="超时件")
    overdue_rate: float | None = strawberry.field(description="超时率: overdue ÷ cases")
    corrected_cases: int
    correction_rate: float | None = strawberry.field(description="补齐补正率")
    supplemented_cases: int
    ratings: int
    satisfaction: RateType = strawberry.field(description="满意度")
    praise: int = strawberry.field(description="表扬")
    complaints: int = strawberry.field(description="投诉 (accepted)")
    complaints_per_thousand: float | None = strawberry.field(description="complaints per 1,000 cases")
    rated_cases: int
    rating_rate: RateType = strawberry.field(description="评价率 against the target")
    average_wait_minutes: float | None = strawberry.field(description="平均等候时长: ticket taken to called, minutes")

    @classmethod
    def from_row(cls, row: AreaRow) -> "AreaBulletinRowType":
        hall_id = to_global_id("Hall", row.subject_id) if row.group is AreaGroup.HALL and row.subject_id else None
        return cls(
            group=row.group, key=hall_id or row.key, subject_id=hall_id, subject_name=row.subject_name,
            jurisdiction_code=row.jurisdiction_code, people_served=row.people_served, tickets_served=row.tickets_served,
            cases=row.cases, completed_cases=row.completed_cases, overdue_cases=row.overdue_cases,
            overdue_rate=row.overdue_rate, corrected_cases=row.corrected_cases, correction_rate=row.correction_rate,
            supplemented_cases=row.supplemented_cases, ratings=row.ratings,
            satisfaction=RateType.from_result(row.satisfaction), praise=row.praise, complaints=row.complaints,
            complaints_per_thousand=row.complaints_per_thousand, rated_cases=row.rated_cases,
            rating_rate=RateType.from_result(row.rating_rate), average_wait_minutes=row.average_wait_minutes,
        )


def _area_fields(bulletin: AreaBulletin, shown: int) -> dict:
    area = bulletin.area
    return dict(area_name=area.label, province=area.province_code, jurisdiction=area.jurisdiction_code,
                from_date=bulletin.first, to_date=bulletin.last, group_by=bulletin.group,
                own_halls_only=area.visible_hall_ids is not None, total_rows=len(bulletin.rows))


@strawberry.type(name="AreaBulletin", description="服务质量通报 of a province or county, by hall, department type or "
                                                  "county (RULEBOOK §14), counted from the daily rollups")
class AreaBulletinType:
    area_name: str
    province: str | None
    jurisdiction: str | None
    from_date: date = strawberry.field(name="from")
    to_date: date = strawberry.field(name="to")
    group_by: AreaGroupEnum
    own_halls_only: bool = strawberry.field(description="true: the caller reads only their own halls' rows")
    total_rows: int = strawberry.field(description="rows in the whole area (the caller may see fewer)")
    rows: list[AreaBulletinRowType]

    @classmethod
    def build(cls, bulletin: AreaBulletin, rows: list[AreaRow]) -> "AreaBulletinType":
        return cls(**_area_fields(bulletin, len(rows)), rows=[AreaBulletinRowType.from_row(r) for r in rows])


@strawberry.type(name="RankingEntry", description="One row's place in a ranking")
class RankingEntryType:
    rank: int | None = strawberry.field(description="1 is best; equal values share a rank (1, 2, 2, 4); null: "
                                                    "nothing to measure")
    tied: bool = strawberry.field(description="another row has the same value (并列)")
    value: float | None
    row: AreaBulletinRowType

    @classmethod
    def from_ranked(cls, ranked: RankedRow) -> "RankingEntryType":
        return cls(rank=ranked.rank, tied=ranked.tied, value=ranked.value, row=AreaBulletinRowType.from_row(ranked.row))


@strawberry.type(name="ServiceRanking", description="排名 of the halls, department types or counties of an area on one metric")
class ServiceRankingType:
    area_name: str
    province: str | None
    jurisdiction: str | None
    from_date: date = strawberry.field(name="from")
    to_date: date = strawberry.field(name="to")
    group_by: AreaGroupEnum
    own_halls_only: bool
    total_rows: int = strawberry.field(description="rows ranked in the whole area")
    metric: RankingMetricEnum
    higher_is_better: bool
    entries: list[RankingEntryType]

    @classmethod
    def build(cls, bulletin: AreaBulletin, metric: RankingMetric, entries: list[RankedRow]) -> "ServiceRankingType":
        return cls(**_area_fields(bulletin, len(entries)), metric=metric, higher_is_better=metric.higher_is_better,
                   entries=[RankingEntryType.from_ranked(e) for e in entries])


@strawberry.type(name="TrendPoint", description="A month's value")
class TrendPointType:
    month: str = strawberry.field(description="YYYY-MM")
    value: float | None
    change: float | None = strawberry.field(description="环比: this month's value minus the previous month's")


@strawberry.type(name="TrendSeries", description="One row's months")
class TrendSeriesType:
    key: str
    subject_id: strawberry.ID | None
    subject_name: str
    points: list[TrendPointType]


@strawberry.type(name="ServiceTrend", description="Month-over-month trend (环比) of a metric for each row of an area")
class ServiceTrendType:
    area_name: str
    group_by: AreaGroupEnum
    metric: RankingMetricEnum
    months: list[str]
    series: list[TrendSeriesType]
