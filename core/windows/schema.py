"""Window queries and mutations."""

from __future__ import annotations

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from core.graphql.helpers import loader
from core.graphql.relay import Connection, from_global_id, paginate
from core.errors import NotFoundError
from core.staff.access import visible_hall_for
from core.windows.dataloaders import WindowByIdLoader
from core.windows.models import WindowHandover
from core.windows.mutations.window_assign_staff import WindowPostResult, assign_staff_to_window, remove_staff_from_window
from core.windows.mutations.window_create import (
    RetireWindowResult,
    WindowSetupResult,
    create_window,
    retire_window,
    update_window,
)
from core.windows.mutations.window_set_status import WindowStatusResult, set_window_status
from core.windows.types import WindowHandoverType


@strawberry.type
class WindowQuery:
    @strawberry.field(description="交接记录 of a hall (or one window), newest first: who held which window from when")
    async def window_handovers(
        self, info: Info, hall_id: strawberry.ID, window_id: strawberry.ID | None = None,
        first: int | None = 20, after: str | None = None,
    ) -> Connection[WindowHandoverType]:
        hall = await visible_hall_for(info, "staff", hall_id)
        stmt = sa.select(WindowHandover.__table__).where(WindowHandover.hall_id == hall.id)
        if window_id:
            window = await loader(info, WindowByIdLoader).load(from_global_id(window_id, "Window")[1])
            if window is None or window.hall_id != hall.id:
                raise NotFoundError("窗口", "Window")
            stmt = stmt.where(WindowHandover.window_id == window.id)
        async with info.context.db.session() as session:
            return await paginate(session, stmt, order_by=(WindowHandover.created_at, WindowHandover.id),
                                  descending=True, first=first, after=after, to_node=WindowHandoverType.from_model)


@strawberry.type
class WindowMutation:
    set_window_status: WindowStatusResult = strawberry.mutation(
        resolver=set_window_status,
        description="窗口状态: serving / 请您稍候 / 暂停服务 (panyu Art 13); window staff on their own windows, hall admins on any",
    )
    assign_staff_to_window: WindowPostResult = strawberry.mutation(
        resolver=assign_staff_to_window, description="AB岗: put a member on a window as A or B (a new A makes the old A the B)")
    remove_staff_from_window: WindowPostResult = strawberry.mutation(
        resolver=remove_staff_from_window, description="AB岗: take a member off a window (a leaving A hands over to a B)")
    create_window: WindowSetupResult = strawberry.mutation(
        resolver=create_window, description="新建窗口: number, name, type (dongguan 4.6), the department of a 专业窗口, its items")
    update_window: WindowSetupResult = strawberry.mutation(
        resolver=update_window, description="修改窗口 or renumber it (the number stays unique in the hall)")
    retire_window: RetireWindowResult = strawberry.mutation(
        resolver=retire_window, description="撤销窗口: refused while staff hold posts on it or a ticket is at it")
