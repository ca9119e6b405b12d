"""GraphQL types for assessment."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from core.assessment.dataloaders import AssessmentPeriodByIdLoader
from core.assessment.models import AssessmentPeriod, AssessmentScore, Cadence, PeriodStatus
from core.graphql.enums import _describe
from core.graphql.helpers import loader
from core.graphql.relay import Node, to_global_id
from core.staff.dataloaders import StaffByIdLoader
from core.timezones import to_local

CadenceEnum = _describe(Cadence, "考核周期")
PeriodStatusEnum = _describe(PeriodStatus, "考核周期状态")


@strawberry.type(name="AssessmentPeriod", description="考核周期 of a hall, a cadence of the jurisdiction's scheme")
class AssessmentPeriodType(Node):
    id: strawberry.ID
    cadence: CadenceEnum
    cadence_label: str
    label: str = strawberry.field(description="e.g. 2026Q1, 2026-03, 2026-03H1, 2026")
    starts_on: date
    ends_on: date
    status: PeriodStatusEnum
    computed_at: datetime | None
    rule_ids: list[str]
    row: strawberry.Private[AssessmentPeriod]

    @classmethod
    def from_model(cls, row) -> "AssessmentPeriodType":
        cadence = Cadence(row.cadence)
        return cls(id=to_global_id("AssessmentPeriod", row.id), cadence=cadence, cadence_label=cadence.label,
                   label=row.label, starts_on=row.starts_on, ends_on=row.ends_on, status=PeriodStatus(row.status),
                   computed_at=to_local(row.computed_at), rule_ids=list(row.rule_ids or []), row=row)


@strawberry.type(name="ScoreTerm", description="One term of a score: how many, how many points each, which rules")
class ScoreTermType:
    metric: str = strawberry.field(description="e.g. late, patrol_findings, quarterly_mean, adjustment")
    title: str
    count: float
    points_each: float | None
    points: float
    rule_ids: list[str]


@strawberry.type(name="AssessmentScore", description="考核成绩: a staff member's score in a period, explained term by term")
class AssessmentScoreType(Node):
    id: strawberry.ID
    score: float
    rank: int = strawberry.field(description="1 = best; equal scores share the better rank")
    in_bottom: bool = strawberry.field(description="among the bottom places the scheme watches (dongying: 后6名)")
    tied_at_boundary: bool = strawberry.field(
        description="并列: in the bottom through a tie at the line; everyone tied there is included (R9, dongying Art 7(四))")
    inputs: JSON = strawberry.field(description="what was counted: the period's metrics, or the quarterly scores and "
                                                "adjustments of an annual score")
    breakdown: list[ScoreTermType]
    rule_ids: list[str] = strawberry.field(description="the formula's and the ranking's rules")
    proposed_grade: str | None = strawberry.field(description="考核等次 proposed by the hall (annual)")
    decided_grade: str | None = strawberry.field(
        description="考核等次 decided by the 考核小组 where the scheme has one (R5, dongying Art 8(三)1(4))")
    recorded_grade: str | None = strawberry.field(description="考核等次 recorded by the department (annual)")
    computed_at: datetime
    row: strawberry.Private[AssessmentScore]

    @classmethod
    def from_model(cls, row) -> "AssessmentScoreType":
        terms = [ScoreTermType(metric=t["metric"], title=t["title"], count=t["count"], points_each=t["points_each"],
                               points=t["points"], rule_ids=list(t["rule_ids"])) for t in row.breakdown or []]
        return cls(id=to_global_id("AssessmentScore", row.id), score=row.score, rank=row.rank, in_bottom=row.in_bottom,
                   tied_at_boundary=row.tied_at_boundary,
                   inputs=row.inputs, breakdown=terms, rule_ids=list(row.rule_ids or []),
                   proposed_grade=row.proposed_grade, decided_grade=row.decided_grade, recorded_grade=row.recorded_grade,
                   computed_at=to_local(row.computed_at), row=row)

    @strawberry.field
    async def staff(self, info: Info) -> Annotated["StaffType", strawberry.lazy("core.staff.types")]:
        return staff_types.StaffType.from_model(await loader(info, StaffByIdLoader).load(self.row.staff_id))

    @strawberry.field
    async def period(self, info: Info) -> AssessmentPeriodType:
        return AssessmentPeriodType.from_model(await loader(info, AssessmentPeriodByIdLoader).load(self.row.period_id))


@strawberry.type(name="ReturnTrigger", description="One reason a member is flagged for return, and its rule")
class ReturnTriggerType:
    code: str
    rule_id: str
    message: str


@strawberry.type(name="ReturnToUnitFlag", description="退回原派出单位: whether the jurisdiction's rule flags a member, and why")
class ReturnToUnitFlagType:
    flagged: bool
    mandatory: bool = strawberry.field(description="shall return (dongying) vs may return (dongguan)")
    decided_by: str
    triggers: list[ReturnTriggerType]
    rule_ids: list[str]
    as_of: date
    staff_row: strawberry.Private[object]

    @strawberry.field
    def staff(self) -> Annotated["StaffType", strawberry.lazy("core.staff.types")]:
        return staff_types.StaffType.from_model(self.staff_row)


from core.staff import types as staff_types  # noqa: E402
