"""Rating jobs: the default rating after the jurisdiction's delay, and reminders to rate."""

from __future__ import annotations

from datetime import datetime

from core.jobs import Job, JobResult
from core.policy.access import policy_in_session
from core.ratings import service as rating_service


async def _per_jurisdiction(runtime, now: datetime, change) -> JobResult:
    """Run ``change(session, policy, now)`` for each enabled jurisdiction, one transaction each."""
    changed: dict[str, int] = {}
    for code in sorted(runtime.plugins.enabled_codes):
        async with runtime.db.transaction() as session:
            policy = await policy_in_session(session, runtime.plugins, code)
            changed[code] = len(await change(session, policy=policy, now=now))
    return JobResult(changed)


async def apply_default_ratings(runtime, *, now: datetime) -> JobResult:
    return await _per_jurisdiction(runtime, now, rating_service.apply_defaults)


async def queue_rating_reminders(runtime, *, now: datetime) -> JobResult:
    return await _per_jurisdiction(runtime, now, rating_service.queue_reminders)


JOBS = [
    Job("ratings.reminders", "评价提醒: queue reminders for unrated online cases (panyu Art 40)", queue_rating_reminders),
    Job("ratings.default", "默认评价: 基本满意 for completed cases nobody rated in time (panyu Art 35)",
        apply_default_ratings),
]
