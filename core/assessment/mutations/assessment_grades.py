"""addAssessmentAdjustment, proposeAssessmentGrade (the hall), decideAssessmentGrade (the 考核小组, where the
scheme has one: R5, dongying Art 8(三)1(4)) and recordAssessmentGrade (the department): 特殊加减分 and the annual
grade (dongguan 6.3.4a: the hall proposes, the department records)."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.assessment import service as assessment_service
from core.assessment.models import AssessmentPeriod, AssessmentScore
from core.assessment.types import AssessmentScoreType
from core.auth.access import department_scope, hall_scope, require
from core.graphql.errors import ERROR_TYPES, RULED_ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.policy.access import policy_in_session
from core.staff import changes
from core.staff import service as staff_service


@strawberry.input(description="特殊加减分 to a member's annual score: positive adds, negative deducts")
class AssessmentAdjustmentInput:
    staff_id: strawberry.ID
    year: int
    points: float
    reason: str


@strawberry.type
class AssessmentAdjustmentSuccess:
    year: int
    points: float
    reason: str


AssessmentAdjustmentResult = Annotated[Union[AssessmentAdjustmentSuccess, *ERROR_TYPES],
                                       strawberry.union("AssessmentAdjustmentResult")]


async def add_assessment_adjustment(info: Info, input: AssessmentAdjustmentInput) -> AssessmentAdjustmentResult:
    ctx = info.context

    async def body(session, call):
        sides = await staff_service.get_with_sides(session, staff_id=from_global_id(input.staff_id, "Staff")[1],
                                                   enabled=ctx.plugins.enabled_codes)
        call.acted(target_type="Staff", target_id=sides.staff.id)
        domain = require(ctx, "assessment", "score", hall_scope(ctx, sides.hall))
        adjustment = await assessment_service.add_adjustment(session, staff=sides.staff, year=input.year,
                                                             points=input.points, reason=input.reason,
                                                             recorded_by=ctx.actor.user_id)
        call.acted(domain=domain, after={"year": adjustment.year, "points": adjustment.points, "reason": adjustment.reason})
        return AssessmentAdjustmentSuccess(year=adjustment.year, points=adjustment.points, reason=adjustment.reason)

    return await run_mutation(info, "addAssessmentAdjustment", body)


@strawberry.input
class AssessmentGradeInput:
    score_id: strawberry.ID
    grade: str = strawberry.field(description="one of the scheme's grades, e.g. 优秀, 称职, 基本称职, 不称职 (dongying also 不合格)")


@strawberry.type
class AssessmentGradeSuccess:
    score: AssessmentScoreType


AssessmentGradeResult = Annotated[Union[AssessmentGradeSuccess, *RULED_ERROR_TYPES], strawberry.union("AssessmentGradeResult")]


def _grade(action: str, *, step: str):
    async def resolver(info: Info, input: AssessmentGradeInput) -> AssessmentGradeResult:
        ctx = info.context

        async def body(session, call):
            score = await changes.get_row(session, AssessmentScore, from_global_id(input.score_id, "AssessmentScore")[1],
                                          "考核成绩", "Assessment score")
            call.acted(target_type="AssessmentScore", target_id=score.id)
            sides = await staff_service.get_with_sides(session, staff_id=score.staff_id, enabled=ctx.plugins.enabled_codes)
            if step == "recorded":
                domain = require(ctx, "assessment", "record_annual", department_scope(ctx, sides.department))
            elif step == "decided":
                domain = require(ctx, "assessment", "decide_grade", hall_scope(ctx, sides.hall))
            else:
                domain = require(ctx, "assessment", "score", hall_scope(ctx, sides.hall))
            period = await session.get(AssessmentPeriod, score.period_id)
            policy = await policy_in_session(session, ctx.plugins, sides.hall.jurisdiction_code)
            before = {"proposed": score.proposed_grade, "decided": score.decided_grade, "recorded": score.recorded_grade}
            await assessment_service.set_grade(session, policy=policy, score=score, period=period, grade=input.grade,
                                               step=step)
            call.acted(domain=domain, before=before, after={"proposed": score.proposed_grade, "decided": score.decided_grade,
                                                            "recorded": score.recorded_grade})
            return AssessmentGradeSuccess(score=AssessmentScoreType.from_model(score))

        return await run_mutation(info, action, body)

    return resolver


propose_assessment_grade = _grade("proposeAssessmentGrade", step="proposed")
decide_assessment_grade = _grade("decideAssessmentGrade", step="decided")
record_assessment_grade = _grade("recordAssessmentGrade", step="recorded")
