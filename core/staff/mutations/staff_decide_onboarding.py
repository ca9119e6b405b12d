"""decideStaffOnboarding: the hall approves (after pre-duty training where required) or rejects a proposed member."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core import clock
from core.auth.access import hall_scope, require
from core.graphql.errors import RULED_ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.policy.access import policy_in_session
from core.staff import changes
from core.staff import service as staff_service
from core.staff.models import StaffOnboarding
from core.staff.types import StaffOnboardingType, StaffType


@strawberry.input
class StaffOnboardingDecisionInput:
    onboarding_id: strawberry.ID
    approve: bool
    note: str | None = None


@strawberry.type
class StaffOnboardingDecisionSuccess:
    onboarding: StaffOnboardingType
    staff: StaffType


StaffOnboardingDecisionResult = Annotated[Union[StaffOnboardingDecisionSuccess, *RULED_ERROR_TYPES],
                                          strawberry.union("StaffOnboardingDecisionResult")]


async def decide_staff_onboarding(info: Info, input: StaffOnboardingDecisionInput) -> StaffOnboardingDecisionResult:
    ctx = info.context

    async def body(session, call):
        onboarding = await changes.get_row(session, StaffOnboarding,
                                           from_global_id(input.onboarding_id, "StaffOnboarding")[1], "上岗申请", "Onboarding")
        call.acted(target_type="StaffOnboarding", target_id=onboarding.id)
        sides = await staff_service.get_with_sides(session, staff_id=onboarding.staff_id, enabled=ctx.plugins.enabled_codes)
        domain = require(ctx, "onboarding", "approve", hall_scope(ctx, sides.hall))
        policy = await policy_in_session(session, ctx.plugins, sides.hall.jurisdiction_code)
        before = {"status": onboarding.status, "staff_status": sides.staff.status}
        staff = await changes.decide_onboarding(session, policy=policy, onboarding=onboarding, approve=input.approve,
                                                note=input.note, decided_by=ctx.actor.user_id, now=clock.now())
        call.acted(domain=domain, before=before, after={"status": onboarding.status, "staff_status": staff.status})
        return StaffOnboardingDecisionSuccess(onboarding=StaffOnboardingType.from_model(onboarding),
                                              staff=StaffType.from_model(staff))

    return await run_mutation(info, "decideStaffOnboarding", body)
