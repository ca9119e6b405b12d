"""Notification job, run by ``tingwu jobs run`` (every minute: cron or a systemd timer).

``notifications.deliver``: sends the messages that are due through ``tingwu_send_notification``; a failure is
retried with growing delays (30 s, 60 s, 120 s, 240 s) and after five attempts kept as a dead letter.
"""

from __future__ import annotations

from core.jobs import Job, JobResult
from core.notifications import service as notification_service
from core.policy.notifications import SenderSettings


def sender_settings(settings) -> SenderSettings:
    return SenderSettings(webhook_url=settings.notify_webhook_url, webhook_secret=settings.notify_webhook_secret)


async def deliver(runtime, *, now) -> JobResult:
    counts = await notification_service.deliver_due(runtime.db, runtime.plugins, sender_settings(runtime.settings),
                                                    now=now)
    return JobResult(changed={key: value for key, value in counts.items() if value})


JOBS = [Job("notifications.deliver", "静音叫号、办事提醒: send due notifications, retry failures, keep dead letters",
            deliver)]
