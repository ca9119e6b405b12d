"""Outbox job, run by ``tingwu jobs run``: the reporting baseline (初始上报) for hall data never reported."""

from __future__ import annotations

from datetime import datetime

from core.jobs import Job, JobResult
from core.outbox.baseline import record_baseline


async def report_baseline(runtime, *, now: datetime) -> JobResult:
    """One transaction: a baseline event for each hall, window, staff member and item not reported yet."""
    async with runtime.db.transaction() as session:
        written = await record_baseline(session, jurisdiction_codes=sorted(runtime.plugins.enabled_codes))
    return JobResult(written)


#: Registered in :data:`core.jobs.JOB_MODULES`; run by ``tingwu jobs run`` (after the others).
JOBS = [
    Job(name="outbox.baseline", title="初始上报: a baseline event for hall data no event has reported yet",
        run=report_baseline),
]
