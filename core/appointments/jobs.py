"""Appointment jobs, run by ``tingwu jobs run`` (every few minutes while the hall is open, and after closing).

``appointments.release_missed``: a booked appointment not checked in by the end of its check-in window is
released (爽约) and counts as a no-show of its phone number or account. Idempotent: only ``booked`` ones move.
"""

from __future__ import annotations

from core.appointments import service as appointment_service
from core.jobs import Job, JobResult


async def release_missed(runtime, *, now) -> JobResult:
    async with runtime.db.transaction() as session:
        changed = await appointment_service.release_missed(session, plugins=runtime.plugins, at=now)
    return JobResult(changed={code: n for code, n in changed.items() if n})


JOBS = [Job("appointments.release_missed", "爽约: release appointments not checked in by the end of their window",
            release_missed)]
