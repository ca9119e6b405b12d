"""openAssessmentPeriod and computeAssessmentPeriod: the hall scores (RULEBOOK §2: 考核评优 — the hall scores/proposes)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core import clock
from core.assessment import service as assessment_service
from core.assessment.models import AssessmentPeriod
from core.assessment.types import AssessmentPeriodType, CadenceEnum
from core.auth.access import hall_scope, require
from core.graphql.errors import RULED_ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.policy.access import policy_in_session
from core.staff import changes
from core.staff.access import hall_in_session


@strawberry.input(description="考核周期: the period of `cadence` containing `on`")
class AssessmentPeriodInput:
    hall_id: strawberry.ID
    cadence: CadenceEnum
    on: date


@strawberry.input
class AssessmentComputeInput:
    period_id: strawberry.ID


@strawberry.type
class AssessmentPeriodSuccess:
    period: AssessmentPeriodType
    scored: int = strawberry.field(description="staff members scored")


AssessmentPeriodResult = Annotated[Union[AssessmentPeriodSuccess, *RULED_ERROR_TYPES], strawberry.union("AssessmentPeriodResult")]


async def open_assessment_period(info: Info, input: AssessmentPeriodInput) -> AssessmentPeriodResult:
    ctx = info.context

    async def body(session, call):
        hall = await hall_in_session(session, ctx, input.hall_id)
        call.acted(target_type="Hall", target_id=hall.id)
        domain = require(ctx, "assessment", "score", hall_scope(ctx, hall))
        policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
        period = await assessment_service.open_period(session, policy=policy, hall=hall, cadence=input.cadence.value,
                                                      on=input.on)
        call.acted(domain=domain, target_type="AssessmentPeriod", target_id=period.id,
                   after={"cadence": period.cadence, "label": period.label})
        return AssessmentPeriodSuccess(period=AssessmentPeriodType.from_model(period), scored=0)

    return await run_mutation(info, "openAssessmentPeriod", body)


async def compute_assessment_period(info: Info, input: AssessmentComputeInput) -> AssessmentPeriodResult:
    ctx = info.context

    async def body(session, call):
        period = await changes.get_row(session, AssessmentPeriod, from_global_id(input.period_id, "AssessmentPeriod")[1],
                                       "考核周期", "Assessment period")
        hall = await hall_in_session(session, ctx, str(period.hall_id))
        call.acted(target_type="AssessmentPeriod", target_id=period.id)
        domain = require(ctx, "assessment", "score", hall_scope(ctx, hall))
        policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
        scores = await assessment_service.compute_period(session, policy=policy, period=period, today=clock.today(),
                                                         now=clock.now())
        call.acted(domain=domain, after={"label": period.label, "scored": len(scores),
                                         "bottom": [str(s.staff_id) for s in scores if s.in_bottom]})
        return AssessmentPeriodSuccess(period=AssessmentPeriodType.from_model(period), scored=len(scores))

    return await run_mutation(info, "computeAssessmentPeriod", body)
