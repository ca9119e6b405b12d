"""Complaint services (投诉). Every change to a complaint goes through exactly one function here:

``intake`` (登记, on one of the jurisdiction's channels), ``decide`` (受理 / 不予受理 / 转办 by the
jurisdiction's acceptance rule), ``extend_deadline`` (延期, a leader's approval and an explanation),
``add_note`` (调查记录), ``resolve`` (处理结果; a malicious complainant may be blacklisted through
``blacklist``), ``record_feedback`` (反馈投诉人) and ``archive`` (办结归档). Each row keeps the ids of
the rules applied to it.

Each change but an investigation note is reported upward (上报, ``core.outbox``) in the same
transaction, without the complainant's identity, the facts or what they were told; the blacklist
(contacts) never leaves the county.
"""

from __future__ import annotations

import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.pii.indexes import contact_index
from core.cases.models import Case
from core.complaints.models import (
    BLACKLISTED_GROUND,
    OPEN_STATUSES,
    Complaint,
    ComplaintBlacklistEntry,
    ComplaintNote,
    ComplaintStatus,
    ComplaintTarget,
)
from core.db.sql import local_date
from core.departments.models import HallDepartment
from core.errors import DomainError, ConflictError
from core.halls.models import Hall
from core.outbox import service as outbox_service
from core.outbox.events import EventType
from core.policy.complaints import EXTENSION_REQUIREMENTS, GROUNDS
from core.policy.service import JurisdictionPolicy
from core.policy.types import BlacklistDecision, ComplaintAcceptance, ComplaintDeadline, ComplaintFacts
from core.staff.models import Staff
from core.timezones import local_today, to_local
from core.validation import text
from core.windows.models import Window

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^0\d{9,11}$")  # area code and number, digits only
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")

#: Every ground a complaint can be rejected on: code → (Chinese, English).
GROUND_TITLES = {code: (zh, en) for code, zh, en, _ in GROUNDS} | {BLACKLISTED_GROUND[0]: BLACKLISTED_GROUND[1:]}

REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read out over the phone


def normalize_contact(contact: str | None) -> str | None:
    """A phone number as its digits (without +86), an e-mail address in lower case; None when empty."""
    if not contact or not contact.strip():
        return None
    value = contact.strip().lower()
    if "@" in value:
        return value
    digits = re.sub(r"[\s\-()（）]", "", value)
    if digits.startswith("+86"):
        digits = digits[3:]
    return digits


def valid_contact(contact: str | None) -> bool:
    """A mobile or landline number, or an e-mail address: someone to answer (nanbu 投诉处理制度 一(二))."""
    normalized = normalize_contact(contact)
    return bool(normalized) and any(p.match(normalized) for p in (MOBILE, LANDLINE, EMAIL))


def new_reference(today: date) -> str:
    """投诉登记号, e.g. TS-20261121-7KQ4MZ (unique: the column's constraint guards against the rare clash)."""
    return f"TS-{today:%Y%m%d}-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


def _require_status(complaint: Complaint, allowed, action: str, action_en: str) -> None:
    if complaint.status not in allowed:
        status = ComplaintStatus(complaint.status)
        raise ConflictError("COMPLAINT_STATUS_CONFLICT", {"status_label": status.label, "status_en": status.label_en,
                                                               "action": action, "action_en": action_en})


# --- intake ----------------------------------------------------------------------------------


async def check_target(session: AsyncSession, *, hall: Hall, kind: ComplaintTarget | None,
                       target_id: uuid.UUID | None) -> uuid.UUID | None:
    """The target's id when it belongs to the hall (the hall itself for HALL); COMPLAINT_TARGET_INVALID otherwise."""
    if kind is None:
        return None
    if kind is ComplaintTarget.HALL:
        return hall.id
    if target_id is None:
        raise DomainError("COMPLAINT_TARGET_INVALID", {"reason": "未指明具体对象", "reason_en": "no target given"},
                          field_name="targetId")
    if kind is ComplaintTarget.STAFF:
        found = await session.scalar(sa.select(Staff.id).where(Staff.id == target_id, Staff.hall_id == hall.id))
    elif kind is ComplaintTarget.WINDOW:
        found = await session.scalar(sa.select(Window.id).where(Window.id == target_id, Window.hall_id == hall.id))
    else:
        found = await session.scalar(sa.select(HallDepartment.department_id).where(
            HallDepartment.department_id == target_id, HallDepartment.hall_id == hall.id))
    if found is None:
        raise DomainError("COMPLAINT_TARGET_INVALID", {"reason": f"{kind.label}不在本大厅", "reason_en": f"no such {kind.label_en.lower()} here"},
                          field_name="targetId")
    return found


