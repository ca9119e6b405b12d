"""proposeStaffOnboarding: the department proposes a member for a hall; on duty only after the hall approves (jiedong Art 6)."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core import clock
from core.auth.access import department_scope, require
from core.graphql.enums import PostRoleEnum
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.policy.access import policy_in_session
from core.staff import changes
from core.staff.access import department_in_session, hall_in_session
from core.staff.types import StaffOnboardingType
from core.windows import service as window_service
from core.windows.models import PostRole


@strawberry.input(description="窗口人员名单、个人信息、承担职责 as the department's letter gives them")
class StaffOnboardingInput:
    hall_id: strawberry.ID
    department_id: strawberry.ID
    staff_number: str = strawberry.field(description="工号")
    name: str
    rank: str | None = None
    position: str | None = None
    phone: str | None = None
    window_id: strawberry.ID | None = strawberry.field(default=None, description="the post, applied on approval")
    post_role: PostRoleEnum | None = strawberry.field(default=None, description="A (主办) or B (协办); default B")
    as_substitute: bool = strawberry.field(default=False, description="预选替岗人员: onto the substitute list")
    duties: str | None = strawberry.field(default=None, description="承担职责")


@strawberry.type
class StaffOnboardingSuccess:
    onboarding: StaffOnboardingType


StaffOnboardingResult = Annotated[Union[StaffOnboardingSuccess, *ERROR_TYPES], strawberry.union("StaffOnboardingResult")]


async def propose_staff_onboarding(info: Info, input: StaffOnboardingInput) -> StaffOnboardingResult:
    ctx = info.context

    async def body(session, call):
        hall = await hall_in_session(session, ctx, input.hall_id)
        department = await department_in_session(session, ctx, input.department_id)
        call.acted(target_type="Hall", target_id=hall.id)
        domain = require(ctx, "onboarding", "propose", department_scope(ctx, department))
        window = None
        if input.window_id:
            window = await window_service.get_window(session, window_id=from_global_id(input.window_id, "Window")[1])
        policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
        onboarding = await changes.propose(
            session, policy=policy, hall=hall, department=department, staff_number=input.staff_number,
            name=input.name, rank=input.rank, position=input.position, phone=input.phone, window=window,
            post_role=PostRole(input.post_role.value) if input.post_role else None, as_substitute=input.as_substitute,
            duties=input.duties, proposed_by=ctx.actor.user_id, now=clock.now())
        call.acted(domain=domain, target_type="StaffOnboarding", target_id=onboarding.id,
                   after={"staff_id": str(onboarding.staff_id), "staff_number": input.staff_number.strip(),
                          "as_substitute": input.as_substitute, "window_id": str(onboarding.window_id or "") or None,
                          "rule_ids": onboarding.rule_ids})
        return StaffOnboardingSuccess(onboarding=StaffOnboardingType.from_model(onboarding))

    return await run_mutation(info, "proposeStaffOnboarding", body)
