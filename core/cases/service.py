"""Case services (办件): one function per kind of change, each the single place that change is made.

``accept`` · ``issue_correction_notice`` · ``receive_supplement`` · ``complete``
· ``return_case`` · ``terminate`` · ``record_unmet_promise`` · ``watch_anomalies``
· ``close_anomaly``. Mutations and jobs call these and nothing else writes a
case, so whatever must follow every change of a kind (audit, upward reporting)
has one place to hook in: each change of a case records its outbox event
(上报, ``core.outbox``) right after flushing, in the caller's transaction.
Anomaly investigations are the hall's internal watch and are not reported.

Every local rule comes from the jurisdiction's policy facade: categories,
deadlines on the working-day calendar (``case_deadline``), one-time
notification (``check_correction_notice``), 容缺受理 (``deficiency_acceptance``)
and the anomaly watch (``case_anomalies``). Dates are local (Asia/Shanghai).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.pii.indexes import applicant_index
from core.cases.models import (
    OPEN_STATUSES,
    AnomalyStatus,
    Case,
    CaseAnomaly,
    CaseCategory,
    CaseOutcome,
    CaseStatus,
    CorrectionNotice,
    CreditRecord,
    NoticePurpose,
)
from core.db.sequence import next_value
from core.errors import DomainError, NotFoundError
from core.halls.models import Hall
from core.items.models import HallItem, HallItemStatus, ServiceItem
from core.jurisdictions import settings as jurisdiction_settings
from core.outbox import service as outbox_service
from core.outbox.events import EventType
from core.policy.service import JurisdictionPolicy
from core.policy.cases import NORMAL_VOLUME_DAYS
from core.policy.types import CaseActivity, CaseDeadline, PolicyError
from core.timezones import SHANGHAI, local_date
from core.privacy import matches_last4

#: Our category codes where the policy vocabulary differs.
POLICY_CATEGORY = {CaseCategory.INSTANT.value: "immediate", CaseCategory.APPROVAL.value: "approval_report"}
#: Categories accepted although materials are missing (the notice or the return says why).
INCOMPLETE_OK = {CaseCategory.SUPPLEMENT.value, CaseCategory.RETURNED.value}
CREDIT_REASON_TOLERANCE = "tolerance_supplement_overdue"
SERIAL_DIGITS = 6


def policy_category(category: str) -> str:
    return POLICY_CATEGORY.get(category, category)



def _state_error(case: Case, action: str, action_en: str) -> DomainError:
    status = CaseStatus(case.status)
    return DomainError("CASE_STATE_INVALID", {"status": status.label, "status_en": status.label_en.lower(),
                                              "action": action, "action_en": action_en})


def _listing(materials) -> str:
    return "、".join(materials)


def _notice_details(notice: CorrectionNotice) -> dict:
    """What the province learns of a correction notice: which materials, by when (no applicant data)."""
    return {"correction_notice": {"sequence": notice.sequence, "purpose": notice.purpose,
                                  "materials": list(notice.materials), "issued_on": notice.issued_on,
                                  "due_on": notice.due_on}}


# --- reading ---------------------------------------------------------------------------------------


async def get_by_serial(session: AsyncSession, *, serial_number: str, for_update: bool = False) -> Case:
    """One case by its 办件流水号; NotFound when there is none."""
    stmt = sa.select(Case).where(Case.serial_number == serial_number.strip())
    if for_update:
        stmt = stmt.with_for_update()
    case = (await session.execute(stmt)).scalar_one_or_none()
    if case is None:
        raise NotFoundError(f"办件 {serial_number}", f"Case {serial_number}")
    return case


@dataclass(frozen=True)
class CaseVisibility:
    """Where the caller may read cases: whole halls, whole jurisdictions, or a department's items."""

    everything: bool = False
    hall_ids: frozenset[uuid.UUID] = frozenset()
    jurisdiction_codes: frozenset[str] = frozenset()
    department_ids: frozenset[uuid.UUID] = frozenset()

    @property
    def nothing(self) -> bool:
        return not (self.everything or self.hall_ids or self.jurisdiction_codes or self.department_ids)


