"""GraphQL types for the service-quality bulletin (服务质量通报)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from core.bulletin.models import COMPUTED_METRICS, BulletinScope
from core.bulletin.service import Bulletin, BulletinRow
from core.graphql.relay import to_global_id
from core.graphql.rules import RuleReferenceType
from core.ratings.types import RateType

BulletinScopeEnum = strawberry.enum(BulletinScope, description="通报对象: HALL 大厅; WINDOW 窗口; DEPARTMENT 部门; STAFF 工作人员")

GLOBAL_TYPES = {BulletinScope.HALL: "Hall", BulletinScope.WINDOW: "Window", BulletinScope.DEPARTMENT: "Department",
                BulletinScope.STAFF: "Staff"}


@strawberry.type(name="BulletinMetric", description="A figure the jurisdiction's bulletin reports")
class BulletinMetricType:
    code: str
    title: str
    title_en: str
    counted: bool = strawberry.field(description="false: the platform holds no data for it yet (e.g. patrols)")


@strawberry.type(name="BulletinRow", description="One hall, window, department or staff member's figures")
class BulletinRowType:
    subject_kind: BulletinScopeEnum
    subject_id: strawberry.ID | None = strawberry.field(description="null: cases without a window (online) or handler")
    subject_name: str
    people_served: int = strawberry.field(
        description="服务人次: queue tickets served, plus distinct applicants per day of the cases without a ticket")
    tickets_served: int = strawberry.field(description="取号服务人次: queue tickets served (办理完毕) in the period")
    applicants_without_ticket: int = strawberry.field(
        description="distinct applicants per day among the period's cases that came without a ticket (e.g. online)")
    cases: int = strawberry.field(description="办件量: cases accepted in the period")
    completed_cases: int = strawberry.field(description="办结量")
    overdue_cases: int = strawberry.field(
        description="超时件: completed after the deadline, or running past it at the period's end (as Case.overdue)")
    corrected_cases: int = strawberry.field(description="补齐补正件: cases with at least one correction notice (补正告知书)")
    correction_rate: float | None = strawberry.field(description="补齐补正率: corrected ÷ cases")
    supplemented_cases: int = strawberry.field(
        description="补齐: corrected cases whose every notice was answered with the materials by the period's end")
    supplement_rate: float | None = strawberry.field(description="补齐率: supplemented ÷ corrected")
    ratings: int = strawberry.field(description="ratings given in the period that count (not overturned)")
    satisfaction: RateType = strawberry.field(description="满意度")
    praise: int = strawberry.field(description="表扬: 非常满意 given by citizens")
    complaints: int = strawberry.field(description="投诉: accepted complaints received in the period")
    rated_cases: int
    rating_rate: RateType = strawberry.field(description="评价率 against the target")
    items: list["BulletinItemType"] = strawberry.field(
        description="the jurisdiction's own bulletin items, each computed (dongying 月通报: seven items, R8)")

    @classmethod
    def from_row(cls, row: BulletinRow) -> "BulletinRowType":
        return cls(
            subject_kind=row.scope,
            subject_id=to_global_id(GLOBAL_TYPES[row.scope], row.subject_id) if row.subject_id else None,
            subject_name=row.subject_name, people_served=row.people_served, tickets_served=row.tickets_served,
            applicants_without_ticket=row.applicants_without_ticket, cases=row.cases,
            completed_cases=row.completed_cases, overdue_cases=row.overdue_cases, corrected_cases=row.corrected_cases,
            correction_rate=row.correction_rate, supplemented_cases=row.supplemented_cases,
            supplement_rate=row.supplement_rate, ratings=row.ratings, satisfaction=RateType.from_result(row.satisfaction),
            praise=row.praise, complaints=row.complaints, rated_cases=row.rated_cases,
            rating_rate=RateType.from_result(row.rating_rate),
            items=[BulletinItemType(code=code, value=float(value), detail=detail)
                   for code, (value, detail) in row.items.items()],
        )


@strawberry.type(name="BulletinItem", description="一项通报内容 with its figure and what it counts (R8)")
class BulletinItemType:
    code: str = strawberry.field(description="the metric code of the jurisdiction's bulletin, e.g. leaders_on_site")
    value: float
    detail: str = strawberry.field(description="what was counted, e.g. 迟到1 早退0 缺卡0 脱岗0；请假2天")


@strawberry.type(name="ServiceBulletin", description="服务质量通报 of a hall for a period (RULEBOOK §14; panyu Art 107)")
class ServiceBulletinType:
    from_date: date = strawberry.field(name="from")
    to_date: date = strawberry.field(name="to")
    group_by: BulletinScopeEnum
    rating_rate_target: float | None
    cadence: str | None = strawberry.field(description="how often the jurisdiction publishes it, e.g. monthly")
    jurisdiction_scopes: list[str] = strawberry.field(description="the subjects the jurisdiction's bulletin covers")
    metrics: list[BulletinMetricType] = strawberry.field(description="the figures the jurisdiction's bulletin names")
    rules: list[RuleReferenceType]
    rows: list[BulletinRowType]
    bulletin: strawberry.Private[Bulletin]

    @classmethod
    def from_bulletin(cls, bulletin: Bulletin) -> "ServiceBulletinType":
        spec = bulletin.spec
        return cls(
            from_date=bulletin.first, to_date=bulletin.last, group_by=bulletin.scope,
            rating_rate_target=spec.rating_rate_target, cadence=spec.cadence, jurisdiction_scopes=list(spec.scopes),
            metrics=[BulletinMetricType(code=m.code, title=m.title, title_en=m.title_en, counted=m.code in COMPUTED_METRICS)
                     for m in spec.metrics],
            rules=RuleReferenceType.many(spec.rules), rows=[BulletinRowType.from_row(r) for r in bulletin.rows],
            bulletin=bulletin,
        )

    @strawberry.field
    def hall(self, info: Info) -> Annotated["HallType", strawberry.lazy("core.halls.types")]:
        return hall_types.HallType.from_model(self.bulletin.hall)


from core.halls import types as hall_types  # noqa: E402
