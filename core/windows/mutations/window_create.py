"""createWindow / updateWindow / retireWindow: the hall's window plan (number, name, type, department, items)."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.audit.service import snapshot
from core.auth.access import hall_scope, require
from core.errors import NotFoundError
from core.graphql.enums import WindowTypeEnum
from core.graphql.errors import ERROR_TYPES, InUseError
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.halls.models import Hall
from core.windows import service as window_service
from core.windows.models import Window
from core.windows.types import WindowType

AUDITED = ("number", "name", "type", "department_id", "status", "retired_at")


def _value(enum_value) -> str:
    return enum_value.value if hasattr(enum_value, "value") else str(enum_value)


@strawberry.input(description="A new window; a 专业窗口 names its department, which must be stationed in the hall")
class CreateWindowInput:
    hall_id: strawberry.ID
    number: str = strawberry.field(description="窗口号 on the sign and the calling screen, e.g. A03; unique in the hall")
    name: str
    type: WindowTypeEnum
    department_id: strawberry.ID | None = None
    item_ids: list[strawberry.ID] = strawberry.field(default_factory=list, description="items it serves (offered in the hall)")


@strawberry.type
class WindowSetupSuccess:
    window: WindowType


WindowSetupResult = Annotated[Union[WindowSetupSuccess, *ERROR_TYPES], strawberry.union("WindowSetupResult")]


@strawberry.input(description="Only the fields given change: a new number renumbers; itemIds replaces the list")
class UpdateWindowInput:
    window_id: strawberry.ID
    number: str | None = None
    name: str | None = None
    type: WindowTypeEnum | None = None
    department_id: strawberry.ID | None = None
    clear_department: bool = False
    item_ids: list[strawberry.ID] | None = None


@strawberry.input
class RetireWindowInput:
    window_id: strawberry.ID


RetireWindowResult = Annotated[Union[WindowSetupSuccess, InUseError, *ERROR_TYPES], strawberry.union("RetireWindowResult")]


async def _hall(session, ctx, hall_id) -> Hall:
    hall = await session.get(Hall, hall_id)
    if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
        raise NotFoundError("大厅", "Hall")
    return hall


async def _window(session, ctx, window_id) -> tuple[Window, Hall]:
    window = await session.get(Window, from_global_id(window_id, "Window")[1])
    if window is None:
        raise NotFoundError("窗口", "Window")
    return window, await _hall(session, ctx, window.hall_id)


def _ids(values, kind: str):
    return [from_global_id(v, kind)[1] for v in values]


async def create_window(info: Info, input: CreateWindowInput) -> WindowSetupResult:
    ctx = info.context

    async def body(session, call):
        hall = await _hall(session, ctx, from_global_id(input.hall_id, "Hall")[1])
        call.acted(target_type="Hall", target_id=hall.id)
        domain = require(ctx, "window", "manage", hall_scope(ctx, hall))
        window = await window_service.create(
            session, hall_id=hall.id, number=input.number, name=input.name, type=_value(input.type),
            department_id=from_global_id(input.department_id, "Department")[1] if input.department_id else None,
            item_ids=_ids(input.item_ids, "ServiceItem"))
        call.acted(domain=domain, target_type="Window", target_id=window.id, after=snapshot(window, AUDITED))
        return WindowSetupSuccess(window=WindowType.from_model(window))

    return await run_mutation(info, "createWindow", body)


async def update_window(info: Info, input: UpdateWindowInput) -> WindowSetupResult:
    ctx = info.context

    async def body(session, call):
        window, hall = await _window(session, ctx, input.window_id)
        call.acted(target_type="Window", target_id=window.id)
        domain = require(ctx, "window", "manage", hall_scope(ctx, hall))
        before = snapshot(window, AUDITED)
        await window_service.update(
            session, window=window, number=input.number, name=input.name,
            type=_value(input.type) if input.type is not None else None,
            department_id=from_global_id(input.department_id, "Department")[1] if input.department_id else None,
            clear_department=input.clear_department,
            item_ids=_ids(input.item_ids, "ServiceItem") if input.item_ids is not None else None)
        call.acted(domain=domain, before=before, after=snapshot(window, AUDITED))
        return WindowSetupSuccess(window=WindowType.from_model(window))

    return await run_mutation(info, "updateWindow", body)


async def retire_window(info: Info, input: RetireWindowInput) -> RetireWindowResult:
    ctx = info.context

    async def body(session, call):
        window, hall = await _window(session, ctx, input.window_id)
        call.acted(target_type="Window", target_id=window.id)
        domain = require(ctx, "window", "manage", hall_scope(ctx, hall))
        before = snapshot(window, AUDITED)
        await window_service.retire(session, window=window, at=ctx.runtime.now())
        call.acted(domain=domain, before=before, after=snapshot(window, AUDITED))
        return WindowSetupSuccess(window=WindowType.from_model(window))

    return await run_mutation(info, "retireWindow", body)
