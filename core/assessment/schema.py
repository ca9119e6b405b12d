"""Assessment queries and mutations."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from core import clock
from core.assessment import service as assessment_service
from core.assessment.dataloaders import AssessmentPeriodByIdLoader
from core.assessment.models import AssessmentPeriod, AssessmentScore
from core.assessment.mutations.assessment_grades import (
    AssessmentAdjustmentResult,
    AssessmentGradeResult,
    add_assessment_adjustment,
    decide_assessment_grade,
    propose_assessment_grade,
    record_assessment_grade,
)
from core.assessment.mutations.assessment_periods import (
    AssessmentPeriodResult,
    compute_assessment_period,
    open_assessment_period,
)
from core.assessment.types import (
    AssessmentPeriodType,
    AssessmentScoreType,
    CadenceEnum,
    ReturnToUnitFlagType,
    ReturnTriggerType,
)
from core.auth.access import can, department_scope, hall_scope
from core.auth.access import PermissionDeniedError
from core.auth.roles import Side
from core.departments.dataloaders import DepartmentByIdLoader
from core.errors import DomainError, NotFoundError
from core.graphql.helpers import loader
from core.graphql.relay import Connection, from_global_id, paginate
from core.halls.dataloaders import HallByIdLoader
from core.policy.access import policy_for
from core.staff.access import visible_hall_for
from core.staff.models import Staff, StaffStatus


@strawberry.type
class AssessmentQuery:
    @strawberry.field(description="考核周期 of a hall, newest first")
    async def assessment_periods(
        self, info: Info, hall_id: strawberry.ID, cadence: CadenceEnum | None = None,
        first: int | None = 20, after: str | None = None,
    ) -> Connection[AssessmentPeriodType]:
        hall = await visible_hall_for(info, "assessment", hall_id)
        stmt = sa.select(AssessmentPeriod.__table__).where(AssessmentPeriod.hall_id == hall.id)
        if cadence is not None:
            stmt = stmt.where(AssessmentPeriod.cadence == cadence.value)
        async with info.context.db.session() as session:
            return await paginate(session, stmt, order_by=(AssessmentPeriod.starts_on, AssessmentPeriod.id),
                                  descending=True, first=first, after=after, to_node=AssessmentPeriodType.from_model)

    @strawberry.field(description="考核成绩 of a period by rank: all (hall office), a department's staff (its leaders), "
                                  "or the caller's own")
    async def assessment_scores(
        self, info: Info, period_id: strawberry.ID, department_id: strawberry.ID | None = None,
        bottom_only: Annotated[bool, strawberry.argument(description="only the bottom places watched")] = False,
        first: int | None = 20, after: str | None = None,
    ) -> Connection[AssessmentScoreType]:
        ctx = info.context
        if ctx.actor is None:
            raise DomainError("UNAUTHENTICATED")
        period = await loader(info, AssessmentPeriodByIdLoader).load(from_global_id(period_id, "AssessmentPeriod")[1])
        hall = await loader(info, HallByIdLoader).load(period.hall_id) if period else None
        if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("考核周期", "Assessment period")
        stmt = sa.select(AssessmentScore.__table__).where(AssessmentScore.period_id == period.id)
        department = None
        if department_id:
            department = await loader(info, DepartmentByIdLoader).load(from_global_id(department_id, "Department")[1])
            if department is None:
                raise NotFoundError("部门", "Department")
            stmt = stmt.where(AssessmentScore.staff_id.in_(sa.select(Staff.id).where(Staff.department_id == department.id)))
        if can(ctx, "assessment", "read", hall_scope(ctx, hall)):
            pass
        elif department is not None and can(ctx, "assessment", "read", department_scope(ctx, department)):
            pass
        elif ctx.actor.staff_id is not None:
            stmt = stmt.where(AssessmentScore.staff_id == ctx.actor.staff_id)
        else:
            raise PermissionDeniedError("assessment", "read", Side.HALL, f"hall:{hall.id}")
        if bottom_only:
            stmt = stmt.where(AssessmentScore.in_bottom.is_(True))
        async with ctx.db.session() as session:
            return await paginate(session, stmt, order_by=(AssessmentScore.rank, AssessmentScore.id),
                                  first=first, after=after, to_node=AssessmentScoreType.from_model)

    @strawberry.field(description="退回原派出单位: the jurisdiction's return rule applied to each member on duty, from "
                                  "their standings, grades and conduct records")
    async def return_to_unit_flags(
        self, info: Info, hall_id: strawberry.ID, as_of: date | None = None,
        flagged_only: bool = True,
    ) -> list[ReturnToUnitFlagType]:
        hall = await visible_hall_for(info, "assessment", hall_id)
        policy = await policy_for(info.context, hall.jurisdiction_code)
        day = as_of or clock.today()
        async with info.context.db.session() as session:
            staff = (await session.execute(sa.select(Staff.__table__).where(
                Staff.hall_id == hall.id, Staff.status.in_((StaffStatus.ON_DUTY, StaffStatus.ON_LEAVE)))
                .order_by(Staff.staff_number))).all()
            records = await assessment_service.staff_records(session, hall=hall, staff_ids=[s.id for s in staff],
                                                             as_of=day)
        flags = []
        lang = info.context.lang
        for member in staff:
            decision = policy.return_to_unit(records[member.id])
            if flagged_only and not decision.flagged:
                continue
            triggers = [ReturnTriggerType(code=t.code, rule_id=t.rule_id,
                                          message=t.message_en if lang == "en" else t.message_zh) for t in decision.triggers]
            flags.append(ReturnToUnitFlagType(flagged=decision.flagged, mandatory=decision.mandatory,
                                              decided_by=decision.decided_by, triggers=triggers,
                                              rule_ids=[r.id for r in decision.rules], as_of=day, staff_row=member))
        return flags


@strawberry.type
class AssessmentMutation:
    open_assessment_period: AssessmentPeriodResult = strawberry.mutation(
        resolver=open_assessment_period, description="考核周期: a cadence of the jurisdiction's scheme")
    compute_assessment_period: AssessmentPeriodResult = strawberry.mutation(
        resolver=compute_assessment_period,
        description="计分排名: the plugin's formula over the period's records, then its ranking (recomputing replaces)")
    add_assessment_adjustment: AssessmentAdjustmentResult = strawberry.mutation(
        resolver=add_assessment_adjustment, description="特殊加减分 (annual score)")
    propose_assessment_grade: AssessmentGradeResult = strawberry.mutation(
        resolver=propose_assessment_grade, description="年度考核等次建议: the hall proposes (dongguan 6.3.4a)")
    decide_assessment_grade: AssessmentGradeResult = strawberry.mutation(
        resolver=decide_assessment_grade,
        description="确定考核等次: the 考核小组 decides the annual grade where the scheme has one (R5, dongying Art 8(三)1(4))")
    record_assessment_grade: AssessmentGradeResult = strawberry.mutation(
        resolver=record_assessment_grade,
        description="年度考核结果: the department records (where a 考核小组 decides: exactly its decision)")
