"""revokeRatingDevice: the hall stops a rating device; its credential rates nothing from then on (R1)."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.auth.access import hall_scope, require
from core.errors import NotFoundError
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.halls.models import Hall
from core.ratings import devices as device_service
from core.ratings.models import RatingDevice
from core.ratings.types import RatingDeviceType


@strawberry.type
class RevokeRatingDeviceSuccess:
    device: RatingDeviceType


RevokeRatingDeviceResult = Annotated[Union[RevokeRatingDeviceSuccess, *ERROR_TYPES],
                                     strawberry.union("RevokeRatingDeviceResult")]


async def revoke_rating_device(info: Info, device_id: strawberry.ID) -> RevokeRatingDeviceResult:
    ctx = info.context

    async def body(session, call):
        device = await session.get(RatingDevice, from_global_id(device_id, "RatingDevice")[1])
        hall = await session.get(Hall, device.hall_id) if device else None
        if device is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("评价设备", "Rating device")
        domain = require(ctx, "rating_device", "manage", hall_scope(ctx, hall))
        await device_service.revoke(session, device=device, now=ctx.runtime.now())
        call.acted(domain=domain, target_type="RatingDevice", target_id=device.id,
                   before={"revoked": False}, after={"revoked": True})
        return RevokeRatingDeviceSuccess(device=RatingDeviceType.from_model(device))

    return await run_mutation(info, "revokeRatingDevice", body)
