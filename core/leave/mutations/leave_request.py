"""requestLeave: 请假 — the jurisdiction's chain is attached; reported kinds (报备) take effect at once."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core import clock
from core.audit.service import snapshot
from core.auth.access import hall_scope, require, require_self_or
from core.jurisdictions import settings as jurisdiction_settings
from core.errors import DomainError
from core.graphql.errors import RULED_ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.leave import service as leave_service
from core.leave.models import LeaveSession
from core.leave.types import LeaveKindEnum, LeaveRequestType, LeaveSessionEnum
from core.policy.access import policy_in_session
from core.staff import service as staff_service
from core.staff.access import local_moment

AUDITED = ("staff_id", "kind", "handling", "starts_at", "ends_at", "days", "hours", "band", "status",
           "substitute_staff_id", "rule_ids")


@strawberry.input(description="请假单: whole sessions (startsOn…endsOn), or a short absence (startsAt + hours)")
class LeaveRequestInput:
    staff_id: strawberry.ID
    kind: LeaveKindEnum
    starts_on: date | None = None
    start_session: LeaveSessionEnum = LeaveSession.MORNING
    ends_on: date | None = None
    end_session: LeaveSessionEnum = LeaveSession.AFTERNOON
    starts_at: datetime | None = strawberry.field(default=None, description="a short absence: when it starts")
    hours: float | None = strawberry.field(default=None, description="a short absence: how long")
    reason: str | None = None
    substitute_id: strawberry.ID | None = strawberry.field(default=None, description="替岗人员 (B角 where required)")
    by_phone: bool = strawberry.field(
        default=False, description="电话请假 (R6, nanbu 考勤制度 二(三)): recorded by the hall for a staff member who phoned "
        "in an emergency; effective at once, the paperwork (chain and documents) due within the jurisdiction's days")


@strawberry.type
class LeaveRequestSuccess:
    leave_request: LeaveRequestType


LeaveRequestResult = Annotated[Union[LeaveRequestSuccess, *RULED_ERROR_TYPES], strawberry.union("LeaveRequestResult")]


async def request_leave(info: Info, input: LeaveRequestInput) -> LeaveRequestResult:
    ctx = info.context

    async def body(session, call):
        sides = await staff_service.get_with_sides(session, staff_id=from_global_id(input.staff_id, "Staff")[1],
                                                   enabled=ctx.plugins.enabled_codes)
        call.acted(target_type="Staff", target_id=sides.staff.id)
        if input.by_phone:  # the staff member phoned: the hall (政务服务科) records it
            domain = require(ctx, "leave", "register", hall_scope(ctx, sides.hall))
        else:
            domain = require_self_or(ctx, own=("leave", "request"), others=("leave", "register"),
                                     scope=hall_scope(ctx, sides.hall), staff_id=sides.staff.id)
        policy = await policy_in_session(session, ctx.plugins, sides.hall.jurisdiction_code)
        if input.starts_on is not None and input.ends_on is not None and input.starts_at is None:
            span = leave_service.session_span(policy, first_day=input.starts_on, first_session=input.start_session,
                                              last_day=input.ends_on, last_session=input.end_session)
        elif input.starts_at is not None and input.hours is not None and input.starts_on is None:
            span = leave_service.hour_span(policy, starts_at=local_moment(input.starts_at), hours=input.hours,
                                           configured_hours=sides.hall.configured_hours)
        else:
            raise DomainError("VALIDATION_FAILED", {"field": "startsOn", "reason": "请给出起止日期及上下午，或开始时间及小时数",
                                                    "reason_en": "give startsOn and endsOn, or startsAt and hours"},
                              "startsOn")
        substitute = None
        if input.substitute_id:
            substitute = await staff_service.get(session, staff_id=from_global_id(input.substitute_id, "Staff")[1],
                                                 enabled=ctx.plugins.enabled_codes)
        paperwork_days = None
        if input.by_phone:
            configured = await jurisdiction_settings.load(session, jurisdiction=sides.hall.jurisdiction_code)
            stored = configured.get("leave.phone_paperwork_working_days")
            paperwork_days = int(stored) if stored is not None else None
        request, _ = await leave_service.create(
            session, policy=policy, sides=sides, kind=input.kind.value, span=span, reason=input.reason,
            substitute=substitute, requested_by=ctx.actor.user_id, now=clock.now(), by_phone=input.by_phone,
            paperwork_working_days=paperwork_days)
        call.acted(domain=domain, target_type="LeaveRequest", target_id=request.id, after=snapshot(request, AUDITED))
        return LeaveRequestSuccess(leave_request=LeaveRequestType.from_model(request))

    return await run_mutation(info, "requestLeave", body)
