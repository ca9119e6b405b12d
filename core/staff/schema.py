"""Staff queries and mutations: employment, onboarding, training, replacement, return, conduct."""

from __future__ import annotations

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from core.graphql.relay import Connection, paginate
from core.staff.access import list_scope
from core.staff.models import StaffOnboarding, StaffReplacement, StaffReturn
from core.staff.mutations.staff_decide_onboarding import StaffOnboardingDecisionResult, decide_staff_onboarding
from core.staff.mutations.staff_decide_replacement import StaffReplacementDecisionResult, decide_staff_replacement
from core.staff.mutations.staff_propose_onboarding import StaffOnboardingResult, propose_staff_onboarding
from core.staff.mutations.staff_propose_replacement import StaffReplacementResult, propose_staff_replacement
from core.staff.mutations.staff_record_conduct import ConductResult, record_conduct
from core.staff.mutations.staff_record_training import StaffTrainingResult, record_staff_training
from core.staff.mutations.staff_replacement_steps import (
    StaffReplacementStepResult,
    put_replacement_on_duty,
    release_replaced_staff,
)
from core.staff.mutations.staff_return import StaffReturnResult, return_staff_to_department
from core.staff.mutations.staff_update_employment import StaffEmploymentResult, update_staff_employment
from core.staff.types import (
    OnboardingStatusEnum,
    ReplacementStatusEnum,
    StaffOnboardingType,
    StaffReplacementType,
    StaffReturnType,
)


async def _records_page(info: Info, model, to_node, *, newest_by, hall_id, department_id, first, after,
                        statuses=None):
    """A hall's or a department's records of one kind, newest first, limited to what the caller may read."""
    scope = await list_scope(info, "staff", hall_id=hall_id, department_id=department_id)
    stmt = sa.select(model.__table__)
    if scope.hall_ids is not None:
        stmt = stmt.where(model.hall_id.in_(scope.hall_ids))
    if scope.department_ids is not None:
        stmt = stmt.where(model.department_id.in_(scope.department_ids))
    if statuses:
        stmt = stmt.where(model.status.in_([s.value for s in statuses]))
    async with info.context.db.session() as session:
        return await paginate(session, stmt, order_by=(newest_by, model.id), descending=True,
                              first=first, after=after, to_node=to_node)


@strawberry.type
class StaffQuery:
    @strawberry.field(description="上岗申请, newest first: a hall's or a department's")
    async def staff_onboardings(
        self, info: Info, hall_id: strawberry.ID | None = None, department_id: strawberry.ID | None = None,
        status: list[OnboardingStatusEnum] | None = None, first: int | None = 20, after: str | None = None,
    ) -> Connection[StaffOnboardingType]:
        return await _records_page(info, StaffOnboarding, StaffOnboardingType.from_model,
                                   newest_by=StaffOnboarding.proposed_at, hall_id=hall_id, department_id=department_id,
                                   first=first, after=after, statuses=status)

    @strawberry.field(description="调换, newest first: a hall's or a department's")
    async def staff_replacements(
        self, info: Info, hall_id: strawberry.ID | None = None, department_id: strawberry.ID | None = None,
        status: list[ReplacementStatusEnum] | None = None, first: int | None = 20, after: str | None = None,
    ) -> Connection[StaffReplacementType]:
        return await _records_page(info, StaffReplacement, StaffReplacementType.from_model,
                                   newest_by=StaffReplacement.proposed_at, hall_id=hall_id, department_id=department_id,
                                   first=first, after=after, statuses=status)

    @strawberry.field(description="退回记录, newest first: a hall's or a department's")
    async def staff_returns(
        self, info: Info, hall_id: strawberry.ID | None = None, department_id: strawberry.ID | None = None,
        first: int | None = 20, after: str | None = None,
    ) -> Connection[StaffReturnType]:
        return await _records_page(info, StaffReturn, StaffReturnType.from_model, newest_by=StaffReturn.created_at,
                                   hall_id=hall_id, department_id=department_id, first=first, after=after)


@strawberry.type
class StaffMutation:
    update_staff_employment: StaffEmploymentResult = strawberry.mutation(
        resolver=update_staff_employment,
        description="职级/岗位: the dispatching department's decision (dongguan 6.3.4a)",
    )
    propose_staff_onboarding: StaffOnboardingResult = strawberry.mutation(
        resolver=propose_staff_onboarding, description="上岗: the department proposes a member (jiedong Art 6)")
    record_staff_training: StaffTrainingResult = strawberry.mutation(
        resolver=record_staff_training, description="培训记录: pre-duty or in-service training (panyu Art 17)")
    decide_staff_onboarding: StaffOnboardingDecisionResult = strawberry.mutation(
        resolver=decide_staff_onboarding, description="审定上岗: the hall approves before duty, after pre-duty training")
    propose_staff_replacement: StaffReplacementResult = strawberry.mutation(
        resolver=propose_staff_replacement, description="调换: the department proposes (dongguan 6.3.4b; panyu Art 20)")
    decide_staff_replacement: StaffReplacementDecisionResult = strawberry.mutation(
        resolver=decide_staff_replacement, description="调换协商: the hall agrees or refuses")
    put_replacement_on_duty: StaffReplacementStepResult = strawberry.mutation(
        resolver=put_replacement_on_duty, description="新人员上岗 (先进: the new member first, as B on the old member's windows)")
    release_replaced_staff: StaffReplacementStepResult = strawberry.mutation(
        resolver=release_replaced_staff, description="原人员离岗 (后出: refused before the new member is on duty where "
                                                     "the rule says 先进后出)")
    return_staff_to_department: StaffReturnResult = strawberry.mutation(
        resolver=return_staff_to_department, description="退回原派出单位: the hall's decision, with the reason")
    record_conduct: ConductResult = strawberry.mutation(
        resolver=record_conduct, description="行为记录: 通报批评, 处分, 不服从管理… (the hall's daily discipline)")
