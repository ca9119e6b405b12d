"""The retention job: personal data kept no longer than allowed (core.pii.retention)."""

from __future__ import annotations

import sqlalchemy as sa

from core.halls.models import Hall
from core.jobs import Job, JobResult
from core.pii.retention import RetentionPolicy, apply_retention


async def jurisdictions_with_halls(db) -> list[str]:
    async with db.session() as session:
        return list((await session.execute(sa.select(Hall.jurisdiction_code).distinct()
                                           .order_by(Hall.jurisdiction_code))).scalars())


async def run_retention(runtime, *, now, dry_run: bool = False):
    policy = RetentionPolicy.from_settings(runtime.settings)
    return await apply_retention(runtime.db, jurisdictions=await jurisdictions_with_halls(runtime.db),
                                 policy=policy, now=now, dry_run=dry_run)


async def _retention(runtime, *, now) -> JobResult:
    report = await run_retention(runtime, now=now)
    return JobResult(changed={f"{code}:{kind}": count for (code, kind), count in report.counts.items() if count})


#: Registered in :data:`core.jobs.JOB_MODULES`; run by ``tingwu jobs run``.
JOBS = [
    Job(name="privacy.retention", title="个人信息保存期限: anonymise expired personal data, delete expired logs",
        run=_retention),
]
