"""Scheduled jobs: ``tingwu jobs run`` runs every registered job once (cron or a systemd timer calls it).

A job finds the work that is due as of ``now`` and does it. Every job is idempotent and safe to
run concurrently with itself (two hosts, an overlapping timer): each change is claimed through a
unique constraint, so a second run finds nothing left to do. Each run of a job is audited.

Domains register jobs by listing them in their module's ``JOBS`` and adding the module to
:data:`JOB_MODULES`.
"""

from __future__ import annotations

import time

import importlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

from core.audit import service as audit_service
from core.db.base import utcnow

#: Modules whose ``JOBS`` list registers jobs, in the order they run.
JOB_MODULES: list[str] = [
    "core.ratings.jobs",
    "core.cases.jobs",
    "core.appointments.jobs",
    "core.attendance.jobs",
    "core.outbox.jobs",
    "core.notifications.jobs",
    "core.pii.jobs",
]


@dataclass(frozen=True)
class JobResult:
    """What a run did: the number of rows it created or changed, by jurisdiction."""

    changed: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.changed.values())


@dataclass(frozen=True)
class Job:
    name: str  # e.g. ratings.default
    title: str  # what it does, for `tingwu jobs list`
    run: Callable[..., Awaitable[JobResult]]  # run(runtime, now=...) -> JobResult


def registered_jobs() -> list[Job]:
    jobs: list[Job] = []
    for module in JOB_MODULES:
        jobs.extend(importlib.import_module(module).JOBS)
    return jobs


async def run_jobs(runtime, *, now: datetime | None = None, only: str | None = None) -> dict[str, JobResult]:
    """Run every registered job (or the one named ``only``) as of ``now``; audit each run."""
    now = now or utcnow()
    results: dict[str, JobResult] = {}
    jobs = [job for job in registered_jobs() if only is None or job.name == only]
    if only is not None and not jobs:
        raise KeyError(only)
    from core.observability import JOB_DURATION, JOB_RUNS

    for job in jobs:
        started = time.perf_counter()
        try:
            result = await job.run(runtime, now=now)
        except Exception:
            JOB_RUNS.labels(job=job.name, outcome="failed").inc()
            raise
        finally:
            JOB_DURATION.labels(job=job.name).observe(time.perf_counter() - started)
        JOB_RUNS.labels(job=job.name, outcome="ok").inc()
        results[job.name] = result
        async with runtime.db.transaction() as session:
            audit_service.record(session, actor=None, action=f"job:{job.name}", outcome="ok",
                                 after={"as_of": now.isoformat(), "changed": result.changed})
    return results
