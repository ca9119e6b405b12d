"""takeTicket: 取号 on site — anyone, within the hall's public hours and the item's daily on-site quota.

Green-channel tickets are issued by hall staff (not counted in the quota); appointment tickets come from
checkInAppointment. No ticket outside service hours or on a non-working day: HallClosedError names the next opening.
"""

from __future__ import annotations

from typing import Annotated, Union

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from core.appointments import service as appointment_service
from core.auth.access import hall_scope, require
from core.errors import DomainError, NotFoundError
from core.graphql.enums import TicketSourceEnum
from core.graphql.errors import ERROR_TYPES, HallClosedError
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.halls.models import Hall
from core.items.models import ServiceItem
from core.queue import service as queue_service
from core.queue.events import publish_change
from core.queue.models import QueueEventKind, TicketSource
from core.queue.mutations.common import ticket_snapshot
from core.queue.types import TicketType
from core.policy.access import policy_in_session
from core.timezones import local_date


@strawberry.input
class TakeTicketInput:
    hall_id: strawberry.ID
    item_code: str = strawberry.field(description="实施编码 of the item")
    source: TicketSourceEnum = TicketSource.ON_SITE
    green_channel: bool = strawberry.field(default=False, description="绿色通道: issued by hall staff")
    green_channel_reason: str | None = strawberry.field(default=None, description="e.g. 老年人, 残疾人, 孕妇")
    applicant_phone: str | None = strawberry.field(default=None, description="for an SMS when the number comes up")


@strawberry.type
class TakeTicketSuccess:
    ticket: TicketType


TakeTicketResult = Annotated[Union[TakeTicketSuccess, HallClosedError, *ERROR_TYPES], strawberry.union("TakeTicketResult")]


async def take_ticket(info: Info, input: TakeTicketInput) -> TakeTicketResult:
    ctx = info.context

    async def body(session, call):
        hall = await session.get(Hall, from_global_id(input.hall_id, "Hall")[1])
        if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("大厅", "Hall")
        domain = f"hall:{hall.id}"
        if input.green_channel:
            domain = require(ctx, "queue", "issue_priority", hall_scope(ctx, hall))
            if not (input.green_channel_reason or "").strip():
                raise DomainError("VALIDATION_FAILED", {"field": "greenChannelReason", "field_label": "绿色通道事由",
                                                        "reason": "不能为空", "reason_en": "must not be empty"})
        if input.source == TicketSource.APPOINTMENT:
            # An appointment ticket is issued at check-in (checkInAppointment), never on the caller's word.
            raise DomainError("VALIDATION_FAILED", {"field": "source", "field_label": "取号方式",
                                                    "reason": "预约号在预约签到时发放，请使用预约签到",
                                                    "reason_en": "appointment tickets are issued at check-in "
                                                                 "(checkInAppointment)"})
        item = (await session.execute(sa.select(ServiceItem).where(
            ServiceItem.code == input.item_code.strip(), ServiceItem.jurisdiction_code == hall.jurisdiction_code,
        ))).scalar_one_or_none()
        if item is None:
            raise NotFoundError(f"事项 {input.item_code}", f"Item {input.item_code}")
        now = ctx.runtime.now()
        policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
        appointment_service.check_open(policy, hall, now)
        if not input.green_channel:
            await appointment_service.check_on_site_quota(session, hall_id=hall.id, item=item, day=local_date(now))
        ticket = await queue_service.take(
            session, hall_id=hall.id, item=item, at=now, source=input.source.value,
            green_channel=input.green_channel, green_channel_reason=(input.green_channel_reason or "").strip() or None,
            applicant_phone=(input.applicant_phone or "").strip() or None)
        call.acted(domain=domain, target_type="Ticket", target_id=ticket.id, after=ticket_snapshot(ticket))
        await publish_change(call, session, ticket, QueueEventKind.ISSUED, now, hall=hall, item=item)
        return TakeTicketSuccess(ticket=TicketType.from_model(ticket))

    return await run_mutation(info, "takeTicket", body, rate_limit="takeTicket")
