"""The nightly attendance job: close each hall's day (日终核定), as the hall office would with closeAttendanceDay.

Run by ``tingwu jobs run`` with the other scheduled jobs, or for one day and hall by
``tingwu attendance close-day``. Each hall is closed in its own
transaction with its own audit entry (the actor is the system); a hall whose day is not a working day, is
already closed or is not over yet is skipped with the reason.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from core import clock
from core.attendance import service as attendance_service
from core.audit import service as audit_service
from core.errors import DomainError
from core.halls.models import Hall
from core.jobs import Job, JobResult
from core.policy.access import policy_in_session
from core.runtime import Runtime
from core.timezones import SHANGHAI

JOB_ACTION = "closeAttendanceDay"


@dataclass(frozen=True)
class ClosedHall:
    hall_id: uuid.UUID
    hall_name: str
    recorded: int | None  # check-ins recorded as missing or excused; None when skipped
    skipped: str | None  # the error code that skipped the hall


async def close_days(runtime: Runtime, *, day: date, hall_ids: list[uuid.UUID] | None = None) -> list[ClosedHall]:
    """Close ``day`` in every hall of the enabled jurisdictions (or in ``hall_ids``)."""
    async with runtime.db.session() as session:
        stmt = sa.select(Hall.id, Hall.name, Hall.jurisdiction_code).where(
            Hall.jurisdiction_code.in_(sorted(runtime.plugins.enabled_codes))).order_by(Hall.name)
        if hall_ids is not None:
            stmt = stmt.where(Hall.id.in_(hall_ids))
        halls = (await session.execute(stmt)).all()
    results = []
    for hall_id, name, code in halls:
        try:
            async with runtime.db.transaction() as session:
                hall = await session.get(Hall, hall_id)
                policy = await policy_in_session(session, runtime.plugins, code)
                _, recorded = await attendance_service.close_day(session, policy=policy, hall=hall, day=day,
                                                                 closed_by=None, now=clock.now())
                audit_service.record(session, actor=None, action=JOB_ACTION, outcome="ok", domain=f"hall:{hall_id}",
                                     target_type="Hall", target_id=hall_id,
                                     after={"day": day.isoformat(), "closed": True, "missing_recorded": recorded},
                                     detail="job: tingwu attendance close-day")
            results.append(ClosedHall(hall_id, name, recorded, None))
        except DomainError as exc:
            results.append(ClosedHall(hall_id, name, None, exc.code))
    return results


async def _close_yesterday_and_today(runtime: Runtime, *, now) -> JobResult:
    """Run from `tingwu jobs run`: close yesterday (if a run was missed) and today once it is over."""
    today = now.astimezone(SHANGHAI).date()
    changed: dict[str, int] = {}
    for day in (today - timedelta(days=1), today):
        for closed in await close_days(runtime, day=day):
            if closed.recorded is not None:
                changed[closed.hall_name] = changed.get(closed.hall_name, 0) + closed.recorded
    return JobResult(changed=changed)


#: Registered in :data:`core.jobs.JOB_MODULES`; a hall whose day is not over or already closed is skipped.
JOBS = [
    Job(name="attendance.close_day", title="日终核定: record the day's missing check-ins in every hall",
        run=_close_yesterday_and_today),
]