def list_statement(*, visibility: CaseVisibility, enabled_codes: frozenset[str], today: date,
                   hall_id: uuid.UUID | None = None, statuses: list[str] | None = None,
                   categories: list[str] | None = None, overdue: bool | None = None,
                   search: str | None = None) -> sa.Select:
    """Cases the caller may read, filtered; one statement (joins, no per-row queries)."""
    stmt = (
        sa.select(Case.__table__)
        .join(Hall, Hall.id == Case.hall_id)
        .join(ServiceItem, ServiceItem.id == Case.item_id)
        .where(Hall.jurisdiction_code.in_(sorted(enabled_codes)))
    )
    if not visibility.everything:
        reach = [sa.false()]
        if visibility.hall_ids:
            reach.append(Case.hall_id.in_(sorted(visibility.hall_ids)))
        if visibility.jurisdiction_codes:
            reach.append(Hall.jurisdiction_code.in_(sorted(visibility.jurisdiction_codes)))
        if visibility.department_ids:
            reach.append(ServiceItem.department_id.in_(sorted(visibility.department_ids)))
        stmt = stmt.where(sa.or_(*reach))
    if hall_id is not None:
        stmt = stmt.where(Case.hall_id == hall_id)
    if statuses:
        stmt = stmt.where(Case.status.in_(statuses))
    if categories:
        stmt = stmt.where(Case.category.in_(categories))
    if overdue is not None:
        condition = overdue_condition(today)
        stmt = stmt.where(condition if overdue else sa.not_(condition))
    if search:
        stmt = stmt.where(Case.serial_number.contains(search.strip(), autoescape=True))
    return stmt


def overdue_condition(today: date) -> sa.ColumnElement[bool]:
    """超期: still running past its deadline, or completed after it. A paused case is not overdue."""
    return sa.and_(
        Case.deadline_on.is_not(None),
        sa.or_(
            sa.and_(Case.status == CaseStatus.ACCEPTED, Case.deadline_on < today),
            sa.and_(Case.status == CaseStatus.COMPLETED, Case.completed_on > Case.deadline_on),
        ),
    )


def is_overdue(case, today: date) -> bool:
    """The same as :func:`overdue_condition`, for one row."""
    if case.deadline_on is None:
        return False
    if case.status == CaseStatus.ACCEPTED:
        return case.deadline_on < today
    if case.status == CaseStatus.COMPLETED:
        return case.completed_on is not None and case.completed_on > case.deadline_on
    return False


def remaining_working_days(policy: JurisdictionPolicy, case, today: date) -> int | None:
    """Working days left until the deadline (0: due today; negative: working days overdue).

    None when there is no running clock: closed cases and 补办件 still waiting for materials.
    A paused case keeps what it had left when the clock stopped.
    """
    if case.deadline_on is None or case.status not in OPEN_STATUSES:
        return None
    as_of = case.paused_since or today
    if as_of <= case.deadline_on:
        return policy.working_days_between(as_of, case.deadline_on)
    return -policy.working_days_between(case.deadline_on, as_of)


def deadline_status(case) -> str:
    """running, paused (awaiting corrected materials), waiting_for_materials (补办件) or closed."""
    if case.status not in OPEN_STATUSES:
        return "closed"
    if case.paused_since is not None:
        return "paused"
    if case.deadline_on is None and case.status == CaseStatus.AWAITING_MATERIALS:
        return "waiting_for_materials"
    return "running"


def missing_materials(required, supplied) -> list[str]:
    """Required materials not supplied, in the item's order."""
    have = set(supplied)
    return [m for m in required if m not in have]


# --- numbering --------------------------------------------------------------------------------------


async def allocate_serial(session: AsyncSession, *, prefix: str, on: date) -> str:
    """The next 办件流水号: prefix + date + a six-digit sequence per jurisdiction per day (PY20261009000037).

    Safe under concurrency (one atomic upsert); starts above serial numbers already in the table.
    """
    stem = f"{prefix}{on:%Y%m%d}"
    highest = (await session.execute(
        sa.select(sa.func.max(Case.serial_number)).where(
            Case.serial_number.startswith(stem, autoescape=True),
            sa.func.length(Case.serial_number) == len(stem) + SERIAL_DIGITS,
        )
    )).scalar_one_or_none()
    floor = int(highest[len(stem):]) if highest and highest[len(stem):].isdigit() else 0
    sequence = await next_value(session, name=f"case:{prefix}", day=on, floor=floor)
    return f"{stem}{sequence:0{SERIAL_DIGITS}d}"


