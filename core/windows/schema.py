"""Window mutations."""

from __future__ import annotations

import strawberry

from core.windows.mutations.window_set_status import WindowStatusResult, set_window_status


@strawberry.type
class WindowMutation:
    set_window_status: WindowStatusResult = strawberry.mutation(
        resolver=set_window_status,
        description="窗口状态: serving / 请您稍候 / 暂停服务 (panyu Art 13); window staff on their own windows, hall admins on any",
    )