async def blacklist_entry(session: AsyncSession, *, jurisdiction: str, contact: str | None) -> ComplaintBlacklistEntry | None:
    index = contact_index(normalize_contact(contact))  # sealed at rest: matched by blind index
    if index is None:
        return None
    return (await session.execute(sa.select(ComplaintBlacklistEntry).where(
        ComplaintBlacklistEntry.jurisdiction_code == jurisdiction, ComplaintBlacklistEntry.contact_bidx == index,
    ))).scalar_one_or_none()


@dataclass(frozen=True)
class Intake:
    """What the complainant says, as received."""

    channel: str
    facts: str
    complainant_name: str | None = None
    complainant_contact: str | None = None
    confidential: bool = False
    target_kind: ComplaintTarget | None = None
    target_id: uuid.UUID | None = None
    demand: str | None = None
    case_serial_number: str | None = None
    channel_note: str | None = None
    work_order_id: str | None = None
    work_order_due_on: date | None = None


async def intake(session: AsyncSession, *, policy: JurisdictionPolicy, hall: Hall, received: Intake,
                 now: datetime) -> Complaint:
    """登记: record a complaint received on one of the jurisdiction's channels.

    A complaint from a blacklisted contact (nanbu 投诉处理制度 三(二)) is recorded as not accepted, with the reason.
    """
    channels = {c.code: c.title for c in policy.complaint_channels()}
    if received.channel not in channels:
        raise DomainError("COMPLAINT_CHANNEL_INVALID", {"channel": received.channel,
                                                        "channels": ", ".join(f"{code} {title}" for code, title in channels.items())},
                          field_name="channel")
    facts = text(received.facts, field="facts", label="投诉事实", max_length=4000, required=True)
    demand = text(received.demand, field="demand", label="诉求", max_length=2000)
    name = text(received.complainant_name, field="complainantName", label="投诉人", max_length=100)
    contact = text(received.complainant_contact, field="complainantContact", label="联系方式", max_length=100)
    channel_note = text(received.channel_note, field="channelNote", label="渠道说明", max_length=100)
    work_order = text(received.work_order_id, field="workOrderId", label="12345工单号", max_length=40)
    serial = text(received.case_serial_number, field="caseSerialNumber", label="办件流水号", max_length=40)
    target_id = await check_target(session, hall=hall, kind=received.target_kind, target_id=received.target_id)
    if serial and await session.scalar(sa.select(Case.id).where(Case.serial_number == serial, Case.hall_id == hall.id)) is None:
        raise DomainError("CASE_NOT_IN_HALL", {"serial_number": serial}, field_name="caseSerialNumber")
    complaint = Complaint(
        reference=new_reference(local_today(now)), hall_id=hall.id, channel=received.channel, channel_note=channel_note,
        complainant_name=name, complainant_contact=contact, confidential=received.confidential,
        target_kind=received.target_kind.value if received.target_kind else None, target_id=target_id,
        case_serial_number=serial, work_order_id=work_order, work_order_due_on=received.work_order_due_on,
        facts=facts, demand=demand, received_at=now,
    )
    listed = await blacklist_entry(session, jurisdiction=policy.jurisdiction, contact=complaint.complainant_contact)
    if listed is not None:
        complaint.status = ComplaintStatus.REJECTED
        complaint.decided_at = now
        complaint.rejection_grounds = [BLACKLISTED_GROUND[0]]
        complaint.rejection_reason = BLACKLISTED_GROUND[1]
        complaint.rule_ids = list(listed.rule_ids)
    session.add(complaint)
    await session.flush()
    await outbox_service.record_complaint(session, complaint=complaint, event_type=EventType.COMPLAINT_RECEIVED)
    return complaint


# --- decide ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Judgement:
    """What the hall establishes before deciding (the facts no form can tell)."""

    repeated_without_new_facts: bool = False
    belongs_to_other_procedure: bool = False  # 信访、仲裁、行政复议、诉讼
    outside_remit: bool = False
    involves_law_or_discipline_violation: bool = False