# --- the changes ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Applicant:
    name: str
    id_number: str | None = None
    phone: str | None = None

    @property
    def key(self) -> str:
        """Who the anomaly watch counts as one applicant: the ID number, else name and phone."""
        return self.id_number or f"{self.name}/{self.phone or ''}"


@dataclass(frozen=True)
class NoticeRequest:
    """What a correction notice lists and by when (补正期限 / 容缺材料补交期限)."""

    materials: tuple[str, ...]
    due_on: date | None = None


def _deadline(policy: JurisdictionPolicy, case: Case, *, accepted_on: date,
              materials_completed_on: date | None = None) -> CaseDeadline:
    try:
        return policy.case_deadline(
            policy_category(case.category),
            accepted_on,
            promised_working_days=case.promised_limit_days,
            complex_case=case.complex_case,
            materials_completed_on=materials_completed_on,
        )
    except PolicyError as exc:
        raise DomainError("POLICY_NO_ANSWER", {"reason": str(exc)}) from exc


def _check_notice(policy: JurisdictionPolicy, *, required, acceptable, listed) -> tuple[str, ...]:
    """一次性告知: the notice lists exactly the required materials not (acceptably) supplied."""
    if not listed:
        raise DomainError("VALIDATION_FAILED", {"field": "materials", "field_label": "补正材料",
                                                "reason": "至少列明一项材料", "reason_en": "must list at least one material"})
    unknown = [m for m in listed if m not in required]
    if unknown:
        raise DomainError("UNKNOWN_MATERIALS", {"materials": _listing(unknown)}, field_name="materials")
    check = policy.check_correction_notice(required, acceptable, listed)
    if check.missing_from_notice:
        raise DomainError("CORRECTION_NOTICE_INCOMPLETE", {"materials": _listing(check.missing_from_notice)},
                          field_name="materials")
    if check.not_actually_missing:
        raise DomainError("CORRECTION_NOTICE_NOT_MISSING", {"materials": _listing(check.not_actually_missing)},
                          field_name="materials")
    return tuple(rule.id for rule in check.rules)


