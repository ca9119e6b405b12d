"""Retention and erasure of personal data (个人信息保存期限), per jurisdiction and data kind.

Each kind is kept for a number of days counted from when its purpose ended; then the job
anonymises it (the record stays for statistics, 好差评 and assessment; the person is gone) or, for
logs, deletes it. The periods below are **defaults**, set in ``tingwu.toml``::

    [tingwu.retention]              # every jurisdiction
    queue_tickets = 30
    [tingwu.retention.jurisdictions.panyu]
    cases = 1825

Audit logs (the audit log and the personal-data read log) are kept at least 180 days whatever is
configured (Cybersecurity Law Art 21(3): network logs kept no less than six months). The job is
set-based (a few statements per jurisdiction, no per-row Python) and idempotent: what is already
anonymised or deleted does not match again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa

from core.audit.models import AuditEntry
from core.cases.models import OPEN_STATUSES as OPEN_CASE_STATUSES, Case, CreditRecord
from core.complaints.models import OPEN_STATUSES as OPEN_COMPLAINT_STATUSES, Complaint, ComplaintBlacklistEntry
from core.halls.models import Hall
from core.leave.models import LeaveAttachment, LeaveRequest, LeaveStatus
from core.pii.models import PersonalDataAccess
from core.queue.models import QueueTicket, TicketStatus
from core.ratings.models import Rating

#: Default retention in days, from the end of the record's purpose. Defaults, not law: see docs/privacy.md.
DEFAULT_RETENTION_DAYS = {
    "cases": 1095,  # applicant identity of a closed case: 3 years after it was closed
    "ratings": 1095,  # the rating's free-text comment: 3 years (level and score stay)
    "complaints": 1095,  # complainant identity of a closed complaint, and blacklist entries: 3 years
    "queue_tickets": 30,  # the phone for the SMS reminder: 30 days after the ticket was taken
    "leave_attachments": 1095,  # a leave request's documents (R6 医院证明, health data): 3 years after the leave ended
    "audit": 1095,  # audit log and personal-data read log: 3 years (never less than 180 days)
}
AUDIT_MINIMUM_DAYS = 180
ANONYMISED_NAME = "已匿名"
KINDS = tuple(DEFAULT_RETENTION_DAYS)
#: kinds whose expired rows are deleted rather than anonymised
DELETED_KINDS = ("audit", "leave_attachments")


class RetentionConfigError(ValueError):
    pass


@dataclass(frozen=True)
class RetentionPolicy:
    """Days per kind, per jurisdiction: the configured value, else the default."""

    defaults: dict
    jurisdictions: dict = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings) -> "RetentionPolicy":
        configured = dict(getattr(settings, "retention", None) or {})
        per_jurisdiction = configured.pop("jurisdictions", {}) or {}
        defaults = {**DEFAULT_RETENTION_DAYS, **{k: v for k, v in configured.items()}}
        policy = cls(defaults, {code: dict(values) for code, values in per_jurisdiction.items()})
        policy.validate()
        return policy

    def validate(self) -> None:
        for scope, values in [("default", self.defaults), *self.jurisdictions.items()]:
            for kind, days in values.items():
                if kind not in DEFAULT_RETENTION_DAYS:
                    raise RetentionConfigError(f"retention.{scope}: unknown data kind {kind!r} (kinds: {', '.join(KINDS)})")
                if not isinstance(days, int) or days < 1:
                    raise RetentionConfigError(f"retention.{scope}.{kind} must be a whole number of days, got {days!r}")

    def days(self, kind: str, jurisdiction: str | None = None) -> int:
        days = self.jurisdictions.get(jurisdiction, {}).get(kind, self.defaults[kind])
        return max(days, AUDIT_MINIMUM_DAYS) if kind == "audit" else days


@dataclass
class RetentionReport:
    """What a run anonymised or deleted: ``counts[(jurisdiction, kind)]`` rows, and the cut-off used."""

    as_of: datetime
    counts: dict = field(default_factory=dict)
    cutoffs: dict = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def by_jurisdiction(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for (code, _), count in self.counts.items():
            out[code] = out.get(code, 0) + count
        return out

    def lines(self) -> list[str]:
        return [f"{code:<12} {kind:<14} {count:>6} row(s) " + ("deleted" if kind in DELETED_KINDS else "anonymised")
                + f" (ended before {self.cutoffs[(code, kind)]:%Y-%m-%d})"
                for (code, kind), count in sorted(self.counts.items())]


def _halls(code: str):
    return sa.select(Hall.id).where(Hall.jurisdiction_code == code).scalar_subquery()


def _statements(code: str, kind: str, cutoff: datetime) -> list:
    halls = _halls(code)
    if kind == "cases":
        closed = sa.and_(Case.hall_id.in_(halls), Case.status.not_in(list(OPEN_CASE_STATUSES)),
                         Case.completed_at.is_not(None), Case.completed_at < cutoff)
        return [
            # anonymised: the name becomes 已匿名 and its blind index goes (what marks a row as done)
            sa.update(Case).where(closed, sa.or_(Case.applicant_id_number.is_not(None), Case.applicant_phone.is_not(None),
                                                 Case.applicant_name_bidx.is_not(None)))
            .values(applicant_name=ANONYMISED_NAME, applicant_name_bidx=None, applicant_id_number=None,
                    applicant_phone=None, applicant_id_number_bidx=None, applicant_phone_bidx=None, applicant_id_last4_bidx=None,
                    applicant_phone_last4_bidx=None),
            # 失信记录 past the period are removed (their term is over)
            sa.delete(CreditRecord).where(CreditRecord.hall_id.in_(halls), CreditRecord.created_at < cutoff),
        ]
    if kind == "ratings":
        return [sa.update(Rating).where(Rating.hall_id.in_(halls), Rating.rated_at < cutoff, Rating.comment.is_not(None))
                .values(comment=None)]
    if kind == "complaints":
        ended = sa.func.coalesce(Complaint.closed_at, Complaint.decided_at)
        return [
            sa.update(Complaint).where(Complaint.hall_id.in_(halls), Complaint.status.not_in(list(OPEN_COMPLAINT_STATUSES)),
                                       ended.is_not(None), ended < cutoff,
                                       sa.or_(Complaint.complainant_name.is_not(None),
                                              Complaint.complainant_contact.is_not(None)))
            .values(complainant_name=None, complainant_contact=None, complainant_contact_bidx=None),
            sa.delete(ComplaintBlacklistEntry).where(ComplaintBlacklistEntry.jurisdiction_code == code,
                                                     ComplaintBlacklistEntry.created_at < cutoff),
        ]
    if kind == "queue_tickets":
        return [sa.update(QueueTicket).where(QueueTicket.hall_id.in_(halls), QueueTicket.issued_at < cutoff,
                                             QueueTicket.status.not_in([TicketStatus.WAITING, TicketStatus.CALLED,
                                                                         TicketStatus.SERVING, TicketStatus.TRANSFERRED]),
                                             QueueTicket.applicant_phone.is_not(None))
                .values(applicant_phone=None, applicant_phone_bidx=None)]
    if kind == "leave_attachments":
        # the documents go; the leave request, its steps and decisions stay (attendance records)
        ended = (sa.select(LeaveRequest.id).where(LeaveRequest.hall_id.in_(halls), LeaveRequest.ends_at < cutoff,
                                                  LeaveRequest.status != LeaveStatus.PENDING.value))
        return [sa.delete(LeaveAttachment).where(LeaveAttachment.leave_request_id.in_(ended))]
    raise ValueError(kind)


async def apply_retention(db, *, jurisdictions: list[str], policy: RetentionPolicy, now: datetime,
                          dry_run: bool = False) -> RetentionReport:
    """Anonymise what has expired in these jurisdictions and delete expired logs; one transaction."""
    report = RetentionReport(as_of=now)
    async with db.transaction() as session:
        for code in jurisdictions:
            for kind in ("cases", "ratings", "complaints", "queue_tickets", "leave_attachments"):
                cutoff = now - timedelta(days=policy.days(kind, code))
                report.cutoffs[(code, kind)] = cutoff
                count = 0
                for stmt in _statements(code, kind, cutoff):
                    if dry_run:
                        count += await _would_change(session, stmt)
                    else:
                        count += (await session.execute(stmt.execution_options(synchronize_session=False))).rowcount or 0
                report.counts[(code, kind)] = count
        # Logs are the platform's, not a jurisdiction's: the longest period any jurisdiction asks for.
        days = max([policy.days("audit")] + [policy.days("audit", code) for code in jurisdictions])
        cutoff = now - timedelta(days=days)
        report.cutoffs[("*", "audit")] = cutoff
        count = 0
        for model, column in ((AuditEntry, AuditEntry.at), (PersonalDataAccess, PersonalDataAccess.at)):
            stmt = sa.delete(model).where(column < cutoff)
            count += (await _would_change(session, stmt) if dry_run
                      else (await session.execute(stmt.execution_options(synchronize_session=False))).rowcount or 0)
        report.counts[("*", "audit")] = count
        if dry_run:
            await session.rollback()
    return report


async def _would_change(session, stmt) -> int:
    table = stmt.table
    where = stmt.whereclause
    return (await session.execute(sa.select(sa.func.count()).select_from(table).where(where))).scalar_one()
