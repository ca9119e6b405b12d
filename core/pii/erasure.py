"""A citizen's erasure request (删除请求, PIPL Art 47), carried out where the law allows.

The person is found by the blind indexes of the ID number and phone they give, in every hall of the
jurisdiction. What is erased and what is kept, and why:

- queue tickets that are over: the phone (only there for the SMS reminder) is erased; a ticket
  still in the queue keeps it until it is over;
- closed cases: the phone is erased; the name and ID number stay in the case file (办件档案) until
  the retention period ends (the record of an administrative act, kept under the archives rules);
  a case still being handled keeps everything;
- closed complaints: the complainant's name and contact are erased; an open complaint keeps them
  (the hall must answer the complainant); a blacklist entry (黑名单) stays for its term.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.cases.models import OPEN_STATUSES as OPEN_CASE_STATUSES, Case
from core.complaints.models import OPEN_STATUSES as OPEN_COMPLAINT_STATUSES, Complaint, ComplaintBlacklistEntry
from core.halls.models import Hall
from core.pii.indexes import contact_index, id_number_index, phone_index
from core.pii.retention import RetentionPolicy
from core.queue.models import QueueTicket, TicketStatus

ACTIVE_TICKET_STATUSES = (TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.SERVING, TicketStatus.TRANSFERRED)

#: kind → (Chinese, English) reason a record was kept
KEPT_REASONS = {
    "open_case": ("办件尚在办理中，办结后方可删除联系电话", "the case is still being handled"),
    "case_file": ("申请人姓名和证件号码属办件档案，保存期满后匿名化", "name and ID number stay in the case file until its retention period ends"),
    "active_ticket": ("排队号尚未结束", "the ticket is still in the queue"),
    "open_complaint": ("投诉尚在处理中，需答复投诉人", "the complaint is still being handled and must be answered"),
    "blacklist": ("黑名单在期限内保留（恶意投诉的处理结果）", "a blacklist entry stays for its term"),
}


@dataclass
class ErasureOutcome:
    erased: dict = field(default_factory=dict)  # kind → rows changed
    kept: dict = field(default_factory=dict)  # reason code → rows kept

    def summary(self) -> dict:
        """For the audit log: counts only, never who."""
        return {"erased": dict(self.erased), "kept": dict(self.kept)}


async def erase_subject(session: AsyncSession, *, jurisdiction: str, id_number: str | None, phone: str | None,
                        retention: RetentionPolicy | None = None) -> ErasureOutcome:
    """Erase what may be erased of the person with this ID number and/or phone in the jurisdiction."""
    outcome = ErasureOutcome()
    halls = sa.select(Hall.id).where(Hall.jurisdiction_code == jurisdiction).scalar_subquery()
    id_index, phone_idx, contact_idx = id_number_index(id_number), phone_index(phone), contact_index(phone)

    async def run(stmt) -> int:
        return (await session.execute(stmt.execution_options(synchronize_session=False))).rowcount or 0

    async def count(model, *conditions) -> int:
        return (await session.execute(sa.select(sa.func.count()).select_from(model).where(*conditions))).scalar_one()

    # cases
    whose = [c for c in (Case.applicant_id_number_bidx == id_index if id_index else None,
                         Case.applicant_phone_bidx == phone_idx if phone_idx else None) if c is not None]
    if whose:
        mine = sa.and_(Case.hall_id.in_(halls), sa.or_(*whose))
        open_case = Case.status.in_(list(OPEN_CASE_STATUSES))
        outcome.kept["open_case"] = await count(Case, mine, open_case)
        outcome.erased["case_phone"] = await run(
            sa.update(Case).where(mine, ~open_case, Case.applicant_phone.is_not(None))
            .values(applicant_phone=None, applicant_phone_bidx=None, applicant_phone_last4_bidx=None))
        outcome.kept["case_file"] = await count(Case, mine, ~open_case, Case.applicant_id_number.is_not(None))
    if phone_idx:
        mine = sa.and_(QueueTicket.hall_id.in_(halls), QueueTicket.applicant_phone_bidx == phone_idx)
        active = QueueTicket.status.in_(list(ACTIVE_TICKET_STATUSES))
        outcome.kept["active_ticket"] = await count(QueueTicket, mine, active)
        outcome.erased["ticket_phone"] = await run(
            sa.update(QueueTicket).where(mine, ~active).values(applicant_phone=None, applicant_phone_bidx=None))
    if contact_idx:
        mine = sa.and_(Complaint.hall_id.in_(halls), Complaint.complainant_contact_bidx == contact_idx)
        open_complaint = Complaint.status.in_(list(OPEN_COMPLAINT_STATUSES))
        outcome.kept["open_complaint"] = await count(Complaint, mine, open_complaint)
        outcome.erased["complainant"] = await run(
            sa.update(Complaint).where(mine, ~open_complaint)
            .values(complainant_name=None, complainant_contact=None, complainant_contact_bidx=None))
        outcome.kept["blacklist"] = await count(ComplaintBlacklistEntry,
                                                ComplaintBlacklistEntry.jurisdiction_code == jurisdiction,
                                                ComplaintBlacklistEntry.contact_bidx == contact_idx)
    outcome.kept = {k: v for k, v in outcome.kept.items() if v}
    return outcome