async def accept(
    session: AsyncSession,
    *,
    policy: JurisdictionPolicy,
    hall: Hall,
    item: ServiceItem,
    category: str,
    applicant: Applicant,
    supplied_materials: list[str],
    at: datetime,
    serial_prefix: str,
    window_id: uuid.UUID | None = None,
    staff_id: uuid.UUID | None = None,
    complex_case: bool = False,
    notice: NoticeRequest | None = None,
    tolerance: bool = False,
) -> tuple[Case, CorrectionNotice | None]:
    """受理: register an application with its serial number and deadline.

    * 补办件: materials are missing; the notice lists all of them and the clock waits for them.
    * 容缺受理 (``tolerance``): secondary materials missing, supplied by ``notice.due_on``; the clock runs.
    * otherwise every required material must be there.
    """
    accepted_on = local_date(at)
    offered = (await session.execute(sa.select(HallItem.id).where(
        HallItem.hall_id == hall.id, HallItem.item_id == item.id, HallItem.status == HallItemStatus.ACTIVE,
    ))).first()
    if offered is None:
        raise DomainError("ITEM_NOT_OFFERED", {"item": item.name})
    used = {c.code for c in policy.case_categories()}
    label = CaseCategory(category)
    if policy_category(category) not in used:
        raise DomainError("CASE_CATEGORY_NOT_USED", {"category": label.label, "category_en": label.label_en},
                          field_name="category")
    required = list(item.materials or [])
    unknown = [m for m in supplied_materials if m not in required]
    if unknown:
        raise DomainError("UNKNOWN_MATERIALS", {"materials": _listing(unknown)}, field_name="suppliedMaterials")
    missing = missing_materials(required, supplied_materials)
    if category == CaseCategory.SUPPLEMENT and notice is None:
        raise DomainError("CORRECTION_NOTICE_REQUIRED", {"category": label.label, "category_en": label.label_en},
                          field_name="correctionNotice")
    if tolerance and (notice is None or notice.due_on is None):
        raise DomainError("TOLERANCE_NOT_ALLOWED", {"reason": "须出具容缺受理告知书并写明补交期限",
                                                    "reason_en": "a notice with the supplement due date is needed"})
    if missing and category not in INCOMPLETE_OK and not tolerance:
        raise DomainError("MATERIALS_MISSING", {"materials": _listing(missing)}, field_name="suppliedMaterials")
    if notice is not None and not (category == CaseCategory.SUPPLEMENT or tolerance):
        raise DomainError("VALIDATION_FAILED", {"field": "correctionNotice", "field_label": "补正告知书",
                                                "reason": "受理时只有补办件或容缺受理出具补正告知书",
                                                "reason_en": "only a 补办件 or 容缺受理 gets a notice at acceptance"})

    case = Case(
        serial_number=await allocate_serial(session, prefix=serial_prefix, on=accepted_on),
        hall_id=hall.id, item_id=item.id, window_id=window_id, staff_id=staff_id, category=category,
        applicant_name=applicant.name, applicant_id_number=applicant.id_number, applicant_phone=applicant.phone,
        supplied_materials=list(supplied_materials), promised_limit_days=item.promised_limit_days,
        complex_case=complex_case, accepted_at=at,
    )
    notice_row = None
    notice_rules: tuple[str, ...] = ()
    if notice is not None:
        notice_rules = _check_notice(policy, required=required, acceptable=supplied_materials, listed=notice.materials)
        if notice.due_on is not None and notice.due_on < accepted_on:
            raise DomainError("VALIDATION_FAILED", {"field": "dueOn", "field_label": "补交期限",
                                                    "reason": "不能早于受理日期", "reason_en": "is before acceptance"})
    if tolerance:
        outcome = policy.deficiency_acceptance(notice.due_on, accepted_on, item_in_catalog=item.tolerance_acceptance_allowed)
        if not outcome.may_accept:
            raise DomainError("TOLERANCE_NOT_ALLOWED", {
                "reason": f"事项“{item.name}”不在容缺受理事项目录中",
                "reason_en": f"item {item.name} is not in the 容缺受理 catalogue"})
        case.tolerance_acceptance = True
        case.supplement_due_on = notice.due_on
        notice_rules += tuple(rule.id for rule in outcome.rules)

    deadline = _deadline(policy, case, accepted_on=accepted_on)
    case.deadline_on = deadline.due_on
    case.deadline_rule_ids = [rule.id for rule in deadline.rules]
    # The clock starts when the rule says (CaseDeadline.clock_starts_on): a 补办件's not before its materials are complete.
    case.status = CaseStatus.AWAITING_MATERIALS if deadline.clock_starts_on is None else CaseStatus.ACCEPTED
    session.add(case)
    await session.flush()
    if notice is not None:
        purpose = NoticePurpose.TOLERANCE if tolerance else NoticePurpose.SUPPLEMENT
        notice_row = CorrectionNotice(case_id=case.id, purpose=purpose, materials=list(notice.materials),
                                      issued_on=accepted_on, due_on=notice.due_on, rule_ids=list(notice_rules),
                                      issued_by_staff_id=staff_id, issued_at=at)
        session.add(notice_row)
        await session.flush()
    await outbox_service.record_case(session, case=case, event_type=EventType.CASE_ACCEPTED,
                                     details=_notice_details(notice_row) if notice_row else None)
    await watch_anomalies(session, policy=policy, hall_id=hall.id, item=item, as_of=accepted_on)
    return case, notice_row


