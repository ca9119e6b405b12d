"""retryNotification: 重发 — a dead letter queued again once the receiver works (hall staff)."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.auth.access import hall_scope, require
from core.errors import DomainError, NotFoundError
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.halls.models import Hall
from core.notifications import service as notification_service
from core.notifications.models import Notification, NotificationStatus
from core.notifications.types import NotificationType


@strawberry.type
class RetryNotificationSuccess:
    notification: NotificationType


RetryNotificationResult = Annotated[Union[RetryNotificationSuccess, *ERROR_TYPES],
                                    strawberry.union("RetryNotificationResult")]


async def retry_notification(info: Info, notification_id: strawberry.ID) -> RetryNotificationResult:
    ctx = info.context

    async def body(session, call):
        row = await session.get(Notification, from_global_id(notification_id, "Notification")[1],
                                with_for_update=True)
        hall = await session.get(Hall, row.hall_id) if row and row.hall_id else None
        if row is None or hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("通知", "Notification")
        domain = require(ctx, "notification", "manage", hall_scope(ctx, hall))
        if row.status != NotificationStatus.DEAD:
            raise DomainError("VALIDATION_FAILED", {"field": "notificationId", "field_label": "通知",
                                                    "reason": "只能重发发送失败的通知",
                                                    "reason_en": "only dead letters can be retried"})
        await notification_service.retry(session, notification=row, at=ctx.runtime.now())
        call.acted(domain=domain, target_type="Notification", target_id=row.id, after={"status": row.status})
        return RetryNotificationSuccess(notification=NotificationType.from_model(row))

    return await run_mutation(info, "retryNotification", body)
