"""Leave queries and mutations."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime
from typing import Annotated

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from core.errors import DomainError, NotFoundError
from core.graphql.helpers import loader
from core.graphql.relay import Connection, from_global_id, paginate
from core.halls.models import Hall
from core.leave import service as leave_service
from core.leave.approvers import step_roles_held
from core.leave.models import LeaveRequest, LeaveStatus
from core.leave.mutations.leave_attach import LeaveDocumentResult, attach_leave_document
from core.leave.mutations.leave_cancel import LeaveCancelResult, cancel_leave
from core.leave.mutations.leave_decide_step import LeaveStepDecisionResult, decide_leave_step
from core.leave.mutations.leave_report_return import LeaveReturnResult, report_return_from_leave
from core.leave.mutations.leave_request import LeaveRequestResult, request_leave
from core.leave.types import LeaveRequestType, LeaveStatusEnum
from core.staff.access import list_scope, local_moment, may_read
from core.staff.dataloaders import StaffByIdLoader


def awaiting_decision_by(ctx) -> sa.ColumnElement[bool]:
    """Pending requests whose current step the caller may decide, from the caller's grants (one condition)."""
    roles_by_domain: dict[str, set[str]] = defaultdict(set)
    for role, domain in ctx.authorizer.grants(ctx.actor.user_id):
        roles_by_domain[domain].add(role)
    clauses = []
    for domain, roles in roles_by_domain.items():
        kind, _, raw = domain.partition(":")
        side, column = {"hall": ("hall", LeaveRequest.hall_id), "dept": ("department", LeaveRequest.department_id)}.get(
            kind, (None, None))
        step_roles = step_roles_held(roles, side) if side else set()
        if step_roles:
            clauses.append(sa.and_(column == uuid.UUID(raw), LeaveRequest.current_side == side,
                                   LeaveRequest.current_role.in_(sorted(step_roles))))
    mine = [LeaveRequest.staff_id != ctx.actor.staff_id] if ctx.actor.staff_id else []
    return sa.and_(LeaveRequest.status == LeaveStatus.PENDING, sa.or_(*clauses) if clauses else sa.false(), *mine)


@strawberry.type
class LeaveQuery:
    @strawberry.field(description="请假单, newest first: a hall's (hall office), a department's (its leaders), one staff "
                                  "member's, the caller's own (no filter), or those awaiting the caller's decision")
    async def leave_requests(
        self,
        info: Info,
        hall_id: strawberry.ID | None = None,
        department_id: strawberry.ID | None = None,
        staff_id: strawberry.ID | None = None,
        status: list[LeaveStatusEnum] | None = None,
        from_: Annotated[datetime | None, strawberry.argument(name="from", description="overlapping from")] = None,
        to: Annotated[datetime | None, strawberry.argument(description="starting before")] = None,
        awaiting_my_decision: Annotated[bool, strawberry.argument(
            description="only requests whose current step the caller may decide")] = False,
        first: int | None = 20,
        after: str | None = None,
    ) -> Connection[LeaveRequestType]:
        ctx = info.context
        if ctx.actor is None:
            raise DomainError("UNAUTHENTICATED")
        enabled_halls = sa.select(Hall.id).where(Hall.jurisdiction_code.in_(sorted(ctx.plugins.enabled_codes)))
        own_staff = from_global_id(staff_id, "Staff")[1] if staff_id else None
        hall_ids = department_ids = awaiting = None
        if awaiting_my_decision:
            awaiting = awaiting_decision_by(ctx)
        elif hall_id or department_id:
            scope = await list_scope(info, "leave", hall_id=hall_id, department_id=department_id)
            hall_ids, department_ids = scope.hall_ids, scope.department_ids
        elif own_staff is not None:
            staff = await loader(info, StaffByIdLoader).load(own_staff)
            if staff is None or not await may_read(info, "leave", hall_id=staff.hall_id,
                                                   department_id=staff.department_id, staff_id=staff.id):
                raise NotFoundError("工作人员", "Staff member")
        elif ctx.actor.staff_id is not None:
            own_staff = ctx.actor.staff_id
        else:
            raise DomainError("VALIDATION_FAILED", {"field": "hallId", "reason": "须指定大厅、部门或工作人员",
                                                    "reason_en": "give a hallId, a departmentId or a staffId"}, "hallId")
        stmt = leave_service.list_statement(
            hall_ids=hall_ids, department_ids=department_ids, staff_id=own_staff,
            statuses=[s.value for s in status] if status else None, starts_from=local_moment(from_),
            starts_before=local_moment(to), awaiting=awaiting,
        ).where(LeaveRequest.hall_id.in_(enabled_halls))
        async with ctx.db.session() as session:
            return await paginate(session, stmt, order_by=(LeaveRequest.requested_at, LeaveRequest.id),
                                  descending=True, first=first, after=after, to_node=LeaveRequestType.from_model)


@strawberry.type
class LeaveMutation:
    attach_leave_document: LeaveDocumentResult = strawberry.mutation(
        resolver=attach_leave_document,
        description="请假附件: a certificate or proof stored with the request (R6: nanbu sick leave 凭医院证明), "
                    "size- and type-checked")
    request_leave: LeaveRequestResult = strawberry.mutation(
        resolver=request_leave,
        description="请假/报备: the chain comes from the jurisdiction's rules; a window staff member for themselves, "
                    "the hall section (政务服务股/科) for anyone")
    decide_leave_step: LeaveStepDecisionResult = strawberry.mutation(
        resolver=decide_leave_step,
        description="审批: the step's role on the step's side decides; two decisions at once — one wins, the other "
                    "gets a ConflictError")
    cancel_leave: LeaveCancelResult = strawberry.mutation(resolver=cancel_leave, description="撤销请假")
    report_return_from_leave: LeaveReturnResult = strawberry.mutation(
        resolver=report_return_from_leave, description="销假 (jiedong Art 30)")