async def issue_correction_notice(
    session: AsyncSession,
    *,
    policy: JurisdictionPolicy,
    case: Case,
    item: ServiceItem,
    notice: NoticeRequest,
    acceptable_materials: list[str] | None,
    at: datetime,
    staff_id: uuid.UUID | None = None,
) -> CorrectionNotice:
    """补正告知: list every material still missing at once; the running clock pauses until they are complete.

    A later notice may only repeat materials the first one listed (一次性告知).
    """
    today = local_date(at)
    if case.status not in OPEN_STATUSES:
        raise _state_error(case, "出具补正告知书", "sent a correction notice")
    previous = (await session.execute(
        sa.select(CorrectionNotice).where(CorrectionNotice.case_id == case.id).order_by(CorrectionNotice.sequence)
    )).scalars().all()
    required = list(item.materials or [])
    acceptable = list(case.supplied_materials if acceptable_materials is None else acceptable_materials)
    rules = _check_notice(policy, required=required, acceptable=acceptable, listed=notice.materials)
    if previous:
        first = previous[0]
        new = [m for m in notice.materials if m not in first.materials]
        if new:
            raise DomainError("CORRECTION_NOTICE_NOT_ONE_TIME", {"materials": _listing(new)}, field_name="materials")
    if notice.due_on is not None and notice.due_on < today:
        raise DomainError("VALIDATION_FAILED", {"field": "dueOn", "field_label": "补正期限",
                                                "reason": "不能早于今天", "reason_en": "is in the past"})
    purpose = NoticePurpose(previous[0].purpose) if previous else NoticePurpose.CORRECTION
    row = CorrectionNotice(case_id=case.id, sequence=len(previous) + 1, purpose=purpose,
                           materials=list(notice.materials), issued_on=today, due_on=notice.due_on,
                           rule_ids=list(rules), issued_by_staff_id=staff_id, issued_at=at)
    session.add(row)
    case.supplied_materials = acceptable
    if case.status == CaseStatus.ACCEPTED and purpose is NoticePurpose.CORRECTION:
        case.status = CaseStatus.AWAITING_MATERIALS
        case.paused_since = today
    await session.flush()
    await outbox_service.record_case(session, case=case, event_type=EventType.CASE_CORRECTION_REQUESTED,
                                     details=_notice_details(row))
    return row


async def receive_supplement(session: AsyncSession, *, policy: JurisdictionPolicy, case: Case, item: ServiceItem,
                             at: datetime) -> CreditRecord | None:
    """材料补齐: start a 补办件's clock, resume a paused one (adding the working days it stood still),
    or record a 容缺受理 supplement (a late one may bring a 失信 record)."""
    today = local_date(at)
    credit = None
    if case.status == CaseStatus.AWAITING_MATERIALS and case.deadline_on is None:
        deadline = _deadline(policy, case, accepted_on=local_date(case.accepted_at), materials_completed_on=today)
        if deadline.clock_starts_on is None:
            raise DomainError("POLICY_NO_ANSWER", {"reason": "the deadline rule starts no clock on complete materials"})
        case.materials_completed_on = deadline.clock_starts_on  # the day the rule starts the clock (nanbu: today)
        case.deadline_on = deadline.due_on
        case.deadline_rule_ids = [rule.id for rule in deadline.rules]
    elif case.status == CaseStatus.AWAITING_MATERIALS and case.paused_since is not None:
        paused = policy.working_days_between(case.paused_since, today)
        case.paused_working_days += paused
        case.deadline_on = policy.add_working_days(case.deadline_on, paused)
        case.paused_since = None
    elif case.status == CaseStatus.ACCEPTED and case.tolerance_acceptance and case.supplement_supplied_on is None:
        case.supplement_supplied_on = today
        credit = await _credit_if_due(session, policy=policy, case=case, supplied_on=today, as_of=today)
    else:
        raise DomainError("NOTHING_AWAITED")
    case.status = CaseStatus.ACCEPTED
    case.supplied_materials = list(item.materials or [])
    await session.execute(sa.update(CorrectionNotice).where(
        CorrectionNotice.case_id == case.id, CorrectionNotice.supplied_on.is_(None)).values(supplied_on=today))
    await session.flush()
    await outbox_service.record_case(session, case=case, event_type=EventType.CASE_MATERIALS_SUPPLIED)
    return credit


async def complete(session: AsyncSession, *, case: Case, outcome: str, at: datetime) -> None:
    """办结: the decision is made (准予 or 不予) and the case is closed."""
    if case.status != CaseStatus.ACCEPTED:
        raise _state_error(case, "办结", "completed")
    case.status = CaseStatus.COMPLETED
    case.outcome = CaseOutcome(outcome).value
    case.completed_at = at
    case.completed_on = local_date(at)
    await session.flush()
    await outbox_service.record_case(session, case=case, event_type=EventType.CASE_COMPLETED)


