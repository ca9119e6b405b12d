"""registerAfterHours: 加班登记 or 非工作时间进入登记 with the hall (R3: panyu Art 84; nanbu 安全保卫制度 七)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.attendance import after_hours
from core.attendance.models import AfterHoursKind, AfterHoursRegistration
from core.auth.access import allowed_domain, department_scope, hall_scope, require_self_or
from core.graphql.enums import _describe
from core.graphql.errors import RULED_ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id, to_global_id
from core.policy.access import policy_in_session
from core.staff import service as staff_service
from core.staff.access import local_moment
from core.timezones import to_local

AfterHoursKindEnum = _describe(AfterHoursKind, "非工作时间登记类别")


@strawberry.type(name="AfterHoursRegistration", description="加班登记 / 非工作时间进入登记 (R3)")
class AfterHoursRegistrationType:
    id: strawberry.ID
    staff_id: strawberry.ID
    kind: AfterHoursKindEnum
    kind_label: str
    starts_at: datetime
    ends_at: datetime
    purpose: str
    rule_ids: list[str]
    registered_at: datetime

    @classmethod
    def from_model(cls, row: AfterHoursRegistration) -> "AfterHoursRegistrationType":
        kind = AfterHoursKind(row.kind)
        return cls(id=to_global_id("AfterHoursRegistration", row.id), staff_id=to_global_id("Staff", row.staff_id),
                   kind=kind, kind_label=kind.label, starts_at=to_local(row.starts_at), ends_at=to_local(row.ends_at),
                   purpose=row.purpose, rule_ids=list(row.rule_ids or []), registered_at=to_local(row.registered_at))


@strawberry.input(description="加班 or 非工作时间进入: who, when, why")
class AfterHoursInput:
    staff_id: strawberry.ID
    kind: AfterHoursKindEnum
    starts_at: datetime
    ends_at: datetime
    purpose: str = strawberry.field(description="事由, e.g. 集中办理积压件")


@strawberry.type
class AfterHoursSuccess:
    registration: AfterHoursRegistrationType


AfterHoursResult = Annotated[Union[AfterHoursSuccess, *RULED_ERROR_TYPES], strawberry.union("AfterHoursResult")]


async def register_after_hours(info: Info, input: AfterHoursInput) -> AfterHoursResult:
    ctx = info.context

    async def body(session, call):
        sides = await staff_service.get_with_sides(session, staff_id=from_global_id(input.staff_id, "Staff")[1],
                                                   enabled=ctx.plugins.enabled_codes)
        call.acted(target_type="Staff", target_id=sides.staff.id)
        # The staff member reports their own; the department registers its people with the hall; the hall records.
        domain = allowed_domain(ctx, "after_hours", "register", department_scope(ctx, sides.department))
        if domain is None:
            domain = require_self_or(ctx, own=("attendance", "check_in"), others=("attendance", "write"),
                                     scope=hall_scope(ctx, sides.hall), staff_id=sides.staff.id)
        policy = await policy_in_session(session, ctx.plugins, sides.hall.jurisdiction_code)
        row = await after_hours.register(
            session, policy=policy, staff=sides.staff, kind=AfterHoursKind(input.kind.value),
            starts_at=local_moment(input.starts_at), ends_at=local_moment(input.ends_at), purpose=input.purpose,
            user_id=ctx.actor.user_id)
        call.acted(domain=domain, target_type="AfterHoursRegistration", target_id=row.id,
                   after={"kind": row.kind, "starts_at": row.starts_at.isoformat(), "ends_at": row.ends_at.isoformat()})
        return AfterHoursSuccess(registration=AfterHoursRegistrationType.from_model(row))

    return await run_mutation(info, "registerAfterHours", body)
