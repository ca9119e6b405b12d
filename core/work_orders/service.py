"""12345 work order services: one function per step, plus the overdue report.

``receive`` · ``sign`` · ``reply`` · ``request_extension`` · ``decide_extension`` · ``send_back`` ·
``record_follow_up`` · ``close`` · ``overdue_condition`` · ``report_statement``.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.departments.models import Department, HallDepartment
from core.errors import DomainError
from core.policy import work_orders as rules
from core.policy.service import JurisdictionPolicy
from core.timezones import local_date
from core.work_orders.models import (
    OPEN_STATUSES,
    ExtensionStatus,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderEventKind,
    WorkOrderStatus,
)

CATEGORIES = ("投诉", "咨询", "求助", "建议", "举报")


def _text(value: str | None, *, field: str, label: str, max_length: int, required: bool = True) -> str | None:
    value = (value or "").strip()
    if not value:
        if required:
            raise DomainError("VALIDATION_FAILED", {"field": field, "field_label": label, "reason": "不能为空",
                                                    "reason_en": "must not be empty"})
        return None
    if len(value) > max_length:
        raise DomainError("VALIDATION_FAILED", {"field": field, "field_label": label,
                                                "reason": f"不能超过 {max_length} 字",
                                                "reason_en": f"at most {max_length} characters"})
    return value


def _state_error(order: WorkOrder, action: str, action_en: str) -> DomainError:
    status = WorkOrderStatus(order.status)
    return DomainError("WORK_ORDER_STATE_INVALID", {"number": order.number, "status": status.label,
                                                    "status_en": status.label_en.lower(), "action": action,
                                                    "action_en": action_en})


def _event(session: AsyncSession, order: WorkOrder, kind: WorkOrderEventKind, at: datetime,
           user_id: uuid.UUID | None, note: str | None = None) -> None:
    order.steps += 1
    session.add(WorkOrderEvent(work_order_id=order.id, sequence=order.steps, kind=kind, note=note, user_id=user_id,
                               at=at))


async def receive(session: AsyncSession, *, policy: JurisdictionPolicy, hall_id: uuid.UUID, department_id: uuid.UUID,
                  number: str, category: str, summary: str, content: str, caller_name: str | None,
                  caller_phone: str | None, case_serial_number: str | None, due_on: date | None,
                  user_id: uuid.UUID | None, at: datetime) -> WorkOrder:
    """接收: an order from the 12345 platform forwarded to a unit of the hall; deadlines from the working calendar."""
    number = _text(number, field="number", label="工单号", max_length=40)
    if category not in CATEGORIES:
        raise DomainError("VALIDATION_FAILED", {"field": "category", "field_label": "工单类别",
                                                "reason": "应为" + "、".join(CATEGORIES),
                                                "reason_en": "one of " + ", ".join(CATEGORIES)})
    in_hall = (await session.execute(sa.select(HallDepartment.id).where(
        HallDepartment.hall_id == hall_id, HallDepartment.department_id == department_id))).first()
    if in_hall is None:
        raise DomainError("VALIDATION_FAILED", {"field": "departmentId", "field_label": "承办单位",
                                                "reason": "不是本大厅的进驻单位",
                                                "reason_en": "is not a department of this hall"})
    if (await session.execute(sa.select(WorkOrder.id).where(WorkOrder.number == number))).first():
        raise DomainError("WORK_ORDER_EXISTS", {"number": number})
    received_on = local_date(at)
    if due_on is not None and due_on < received_on:
        raise DomainError("VALIDATION_FAILED", {"field": "dueOn", "field_label": "办理期限",
                                                "reason": "不能早于接收日期", "reason_en": "must not be before receipt"})
    policy_rules = policy.work_order_rules()
    sign_by, reply_by = rules.deadlines(policy_rules, policy.calendar, received_on, due_on)
    order = WorkOrder(
        number=number, hall_id=hall_id, department_id=department_id, category=category,
        summary=_text(summary, field="summary", label="摘要", max_length=200),
        content=_text(content, field="content", label="诉求内容", max_length=4000),
        caller_name=_text(caller_name, field="callerName", label="来电人", max_length=100, required=False),
        caller_phone=_text(caller_phone, field="callerPhone", label="来电号码", max_length=20, required=False),
        case_serial_number=_text(case_serial_number, field="caseSerialNumber", label="办件流水号", max_length=40,
                                 required=False),
        received_at=at, received_on=received_on, sign_by=sign_by, due_on=reply_by, original_due_on=reply_by,
        rule_ids=[r.id for r in policy_rules.rules])
    session.add(order)
    await session.flush()
    _event(session, order, WorkOrderEventKind.RECEIVED, at, user_id)
    await session.flush()
    return order


async def sign(session: AsyncSession, *, order: WorkOrder, user_id: uuid.UUID | None, at: datetime) -> None:
    """签收: the unit takes the order on; late when after its sign-by day."""
    if order.status != WorkOrderStatus.RECEIVED:
        raise _state_error(order, "签收", "signed for")
    order.status, order.signed_at = WorkOrderStatus.SIGNED, at
    order.signed_late = local_date(at) > order.sign_by
    _event(session, order, WorkOrderEventKind.SIGNED, at, user_id)
    await session.flush()


async def reply(session: AsyncSession, *, order: WorkOrder, text: str, user_id: uuid.UUID | None,
                at: datetime) -> None:
    """答复: the unit's answer; after the deadline it still counts as overdue."""
    if order.status != WorkOrderStatus.SIGNED:
        raise _state_error(order, "答复", "replied")
    order.reply = _text(text, field="reply", label="答复内容", max_length=4000)
    order.status, order.replied_at, order.replied_on = WorkOrderStatus.REPLIED, at, local_date(at)
    if order.extension_status == ExtensionStatus.REQUESTED:  # answered anyway: the request lapses
        order.extension_status = None
    _event(session, order, WorkOrderEventKind.REPLIED, at, user_id, order.reply)
    await session.flush()