async def return_case(session: AsyncSession, *, case: Case, reason: str, at: datetime) -> None:
    """退件: the application does not qualify; it is returned with the reason."""
    if case.status not in OPEN_STATUSES:
        raise _state_error(case, "退回", "returned")
    case.status = CaseStatus.RETURNED
    case.closing_reason = reason
    case.paused_since = None
    case.completed_at = at
    case.completed_on = local_date(at)
    await session.flush()
    await outbox_service.record_case(session, case=case, event_type=EventType.CASE_RETURNED)


async def terminate(session: AsyncSession, *, policy: JurisdictionPolicy, case: Case, item: ServiceItem,
                    reason: str, on_request: bool, at: datetime) -> None:
    """终止办理, on the applicant's request or otherwise; repeated terminations feed the anomaly watch."""
    if case.status not in OPEN_STATUSES:
        raise _state_error(case, "终止", "terminated")
    case.status = CaseStatus.TERMINATED
    case.closing_reason = reason
    case.terminated_on_request = on_request
    case.paused_since = None
    case.completed_at = at
    case.completed_on = local_date(at)
    await session.flush()
    await outbox_service.record_case(session, case=case, event_type=EventType.CASE_TERMINATED)
    await watch_anomalies(session, policy=policy, hall_id=case.hall_id, item=item, as_of=local_date(at))


async def _credit_if_due(session: AsyncSession, *, policy: JurisdictionPolicy, case: Case,
                         supplied_on: date | None, as_of: date) -> CreditRecord | None:
    outcome = policy.deficiency_acceptance(case.supplement_due_on, as_of, supplied_on=supplied_on)
    if not outcome.credit_record:
        return None
    exists = (await session.execute(sa.select(CreditRecord.id).where(
        CreditRecord.case_id == case.id, CreditRecord.reason == CREDIT_REASON_TOLERANCE))).first()
    if exists:
        return None
    record = CreditRecord(case_id=case.id, hall_id=case.hall_id, applicant_name=case.applicant_name,
                          applicant_id_number=case.applicant_id_number, reason=CREDIT_REASON_TOLERANCE,
                          due_on=case.supplement_due_on, recorded_on=as_of,
                          rule_ids=[rule.id for rule in outcome.rules])
    session.add(record)
    await session.flush()
    return record


async def record_unmet_promise(session: AsyncSession, *, policy: JurisdictionPolicy, case: Case,
                               as_of: date) -> CreditRecord | None:
    """失信: a 容缺受理 applicant did not supply the materials by the due date (when the jurisdiction says so).

    The province hears that the case's promise was not kept (``case.supplement_overdue``), once; the
    credit record itself names the applicant and stays in the county.
    """
    if not case.tolerance_acceptance or case.supplement_due_on is None or case.supplement_supplied_on is not None:
        return None
    record = await _credit_if_due(session, policy=policy, case=case, supplied_on=None, as_of=as_of)
    if record is not None:
        await outbox_service.record_case(session, case=case, event_type=EventType.CASE_SUPPLEMENT_OVERDUE)
    return record


# --- anomaly watch (办件异常监控) --------------------------------------------------------------------


