"""Notification queries and mutations (静音叫号、办事提醒)."""

from __future__ import annotations

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from core.auth.access import can, hall_scope
from core.graphql.relay import from_global_id
from core.halls.schema import visible_hall
from core.notifications.models import Notification
from core.notifications.mutations.notification_opt_out import (
    NotificationOptOutResult,
    opt_in_to_notifications,
    opt_out_of_notifications,
)
from core.notifications.mutations.notification_retry import RetryNotificationResult, retry_notification
from core.notifications.types import NotificationType

MAX_LIST = 200


@strawberry.type
class NotificationQuery:
    @strawberry.field(description="通知队列 of a hall, newest first; status dead lists the dead letters (hall staff)")
    async def notifications(self, info: Info, hall_id: strawberry.ID, status: str | None = None,
                            first: int = 50) -> list[NotificationType]:
        ctx = info.context
        hall = await visible_hall(info, from_global_id(hall_id, "Hall")[1])
        if hall is None or ctx.actor is None or not can(ctx, "notification", "read", hall_scope(ctx, hall)):
            return []
        stmt = sa.select(Notification).where(Notification.hall_id == hall.id)
        if status:
            stmt = stmt.where(Notification.status == status)
        stmt = stmt.order_by(Notification.created_at.desc(), Notification.id).limit(min(max(first, 0), MAX_LIST))
        async with ctx.db.session() as session:
            rows = (await session.execute(stmt)).scalars().all()
        return [NotificationType.from_model(row) for row in rows]


@strawberry.type
class NotificationMutation:
    opt_out_of_notifications: NotificationOptOutResult = strawberry.mutation(
        resolver=opt_out_of_notifications, description="退订: no more messages to this number (anyone)")
    opt_in_to_notifications: NotificationOptOutResult = strawberry.mutation(
        resolver=opt_in_to_notifications, description="恢复通知: on the caller's request at the desk (hall staff)")
    retry_notification: RetryNotificationResult = strawberry.mutation(
        resolver=retry_notification, description="重发 a dead letter (hall staff)")
