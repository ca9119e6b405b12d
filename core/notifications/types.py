"""GraphQL type of a queued notification."""

from __future__ import annotations

from datetime import datetime

import strawberry

from core.graphql.relay import to_global_id
from core.notifications.models import Notification, NotificationStatus
from core.privacy import mask_phone
from core.timezones import to_local


@strawberry.type(name="Notification", description="短信/微信通知: a queued message, its attempts and outcome")
class NotificationType:
    id: strawberry.ID
    kind: str = strawberry.field(description="queue_near, called, materials_due, case_completed, duty_roster, "
                                             "rating_reminder")
    phone: str = strawberry.field(description="masked")
    text: str
    status: str = strawberry.field(description="pending, sent, dead (dead letter) or suppressed (opted out)")
    status_label: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None

    @classmethod
    def from_model(cls, row: Notification) -> "NotificationType":
        status = NotificationStatus(row.status)
        return cls(id=to_global_id("Notification", row.id), kind=row.kind, phone=mask_phone(row.phone), text=row.text,
                   status=status.value, status_label=status.label, attempts=row.attempts,
                   next_attempt_at=to_local(row.next_attempt_at), last_error=row.last_error,
                   created_at=to_local(row.created_at), sent_at=to_local(row.sent_at))