async def watch_anomalies(session: AsyncSession, *, policy: JurisdictionPolicy, hall_id: uuid.UUID,
                          item: ServiceItem, as_of: date) -> list[CaseAnomaly]:
    """Ask the jurisdiction's watch about the hall's recent cases of ``item``; open or update investigations.

    The cases read cover the watch window and the 30 days before ``as_of`` (the item's normal volume, R10);
    the jurisdiction admin's values of the configurable defaults go to the watch (one statement each)."""
    probe = policy.case_anomalies((), as_of)
    if not probe.enabled:
        return []
    configured = await jurisdiction_settings.load(session, jurisdiction=policy.jurisdiction)
    threshold = int(configured["case.anomaly.threshold"]) if "case.anomaly.threshold" in configured else None
    window_days = int(configured["case.anomaly.window_days"]) if "case.anomaly.window_days" in configured else None
    days = max(window_days or probe.window_days, NORMAL_VOLUME_DAYS + 1)
    since = datetime.combine(as_of - timedelta(days=days - 1), datetime.min.time(), SHANGHAI)
    rows = (await session.execute(
        sa.select(Case.id, Case.applicant_name, Case.applicant_id_number, Case.applicant_phone, Case.accepted_at,
                  Case.terminated_on_request)
        .where(Case.hall_id == hall_id, Case.item_id == item.id, Case.accepted_at >= since)
    )).all()
    activities = [
        CaseActivity(str(row.id), Applicant(row.applicant_name, row.applicant_id_number, row.applicant_phone).key,
                     item.code, local_date(row.accepted_at), row.terminated_on_request)
        for row in rows
    ]
    floor = configured.get("case.anomaly.volume_floor")
    report = policy.case_anomalies(activities, as_of, threshold=threshold, window_days=window_days,
                                   volume_multiple=configured.get("case.anomaly.volume_multiple"),
                                   volume_floor=int(floor) if floor is not None else None)
    opened = []
    for finding in report.findings:
        # open_key is unique and looked up, so it holds the applicant's blind index, never the key itself
        open_key = f"{finding.pattern}:{item.id}:{applicant_index(finding.applicant_id) or ''}"
        anomaly = (await session.execute(sa.select(CaseAnomaly).where(
            CaseAnomaly.hall_id == hall_id, CaseAnomaly.open_key == open_key))).scalar_one_or_none()
        if anomaly is None:
            anomaly = CaseAnomaly(hall_id=hall_id, pattern=finding.pattern, item_id=item.id,
                                  applicant_key=finding.applicant_id, open_key=open_key, detected_on=as_of,
                                  case_count=0, threshold=finding.threshold or report.threshold,
                                  window_days=report.window_days)
            session.add(anomaly)
        anomaly.case_count = finding.count
        anomaly.threshold = finding.threshold or report.threshold
        anomaly.case_ids = list(finding.case_ids)
        anomaly.last_detected_on = as_of
        anomaly.rule_ids = [rule.id for rule in report.rules]
        opened.append(anomaly)
    await session.flush()
    return opened


async def close_anomaly(session: AsyncSession, *, anomaly: CaseAnomaly, conclusion: str, at: datetime) -> None:
    """结案: the investigation's conclusion; a new pattern later opens a new investigation."""
    if anomaly.status != AnomalyStatus.OPEN:
        raise DomainError("ANOMALY_CLOSED")
    anomaly.status = AnomalyStatus.CLOSED
    anomaly.conclusion = conclusion
    anomaly.open_key = None
    anomaly.closed_at = at
    await session.flush()


# -- public progress look-up (办件进度查询, RULEBOOK §16 S3) ---------------------------------------------------

VERIFICATION = re.compile(r"^[0-9]{3}[0-9Xx]$")


async def find_for_progress_lookup(session: AsyncSession, *, serial: str, verification: str) -> Case | None:
    """The case with this 办件流水号 whose applicant's ID number or phone ends with ``verification`` (4 characters).

    The one place a citizen's verification is matched: through the blind indexes of the last four digits
    (``core.privacy.matches_last4``; ID numbers and phones are sealed at rest), in one statement. ``None``
    when the serial is unknown or the verification does not match, alike.
    """
    verification = (verification or "").strip()
    if not VERIFICATION.match(verification):
        return None
    stmt = sa.select(Case).where(
        Case.serial_number == (serial or "").strip(),
        matches_last4(verification, Case.applicant_id_last4_bidx, Case.applicant_phone_last4_bidx))
    return (await session.execute(stmt)).scalar_one_or_none()


def public_results_statement(*, hall_id: uuid.UUID, since: date | None, until: date | None, limit: int) -> sa.Select:
    """办件结果公示 of a hall (nanbu 公开制度 四): closed cases, newest first, with the item's name; one statement."""
    stmt = (sa.select(Case.serial_number, Case.applicant_name, Case.status, Case.outcome, Case.completed_on,
                      Case.category, ServiceItem.name.label("item_name"), ServiceItem.code.label("item_code"))
            .join(ServiceItem, ServiceItem.id == Case.item_id)
            .where(Case.hall_id == hall_id, Case.completed_on.is_not(None),
                   Case.status.in_((CaseStatus.COMPLETED, CaseStatus.RETURNED, CaseStatus.TERMINATED))))
    if since is not None:
        stmt = stmt.where(Case.completed_on >= since)
    if until is not None:
        stmt = stmt.where(Case.completed_on <= until)
    return stmt.order_by(Case.completed_on.desc(), Case.serial_number.desc()).limit(limit)
