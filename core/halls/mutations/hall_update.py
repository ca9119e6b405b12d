"""updateHall: rename a hall (validated by the naming rule) or change its contact details and hours."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.audit.service import snapshot
from core.auth.access import hall_scope, require
from core.auth.tokens import utc_now
from core.errors import DomainError, NotFoundError
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.halls import service as hall_service
from core.halls.models import Hall, HallKind, HallLevel
from core.halls.types import HallType
from core.outbox import service as outbox_service
from core.policy.access import policy_in_session
from core.timezones import local_today

AUDITED = ("name", "name_en_full", "name_en_short", "address", "phone", "configured_hours")


@strawberry.input(description="Only the fields given change; an empty list of hours clears the hall's own hours")
class UpdateHallInput:
    hall_id: strawberry.ID
    name: str | None = None
    name_en_full: str | None = None
    name_en_short: str | None = None
    address: str | None = None
    phone: str | None = None
    configured_hours: list[str] | None = None


@strawberry.type
class UpdateHallSuccess:
    hall: HallType


UpdateHallResult = Annotated[Union[UpdateHallSuccess, *ERROR_TYPES], strawberry.union("UpdateHallResult")]


async def update_hall(info: Info, input: UpdateHallInput) -> UpdateHallResult:
    ctx = info.context

    async def body(session, call):
        hall = await session.get(Hall, from_global_id(input.hall_id, "Hall")[1])
        if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("大厅", "Hall")
        call.acted(target_type="Hall", target_id=hall.id)
        domain = require(ctx, "hall", "update", hall_scope(ctx, hall))
        policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
        before = snapshot(hall, AUDITED)
        if input.name is not None or input.name_en_full is not None:
            name = (input.name or hall.name).strip()
            name_en_full = input.name_en_full if input.name_en_full is not None else hall.name_en_full
            if hall.kind != HallKind.SPECIALIZED:  # §3 names centres and stations, not 专业大厅
                hall_service.check_name(policy, name=name, level_label=HallLevel(hall.level).label, name_en=name_en_full)
            if await hall_service.name_taken(session, jurisdiction=hall.jurisdiction_code, name=name, except_id=hall.id):
                raise DomainError("HALL_NAME_TAKEN", {"name": name}, "name")
            hall.name, hall.name_en_full = name, name_en_full
        if input.name_en_short is not None:
            hall.name_en_short = input.name_en_short
        if input.address is not None:
            hall.address = input.address
        if input.phone is not None:
            hall.phone = input.phone
        if input.configured_hours is not None:
            hall.configured_hours = hall_service.check_configured_hours(policy, input.configured_hours, today=local_today())
        hall.updated_at = utc_now()
        await session.flush()
        await outbox_service.record_hall(session, hall=hall)
        call.acted(domain=domain, before=before, after=snapshot(hall, AUDITED))
        return UpdateHallSuccess(hall=HallType.from_model(hall))

    return await run_mutation(info, "updateHall", body)