def facts_of(complaint: Complaint, judgement: Judgement = Judgement(), *, fabricated_facts: bool = False,
             forged_evidence: bool = False) -> ComplaintFacts:
    """The facts the jurisdiction's rules are asked about: the record's, plus the hall's judgement."""
    return ComplaintFacts(
        signed=bool(complaint.complainant_name),
        valid_contact=valid_contact(complaint.complainant_contact),
        has_target=complaint.target_kind is not None,
        has_demand=bool(complaint.demand),
        repeated_without_new_facts=judgement.repeated_without_new_facts,
        belongs_to_other_procedure=judgement.belongs_to_other_procedure,
        outside_remit=judgement.outside_remit,
        involves_law_or_discipline_violation=judgement.involves_law_or_discipline_violation,
        confidentiality_requested=complaint.confidential,
        channel=complaint.channel,
        work_order_id=complaint.work_order_id,
        fabricated_facts=fabricated_facts,
        forged_evidence=forged_evidence,
    )


async def decide(session: AsyncSession, *, policy: JurisdictionPolicy, complaint: Complaint, judgement: Judgement,
                 now: datetime) -> ComplaintAcceptance:
    """受理 or 不予受理 (with every ground) or 转办, as the jurisdiction's acceptance rule decides; sets the deadline."""
    _require_status(complaint, (ComplaintStatus.RECEIVED,), "作出受理决定", "decide on acceptance")
    acceptance = policy.complaint_acceptance(facts_of(complaint, judgement))
    complaint.decided_at = now
    rules = [acceptance.rules]
    if acceptance.outcome == "accepted":
        deadline = policy.complaint_deadline(local_today(now), complaint.work_order_due_on)
        complaint.status = ComplaintStatus.ACCEPTED
        complaint.accepted_at = now
        complaint.deadline_on = deadline.due_on
        rules.append(deadline.rules)
    elif acceptance.outcome == "rejected":
        complaint.status = ComplaintStatus.REJECTED
        complaint.rejection_grounds = [ground.code for ground in acceptance.grounds]
        complaint.rejection_reason = "；".join(ground.title_zh for ground in acceptance.grounds)
    else:
        complaint.status = ComplaintStatus.REFERRED
        complaint.referral = acceptance.referral
    complaint.rule_ids = _rule_ids(complaint.rule_ids, *rules)
    await session.flush()
    await outbox_service.record_complaint(session, complaint=complaint, event_type=DECISION_EVENTS[complaint.status])
    return acceptance


#: The event each acceptance decision is reported as.
DECISION_EVENTS = {ComplaintStatus.ACCEPTED: EventType.COMPLAINT_ACCEPTED, ComplaintStatus.REJECTED: EventType.COMPLAINT_REJECTED,
                   ComplaintStatus.REFERRED: EventType.COMPLAINT_REFERRED}


def _rule_ids(kept, *rule_groups) -> list[str]:
    return list(dict.fromkeys([*kept, *(rule.id for rules in rule_groups for rule in rules)]))


# --- extend ------------------------------------------------------------------------------------

MAX_EXTENSION_WORKING_DAYS = 30

# What an extension may require (``ComplaintDeadline.extension_requires``, one of EXTENSION_REQUIREMENTS; nanbu
# 投诉处理制度: both): ``leader_approval`` is the leader doing it (the ``complaint extend`` permission, checked by
# the mutation); ``explanation_to_complainant`` makes the explanation required.


def extension_rule(policy: JurisdictionPolicy, complaint: Complaint) -> ComplaintDeadline:
    """The deadline rule of ``complaint``, whose ``extension_requires`` says what an extension needs."""
    rule = policy.complaint_deadline(to_local(complaint.accepted_at).date(), complaint.work_order_due_on)
    unknown = [need for need in rule.extension_requires if need not in EXTENSION_REQUIREMENTS]
    if unknown:
        raise DomainError("POLICY_NO_ANSWER", {"reason": f"unknown extension requirement {', '.join(unknown)}"})
    return rule