async def request_extension(session: AsyncSession, *, policy: JurisdictionPolicy, order: WorkOrder, days: int,
                            reason: str, user_id: uuid.UUID | None, at: datetime) -> None:
    """申请延期: before the deadline, within the jurisdiction's limits; the hall office decides."""
    if order.status != WorkOrderStatus.SIGNED:
        raise _state_error(order, "申请延期", "extended")
    policy_rules = policy.work_order_rules()
    if order.extension_status == ExtensionStatus.REQUESTED:
        raise DomainError("WORK_ORDER_EXTENSION_PENDING", {"number": order.number})
    if order.extensions >= policy_rules.max_extensions:
        raise DomainError("WORK_ORDER_NOT_EXTENDABLE", {"number": order.number, "count": policy_rules.max_extensions,
                                                        "rule": ", ".join(r.id for r in policy_rules.rules)})
    if local_date(at) > order.due_on:
        raise DomainError("WORK_ORDER_OVERDUE", {"number": order.number, "due_on": order.due_on.isoformat()})
    if not 1 <= days <= policy_rules.max_extension_days:
        raise DomainError("VALIDATION_FAILED", {"field": "days", "field_label": "延期天数",
                                                "reason": f"应在 1 到 {policy_rules.max_extension_days} 个工作日之间",
                                                "reason_en": f"between 1 and {policy_rules.max_extension_days} "
                                                             "working days"})
    order.extension_reason = _text(reason, field="reason", label="延期理由", max_length=1000)
    order.extension_status, order.extension_days = ExtensionStatus.REQUESTED, days
    _event(session, order, WorkOrderEventKind.EXTENSION_REQUESTED, at, user_id, f"{days}: {order.extension_reason}")
    await session.flush()


async def decide_extension(session: AsyncSession, *, policy: JurisdictionPolicy, order: WorkOrder, approve: bool,
                           note: str | None, user_id: uuid.UUID | None, at: datetime) -> None:
    """延期审批: approved, the deadline moves by the days asked (working days); denied, it stays."""
    if order.extension_status != ExtensionStatus.REQUESTED:
        raise DomainError("WORK_ORDER_NO_EXTENSION_REQUEST", {"number": order.number})
    if approve:
        order.due_on = policy.add_working_days(order.due_on, order.extension_days)
        order.extensions += 1
    order.extension_status = ExtensionStatus.APPROVED if approve else ExtensionStatus.DENIED
    _event(session, order, WorkOrderEventKind.EXTENSION_DECIDED, at, user_id,
           ("准予" if approve else "不准") + (f": {note.strip()}" if note and note.strip() else ""))
    await session.flush()


