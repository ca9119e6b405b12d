"""scheduleDuty, swapDuty, handOverDuty: the duty roster (panyu Art 66-67 leader duty; nanbu 午间值班)."""

from __future__ import annotations

from datetime import date, time
from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core import clock
from core.auth.access import PermissionDeniedError, allowed_domain, hall_scope, is_own_staff, require
from core.auth.models import User
from core.auth.roles import Side
from core.duty import service as duty_service
from core.duty.types import DutyAssignmentType
from core.errors import DomainError, NotFoundError
from core.graphql.errors import RULED_ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.halls.models import Hall
from core.policy.access import policy_in_session
from core.staff import service as staff_service
from core.staff.access import hall_in_session


@strawberry.input(description="值班安排: a slot of the jurisdiction's duty plan and who takes it (a leader's user or a staff member)")
class DutyInput:
    hall_id: strawberry.ID
    day: date
    slot_code: str = strawberry.field(description="e.g. leader_duty, lunch_duty")
    start_time: time | None = strawberry.field(default=None, description="when the plan has the slot twice that day")
    user_id: strawberry.ID | None = strawberry.field(default=None, description="a leader")
    staff_id: strawberry.ID | None = None


@strawberry.type
class DutySuccess:
    assignments: list[DutyAssignmentType]


DutyResult = Annotated[Union[DutySuccess, *RULED_ERROR_TYPES], strawberry.union("DutyResult")]


async def _assignee(session, ctx, user_id, staff_id) -> duty_service.Assignee:
    if (user_id is None) == (staff_id is None):
        raise DomainError("VALIDATION_FAILED", {"field": "userId", "reason": "须且只能指定一名值班人员（用户或工作人员）",
                                                "reason_en": "name exactly one person: a user or a staff member"}, "userId")
    if user_id is not None:
        user = await session.get(User, from_global_id(user_id, "User")[1])
        if user is None or not user.active:
            raise NotFoundError("用户", "User")
        return duty_service.Assignee(user=user)
    return duty_service.Assignee(staff=await staff_service.get(session, staff_id=from_global_id(staff_id, "Staff")[1],
                                                              enabled=ctx.plugins.enabled_codes))


async def schedule_duty(info: Info, input: DutyInput) -> DutyResult:
    ctx = info.context

    async def body(session, call):
        hall = await hall_in_session(session, ctx, input.hall_id)
        call.acted(target_type="Hall", target_id=hall.id)
        domain = require(ctx, "duty", "manage", hall_scope(ctx, hall))
        assignee = await _assignee(session, ctx, input.user_id, input.staff_id)
        policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
        assignment = await duty_service.schedule(
            session, policy=policy, authorizer=ctx.authorizer, hall=hall, day=input.day, slot_code=input.slot_code,
            start=input.start_time, assignee=assignee, assigned_by=ctx.actor.user_id, now=clock.now())
        call.acted(domain=domain, target_type="DutyAssignment", target_id=assignment.id,
                   after={"day": assignment.duty_on.isoformat(), "slot": assignment.slot_code,
                          "start": assignment.start_time.isoformat(), "assignee": assignment.assignee_name})
        return DutySuccess(assignments=[DutyAssignmentType.from_model(assignment)])

    return await run_mutation(info, "scheduleDuty", body)


@strawberry.input(description="两位值班领导互换值班")
class DutySwapInput:
    assignment_id: strawberry.ID
    with_id: strawberry.ID = strawberry.field(description="the other leader's duty")


async def swap_duty(info: Info, input: DutySwapInput) -> DutyResult:
    ctx = info.context

    async def body(session, call):
        mine = await duty_service.get(session, assignment_id=from_global_id(input.assignment_id, "DutyAssignment")[1])
        theirs = await duty_service.get(session, assignment_id=from_global_id(input.with_id, "DutyAssignment")[1])
        hall = await session.get(Hall, mine.hall_id)
        if not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("值班安排", "Duty assignment")
        call.acted(target_type="DutyAssignment", target_id=mine.id)
        scope = hall_scope(ctx, hall)
        # The leaders arrange swaps between themselves; the hall office may arrange any.
        domain = allowed_domain(ctx, "duty", "manage", scope)
        if domain is None:
            domain = require(ctx, "duty", "swap", scope)
            if ctx.actor.user_id not in (mine.assignee_user_id, theirs.assignee_user_id):
                raise PermissionDeniedError("duty", "swap", Side.HALL, domain)
        before = {"mine": mine.assignee_name, "theirs": theirs.assignee_name}
        policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
        await duty_service.swap(session, policy=policy, mine=mine, theirs=theirs, now=clock.now())
        call.acted(domain=domain, before=before, after={"mine": mine.assignee_name, "theirs": theirs.assignee_name})
        return DutySuccess(assignments=[DutyAssignmentType.from_model(mine), DutyAssignmentType.from_model(theirs)])

    return await run_mutation(info, "swapDuty", body)


@strawberry.input(description="值班人员本人找人替班")
class DutyHandoverInput:
    assignment_id: strawberry.ID
    substitute_staff_id: strawberry.ID


async def hand_over_duty(info: Info, input: DutyHandoverInput) -> DutyResult:
    ctx = info.context

    async def body(session, call):
        assignment = await duty_service.get(session, assignment_id=from_global_id(input.assignment_id, "DutyAssignment")[1])
        hall = await session.get(Hall, assignment.hall_id)
        if not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("值班安排", "Duty assignment")
        call.acted(target_type="DutyAssignment", target_id=assignment.id)
        scope = hall_scope(ctx, hall)
        domain = allowed_domain(ctx, "duty", "manage", scope)
        if domain is None:
            domain = require(ctx, "duty", "hand_over", scope)
            if not is_own_staff(ctx, assignment.assignee_staff_id) and ctx.actor.user_id != assignment.assignee_user_id:
                raise PermissionDeniedError("duty", "hand_over", Side.HALL, domain)
        substitute = duty_service.Assignee(staff=await staff_service.get(
            session, staff_id=from_global_id(input.substitute_staff_id, "Staff")[1], enabled=ctx.plugins.enabled_codes))
        before = {"assignee": assignment.assignee_name}
        policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
        await duty_service.hand_over(session, policy=policy, authorizer=ctx.authorizer, hall=hall,
                                     assignment=assignment, substitute=substitute, now=clock.now())
        call.acted(domain=domain, before=before, after={"assignee": assignment.assignee_name})
        return DutySuccess(assignments=[DutyAssignmentType.from_model(assignment)])

    return await run_mutation(info, "handOverDuty", body)