async def extend_deadline(session: AsyncSession, *, policy: JurisdictionPolicy, complaint: Complaint, working_days: int,
                          explanation: str | None, user_id: uuid.UUID | None, now: datetime) -> Complaint:
    """延期: once, by ``working_days``, with what the rule requires (a leader's approval — the caller — and an
    explanation to the complainant, nanbu)."""
    _require_status(complaint, (ComplaintStatus.ACCEPTED,), "延期", "extend its deadline")
    if complaint.extended_from_on is not None:
        raise ConflictError("COMPLAINT_ALREADY_EXTENDED", {"deadline_on": complaint.deadline_on.isoformat()})
    rule = extension_rule(policy, complaint)
    if not rule.extendable:
        raise ConflictError("COMPLAINT_NOT_EXTENDABLE", {"rule_id": rule.rules[0].id})
    if not 1 <= working_days <= MAX_EXTENSION_WORKING_DAYS:
        raise DomainError("VALIDATION_FAILED", {"field": "workingDays", "field_label": "延期工作日数",
                                                "reason": f"应在 1 到 {MAX_EXTENSION_WORKING_DAYS} 之间",
                                                "reason_en": f"must be between 1 and {MAX_EXTENSION_WORKING_DAYS}"},
                          field_name="workingDays")
    explanation = text(explanation, field="explanation", label="向投诉人的说明", max_length=2000,
                       required="explanation_to_complainant" in rule.extension_requires)
    complaint.extended_from_on = complaint.deadline_on
    complaint.deadline_on = policy.add_working_days(complaint.deadline_on, working_days)
    complaint.extension_explanation = explanation
    complaint.extended_by_user_id = user_id
    complaint.extended_at = now
    complaint.rule_ids = _rule_ids(complaint.rule_ids, rule.rules)
    await session.flush()
    await outbox_service.record_complaint(session, complaint=complaint, event_type=EventType.COMPLAINT_EXTENDED)
    return complaint


# --- investigate -----------------------------------------------------------------------------------


async def add_note(session: AsyncSession, *, complaint: Complaint, note_text: str, user_id: uuid.UUID | None,
                   now: datetime) -> ComplaintNote:
    """调查记录: a note of the investigation while the complaint is open."""
    _require_status(complaint, OPEN_STATUSES, "添加调查记录", "add investigation notes")
    note = ComplaintNote(complaint_id=complaint.id, author_user_id=user_id, created_at=now,
                         text=text(note_text, field="text", label="调查记录", max_length=4000, required=True))
    session.add(note)
    await session.flush()
    return note


# --- resolve (and blacklist) -------------------------------------------------------------------------


async def resolve(session: AsyncSession, *, policy: JurisdictionPolicy, complaint: Complaint, resolution: str,
                  substantiated: bool, fabricated_facts: bool, forged_evidence: bool, user_id: uuid.UUID | None,
                  now: datetime) -> tuple[Complaint, BlacklistDecision | None]:
    """处理结果: the finding and what was done. A complaint found malicious (fabricated facts, forged evidence)
    is put to the jurisdiction's blacklist rule; the decision is returned."""
    _require_status(complaint, (ComplaintStatus.ACCEPTED,), "作出处理结果", "resolve it")
    resolution = text(resolution, field="resolution", label="处理结果", max_length=4000, required=True)
    if substantiated and (fabricated_facts or forged_evidence):
        raise DomainError("VALIDATION_FAILED", {"field": "substantiated", "field_label": "投诉属实",
                                                "reason": "捏造事实或伪造证据的投诉不能认定属实",
                                                "reason_en": "a complaint with fabricated facts or forged evidence is not substantiated"},
                          field_name="substantiated")
    complaint.status = ComplaintStatus.RESOLVED
    complaint.resolution = resolution
    complaint.substantiated = substantiated
    complaint.resolved_at = now
    decision = None
    if fabricated_facts or forged_evidence:
        decision = policy.complaint_blacklist(facts_of(complaint, fabricated_facts=fabricated_facts,
                                                       forged_evidence=forged_evidence))
        complaint.rule_ids = _rule_ids(complaint.rule_ids, decision.rules)
        if decision.blacklist:
            await blacklist(session, jurisdiction=policy.jurisdiction, complaint=complaint, decision=decision,
                            user_id=user_id, now=now)
    await session.flush()
    await outbox_service.record_complaint(session, complaint=complaint, event_type=EventType.COMPLAINT_RESOLVED)
    return complaint, decision


