"""Case jobs, run by ``tingwu jobs run`` (daily, after closing time).

``record_unmet_tolerance_promises``: every 容缺受理 case whose secondary
materials were not supplied by the due date gets a 失信 record where the
jurisdiction says so (dongguan 5.2.7.3). Idempotent: a case is recorded once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from core.cases import service as case_service
from core.jobs import Job, JobResult
from core.timezones import local_today
from core.cases.models import OPEN_STATUSES, Case, CaseStatus
from core.halls.models import Hall
from core.policy.access import policy_in_session


@dataclass
class JobReport:
    """What a job did: counts by jurisdiction."""

    name: str
    as_of: date
    examined: dict[str, int] = field(default_factory=dict)
    recorded: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        parts = [f"{code}: {self.recorded.get(code, 0)} of {count}" for code, count in sorted(self.examined.items())]
        return f"{self.name} as of {self.as_of}: " + ("; ".join(parts) if parts else "nothing to examine")


async def record_unmet_tolerance_promises(db, plugins, *, as_of: date) -> JobReport:
    """失信 records for 容缺受理 cases past their supplement due date without the materials (one transaction)."""
    report = JobReport("case-credit-records", as_of)
    async with db.transaction() as session:
        rows = (await session.execute(
            sa.select(Case, Hall.jurisdiction_code)
            .join(Hall, Hall.id == Case.hall_id)
            .where(Case.tolerance_acceptance.is_(True), Case.supplement_supplied_on.is_(None),
                   Case.supplement_due_on < as_of, Case.status.in_(OPEN_STATUSES + (CaseStatus.COMPLETED,)),
                   Hall.jurisdiction_code.in_(sorted(plugins.enabled_codes)))
            .order_by(Hall.jurisdiction_code, Case.serial_number)
        )).all()
        policies = {}
        for case, code in rows:
            if code not in policies:
                policies[code] = await policy_in_session(session, plugins, code)
            report.examined[code] = report.examined.get(code, 0) + 1
            record = await case_service.record_unmet_promise(session, policy=policies[code], case=case, as_of=as_of)
            if record is not None:
                report.recorded[code] = report.recorded.get(code, 0) + 1
    return report


async def _credit_records(runtime, *, now) -> JobResult:
    report = await record_unmet_tolerance_promises(runtime.db, runtime.plugins, as_of=local_today(now))
    return JobResult(changed=dict(report.recorded))


#: Registered in :data:`core.jobs.JOB_MODULES`; run by ``tingwu jobs run``.
JOBS = [
    Job(name="cases.credit_records", title="失信 records for 容缺受理 promises not kept (dongguan 5.2.7)",
        run=_credit_records),
]