async def send_back(session: AsyncSession, *, order: WorkOrder, reason: str, user_id: uuid.UUID | None,
                    at: datetime) -> None:
    """退单: not this unit's remit; back to the hall office with the reason."""
    if order.status not in OPEN_STATUSES:
        raise _state_error(order, "退单", "sent back")
    order.sent_back_reason = _text(reason, field="reason", label="退单理由", max_length=1000)
    order.status = WorkOrderStatus.SENT_BACK
    _event(session, order, WorkOrderEventKind.SENT_BACK, at, user_id, order.sent_back_reason)
    await session.flush()


async def record_follow_up(session: AsyncSession, *, order: WorkOrder, satisfied: bool, note: str | None,
                           user_id: uuid.UUID | None, at: datetime) -> None:
    """回访: the caller was called back about the reply."""
    if order.status != WorkOrderStatus.REPLIED:
        raise _state_error(order, "回访", "followed up")
    order.follow_up_satisfied, order.followed_up_at = satisfied, at
    order.follow_up_note = _text(note, field="note", label="回访记录", max_length=1000, required=False)
    _event(session, order, WorkOrderEventKind.FOLLOWED_UP, at, user_id,
           ("满意" if satisfied else "不满意") + (f": {order.follow_up_note}" if order.follow_up_note else ""))
    await session.flush()


async def close(session: AsyncSession, *, order: WorkOrder, user_id: uuid.UUID | None, at: datetime) -> None:
    """办结: a replied order after its follow-up call, or a sent-back one."""
    if order.status == WorkOrderStatus.REPLIED and order.followed_up_at is None:
        raise DomainError("WORK_ORDER_FOLLOW_UP_MISSING", {"number": order.number})
    if order.status not in (WorkOrderStatus.REPLIED, WorkOrderStatus.SENT_BACK):
        raise _state_error(order, "办结", "closed")
    order.status, order.closed_at = WorkOrderStatus.CLOSED, at
    _event(session, order, WorkOrderEventKind.CLOSED, at, user_id)
    await session.flush()


def overdue_condition(as_of: date) -> sa.ColumnElement[bool]:
    """超期: replied after the deadline, or still open past it (sent-back orders are not the unit's)."""
    return sa.or_(
        sa.and_(WorkOrder.replied_on.is_not(None), WorkOrder.replied_on > WorkOrder.due_on),
        sa.and_(WorkOrder.status.in_([str(s) for s in OPEN_STATUSES]), WorkOrder.due_on < as_of),
    )


def is_overdue(order: WorkOrder, as_of: date) -> bool:
    if order.replied_on is not None:
        return order.replied_on > order.due_on
    return order.status in OPEN_STATUSES and order.due_on < as_of


def report_statement(*, hall_id: uuid.UUID, since: date, until: date, as_of: date) -> sa.Select:
    """超期工单通报: per unit, orders received in the period, replied on time, overdue, extended, sent back."""
    overdue = overdue_condition(as_of)

    def count_if(condition):
        return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)

    return (sa.select(Department.id, Department.name, sa.func.count(WorkOrder.id).label("received"),
                      count_if(sa.and_(WorkOrder.replied_on.is_not(None),
                                       WorkOrder.replied_on <= WorkOrder.due_on)).label("on_time"),
                      count_if(overdue).label("overdue"),
                      count_if(WorkOrder.extensions > 0).label("extended"),
                      count_if(WorkOrder.sent_back_reason.is_not(None)).label("sent_back"),
                      count_if(WorkOrder.signed_late.is_(True)).label("signed_late"))
            .join(Department, Department.id == WorkOrder.department_id)
            .where(WorkOrder.hall_id == hall_id, WorkOrder.received_on >= since, WorkOrder.received_on <= until)
            .group_by(Department.id, Department.name)
            .order_by(sa.desc("overdue"), Department.name))