async def blacklist(session: AsyncSession, *, jurisdiction: str, complaint: Complaint, decision: BlacklistDecision,
                    user_id: uuid.UUID | None, now: datetime) -> ComplaintBlacklistEntry | None:
    """黑名单: list the complainant's contact in the jurisdiction (once; a second finding keeps the first entry)."""
    contact = normalize_contact(complaint.complainant_contact)
    if contact is None:
        return None
    existing = await blacklist_entry(session, jurisdiction=jurisdiction, contact=contact)
    if existing is not None:
        return existing
    entry = ComplaintBlacklistEntry(jurisdiction_code=jurisdiction, contact=contact, complaint_id=complaint.id,
                                    consequences=list(decision.consequences), rule_ids=[r.id for r in decision.rules],
                                    created_by_user_id=user_id, created_at=now)
    session.add(entry)
    await session.flush()
    return entry


# --- feedback and archive ---------------------------------------------------------------------------

#: A complainant is told the result, or why the complaint was not accepted or where it went.
FEEDBACK_STATUSES = (ComplaintStatus.RESOLVED, ComplaintStatus.REJECTED, ComplaintStatus.REFERRED)


async def record_feedback(session: AsyncSession, *, complaint: Complaint, feedback: str,
                          complainant_satisfied: bool | None, now: datetime) -> Complaint:
    """反馈: what the complainant was told, and whether they were satisfied."""
    _require_status(complaint, FEEDBACK_STATUSES, "记录反馈", "record feedback")
    complaint.feedback = text(feedback, field="feedback", label="反馈内容", max_length=4000, required=True)
    complaint.complainant_satisfied = complainant_satisfied
    complaint.feedback_at = now
    await session.flush()
    await outbox_service.record_complaint(session, complaint=complaint, event_type=EventType.COMPLAINT_FEEDBACK_RECORDED)
    return complaint


async def archive(session: AsyncSession, *, complaint: Complaint, now: datetime) -> Complaint:
    """办结归档: closed once the complainant has been told (nobody can be told without a contact)."""
    _require_status(complaint, FEEDBACK_STATUSES, "归档", "archive it")
    if complaint.feedback is None and valid_contact(complaint.complainant_contact):
        raise ConflictError("COMPLAINT_FEEDBACK_MISSING")
    complaint.status = ComplaintStatus.CLOSED
    complaint.closed_at = now
    await session.flush()
    await outbox_service.record_complaint(session, complaint=complaint, event_type=EventType.COMPLAINT_CLOSED)
    return complaint


# --- queries ---------------------------------------------------------------------------------------------


def overdue_condition(as_of: date):
    """Accepted, and resolved after the deadline or still unresolved past it (as of ``as_of``)."""
    return sa.and_(
        Complaint.deadline_on.is_not(None),
        Complaint.deadline_on < sa.func.coalesce(local_date(Complaint.resolved_at), as_of),
    )


def list_statement(*, hall_id: uuid.UUID, status: str | None = None, overdue_as_of: date | None = None,
                   target_kind: str | None = None, target_id: uuid.UUID | None = None, channel: str | None = None,
                   start: datetime | None = None, end: datetime | None = None) -> sa.Select:
    """A hall's complaints, optionally filtered; received in [start, end)."""
    stmt = sa.select(Complaint.__table__).where(Complaint.hall_id == hall_id)
    if status:
        stmt = stmt.where(Complaint.status == status)
    if overdue_as_of is not None:
        stmt = stmt.where(overdue_condition(overdue_as_of))
    if target_kind:
        stmt = stmt.where(Complaint.target_kind == target_kind)
    if target_id:
        stmt = stmt.where(Complaint.target_id == target_id)
    if channel:
        stmt = stmt.where(Complaint.channel == channel)
    if start is not None:
        stmt = stmt.where(Complaint.received_at >= start)
    if end is not None:
        stmt = stmt.where(Complaint.received_at < end)
    return stmt


async def find_by_reference(session: AsyncSession, *, reference: str, contact: str) -> Complaint | None:
    """The complaint with this 登记号, when ``contact`` is the one it was filed with (how a complainant follows up)."""
    complaint = (await session.execute(
        sa.select(Complaint).where(Complaint.reference == reference.strip().upper())
    )).scalar_one_or_none()
    given = normalize_contact(contact)
    if complaint is None or given is None or normalize_contact(complaint.complainant_contact) != given:
        return None
    return complaint
