"""registerRatingDevice: the hall registers a 评价器 bound to a window (or a 自助终端) and gets its credential once (R1)."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.audit.service import snapshot
from core.auth.access import hall_scope, require
from core.errors import NotFoundError
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.halls.models import Hall
from core.ratings import devices as device_service
from core.ratings.models import RatingDeviceKind
from core.ratings.types import RatingDeviceType
from core.windows.models import Window

FIELDS = ("hall_id", "window_id", "kind", "name")


@strawberry.input(description="A rating device to register: a 评价器 at a window, or a 自助终端 of the hall")
class RegisterRatingDeviceInput:
    hall_id: strawberry.ID
    name: str = strawberry.field(description="设备名称, e.g. 3号窗口评价器")
    window_id: strawberry.ID | None = strawberry.field(default=None, description="评价器: the window it is bound to")
    terminal: bool = strawberry.field(default=False, description="True: a 自助终端 of the hall (no window)")


@strawberry.type
class RegisterRatingDeviceSuccess:
    device: RatingDeviceType
    credential: str = strawberry.field(
        description="The device credential, shown this once: the device sends it as `X-Device-Token` "
        "(or `Authorization: Device <credential>`) with submitRating")


RegisterRatingDeviceResult = Annotated[Union[RegisterRatingDeviceSuccess, *ERROR_TYPES],
                                       strawberry.union("RegisterRatingDeviceResult")]


async def register_rating_device(info: Info, input: RegisterRatingDeviceInput) -> RegisterRatingDeviceResult:
    ctx = info.context

    async def body(session, call):
        hall = await session.get(Hall, from_global_id(input.hall_id, "Hall")[1])
        if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("大厅", "Hall")
        domain = require(ctx, "rating_device", "manage", hall_scope(ctx, hall))
        window_id = None
        if not input.terminal and input.window_id is not None:
            window = await session.get(Window, from_global_id(input.window_id, "Window")[1])
            if window is None or window.hall_id != hall.id:
                raise NotFoundError("窗口", "Window")
            window_id = window.id
        device, credential = await device_service.register(
            session, hall_id=hall.id, window_id=window_id,
            kind=RatingDeviceKind.TERMINAL if input.terminal else RatingDeviceKind.DEVICE,
            name=input.name, user_id=ctx.actor.user_id, now=ctx.runtime.now())
        call.acted(domain=domain, target_type="RatingDevice", target_id=device.id, after=snapshot(device, FIELDS))
        return RegisterRatingDeviceSuccess(device=RatingDeviceType.from_model(device), credential=credential)

    return await run_mutation(info, "registerRatingDevice", body)
