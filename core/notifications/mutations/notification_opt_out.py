"""optOutOfNotifications / optInToNotifications: 退订 — anyone may stop messages to a number; only hall staff
(on the caller's request at the desk) turn them back on."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.appointments.service import normalize_phone
from core.auth.access import hall_scope, require
from core.errors import DomainError
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.halls.models import Hall
from core.errors import NotFoundError
from core.notifications import service as notification_service


@strawberry.type
class NotificationOptOutSuccess:
    opted_out: bool
    changed: bool = strawberry.field(description="false: it already was so")


NotificationOptOutResult = Annotated[Union[NotificationOptOutSuccess, *ERROR_TYPES],
                                     strawberry.union("NotificationOptOutResult")]


def _phone(value: str) -> str:
    phone = normalize_phone(value)
    if phone is None:
        raise DomainError("VALIDATION_FAILED", {"field": "phone", "field_label": "手机号码", "reason": "不能为空",
                                                "reason_en": "must not be empty"})
    return phone


async def opt_out_of_notifications(info: Info, phone: str) -> NotificationOptOutResult:
    ctx = info.context

    async def body(session, call):
        number = _phone(phone)
        changed = await notification_service.opt_out(session, phone=number, at=ctx.runtime.now())
        call.acted(target_type="NotificationOptOut", after={"opted_out": True, "changed": changed})
        return NotificationOptOutSuccess(opted_out=True, changed=changed)

    return await run_mutation(info, "optOutOfNotifications", body, rate_limit="publicLookup")


async def opt_in_to_notifications(info: Info, hall_id: strawberry.ID, phone: str) -> NotificationOptOutResult:
    ctx = info.context

    async def body(session, call):
        hall = await session.get(Hall, from_global_id(hall_id, "Hall")[1])
        if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("大厅", "Hall")
        domain = require(ctx, "notification", "manage", hall_scope(ctx, hall))
        changed = await notification_service.opt_in(session, phone=_phone(phone))
        call.acted(domain=domain, target_type="NotificationOptOut", after={"opted_out": False, "changed": changed})
        return NotificationOptOutSuccess(opted_out=False, changed=changed)

    return await run_mutation(info, "optInToNotifications", body)
