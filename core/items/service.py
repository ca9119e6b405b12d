"""Service item services: the catalogue, and an item's entry into, change in and withdrawal from a hall.

One function per kind of change: ``request_entry`` · ``request_change`` ·
``request_withdrawal`` (the owning department asks) · ``approve`` · ``reject``
(the approver the jurisdiction's policy names decides). Approval applies the
change and, where the policy says so, publishes the notice (公示), and reports
the item and the halls offering it upward (上报, ``core.outbox``) in the same
transaction. Requests and rejections change no hall's offer and are not reported.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.departments.models import Department, HallDepartment
from core.errors import DomainError
from core.halls.models import Hall
from core.items.models import (
    HallItem,
    HallItemRequest,
    HallItemStatus,
    ItemChange,
    ItemNotice,
    ItemType,
    RequestStatus,
    ServiceItem,
)
from core.outbox import service as outbox_service
from core.outbox.events import EventType
from core.policy.service import JurisdictionPolicy
from core.timezones import to_local

#: Fields of an item a change request may set, with their Chinese names (for the notice).
CHANGEABLE = {
    "name": "事项名称",
    "legal_limit_days": "法定办结时限（工作日）",
    "promised_limit_days": "承诺办结时限（工作日）",
    "materials": "申请材料",
    "fee": "收费标准（元）",
    "fee_basis": "收费依据",
    "legal_basis": "设定依据",
    "tolerance_acceptance_allowed": "容缺受理",
}
NEW_ITEM_REQUIRED = ("code", "catalog_code", "name", "type")
#: The event an approved change is reported as.
APPROVAL_EVENTS = {ItemChange.ENTRY: EventType.SERVICE_ITEM_ENTERED, ItemChange.CHANGE: EventType.SERVICE_ITEM_CHANGED,
                   ItemChange.WITHDRAWAL: EventType.SERVICE_ITEM_WITHDRAWN}


def _invalid(field: str, label: str, reason: str, reason_en: str) -> DomainError:
    return DomainError("VALIDATION_FAILED", {"field": field, "field_label": label, "reason": reason,
                                             "reason_en": reason_en}, field_name=field)


# --- reading ---------------------------------------------------------------------------------------


def list_statement(*, jurisdiction_codes: list[str], department_id: uuid.UUID | None = None,
                   hall_id: uuid.UUID | None = None, item_type: str | None = None,
                   search: str | None = None) -> sa.Select:
    """Catalogue items of the given (enabled) jurisdictions, optionally those offered in a hall."""
    stmt = sa.select(ServiceItem.__table__).where(ServiceItem.jurisdiction_code.in_(jurisdiction_codes))
    if department_id is not None:
        stmt = stmt.where(ServiceItem.department_id == department_id)
    if hall_id is not None:
        stmt = stmt.where(ServiceItem.id.in_(sa.select(HallItem.item_id).where(
            HallItem.hall_id == hall_id, HallItem.status == HallItemStatus.ACTIVE)))
    if item_type:
        stmt = stmt.where(ServiceItem.type == item_type)
    if search:
        term = search.strip()
        stmt = stmt.where(sa.or_(ServiceItem.name.contains(term, autoescape=True),
                                 ServiceItem.code.contains(term, autoescape=True),
                                 ServiceItem.catalog_code.contains(term, autoescape=True)))
    return stmt


async def offered(session: AsyncSession, *, hall_id: uuid.UUID, item_id: uuid.UUID) -> HallItem | None:
    return (await session.execute(sa.select(HallItem).where(
        HallItem.hall_id == hall_id, HallItem.item_id == item_id))).scalar_one_or_none()


# --- validating what a department proposes ------------------------------------------------------------


def clean_fields(values: dict, *, new_item: bool) -> dict:
    """JSON-safe, validated item fields (only those given)."""
    result: dict = {}
    for key, value in values.items():
        if value is None:
            continue
        if key in ("code", "catalog_code", "name", "fee_basis", "legal_basis"):
            value = str(value).strip()
            if not value and key in NEW_ITEM_REQUIRED + ("name",):
                raise _invalid(key, CHANGEABLE.get(key, key), "不能为空", "must not be empty")
            result[key] = value or None
        elif key == "type":
            result[key] = ItemType(value).value
        elif key in ("legal_limit_days", "promised_limit_days"):
            if int(value) < 0:
                raise _invalid(key, CHANGEABLE[key], "不能为负数", "must not be negative")
            result[key] = int(value)
        elif key == "materials":
            materials = [str(m).strip() for m in value if str(m).strip()]
            if len(set(materials)) != len(materials):
                raise _invalid(key, CHANGEABLE[key], "材料名称重复", "lists a material twice")
            result[key] = materials
        elif key == "fee":
            try:
                fee = Decimal(str(value))
            except InvalidOperation:
                raise _invalid(key, CHANGEABLE[key], "不是金额", "is not an amount") from None
            if fee < 0:
                raise _invalid(key, CHANGEABLE[key], "不能为负数", "must not be negative")
            result[key] = str(fee.quantize(Decimal("0.01")))
        elif key == "tolerance_acceptance_allowed":
            result[key] = bool(value)
    if new_item:
        missing = [key for key in NEW_ITEM_REQUIRED if key not in result]
        if missing:
            raise _invalid(missing[0], missing[0], "新事项须填写", "is required for a new item")
    legal, promised = result.get("legal_limit_days"), result.get("promised_limit_days")
    if legal is not None and promised is not None and promised > legal:
        raise _invalid("promised_limit_days", CHANGEABLE["promised_limit_days"], "不能超过法定办结时限",
                       "must not exceed the legal time limit")
    return result


async def _check_stationed(session: AsyncSession, *, hall: Hall, department: Department) -> None:
    stationed = (await session.execute(sa.select(HallDepartment.id).where(
        HallDepartment.hall_id == hall.id, HallDepartment.department_id == department.id))).first()
    if stationed is None or department.jurisdiction_code != hall.jurisdiction_code:
        raise _invalid("departmentId", "部门", f"{department.name}未进驻{hall.name}",
                       f"{department.name} is not stationed in {hall.name}")


async def _check_no_pending(session: AsyncSession, *, hall_id: uuid.UUID, item_id: uuid.UUID | None,
                            code: str | None, name: str) -> None:
    condition = (HallItemRequest.item_id == item_id if item_id is not None
                 else HallItemRequest.proposed["code"].as_string() == code)
    pending = (await session.execute(sa.select(HallItemRequest.id).where(
        HallItemRequest.hall_id == hall_id, HallItemRequest.status == RequestStatus.PENDING, condition))).first()
    if pending is not None:
        raise DomainError("ITEM_REQUEST_PENDING", {"item": name})


def _request(policy: JurisdictionPolicy, change: ItemChange, **fields) -> HallItemRequest:
    approval = policy.item_change_approval(change.value)
    return HallItemRequest(change=change, approver_role=approval.approver.role, approver_title=approval.approver.title,
                           public_notice_required=approval.public_notice_required,
                           rule_ids=[rule.id for rule in approval.rules], **fields)


# --- the changes --------------------------------------------------------------------------------------


async def request_entry(session: AsyncSession, *, policy: JurisdictionPolicy, hall: Hall, department: Department,
                        item: ServiceItem | None, new_item: dict | None, reason: str, user_id: uuid.UUID | None,
                        at: datetime) -> HallItemRequest:
    """进驻申请: an item of the department's (or a new one of its catalogue) to be offered in the hall."""
    await _check_stationed(session, hall=hall, department=department)
    if item is not None:
        if item.department_id != department.id:
            raise DomainError("ITEM_NOT_OF_DEPARTMENT", {"item": item.name, "department": department.name})
        current = await offered(session, hall_id=hall.id, item_id=item.id)
        if current is not None and current.status == HallItemStatus.ACTIVE:
            raise DomainError("ITEM_ALREADY_OFFERED", {"item": item.name})
        proposed, name = {}, item.name
    else:
        proposed = clean_fields(new_item or {}, new_item=True)
        taken = (await session.execute(sa.select(ServiceItem.id).where(ServiceItem.code == proposed["code"]))).first()
        if taken is not None:
            raise DomainError("ITEM_CODE_TAKEN", {"code": proposed["code"]}, field_name="code")
        name = proposed["name"]
    await _check_no_pending(session, hall_id=hall.id, item_id=item.id if item else None,
                            code=proposed.get("code"), name=name)
    request = _request(policy, ItemChange.ENTRY, hall_id=hall.id, department_id=department.id,
                       item_id=item.id if item else None, proposed=proposed, reason=reason,
                       requested_by_user_id=user_id, requested_at=at)
    session.add(request)
    await session.flush()
    return request


async def request_change(session: AsyncSession, *, policy: JurisdictionPolicy, hall: Hall, department: Department,
                         item: ServiceItem, changes: dict, reason: str, user_id: uuid.UUID | None,
                         at: datetime) -> HallItemRequest:
    """调整申请: new time limits, materials, fees or basis for an item offered in the hall."""
    await _check_stationed(session, hall=hall, department=department)
    current = await offered(session, hall_id=hall.id, item_id=item.id)
    if current is None or current.status != HallItemStatus.ACTIVE:
        raise DomainError("ITEM_NOT_OFFERED", {"item": item.name})
    cleaned = clean_fields(changes, new_item=False)
    existing = {key: _json_value(getattr(item, key)) for key in cleaned}
    proposed = {key: value for key, value in cleaned.items() if existing[key] != value}
    if not proposed:
        raise DomainError("NOTHING_TO_CHANGE")
    legal = proposed.get("legal_limit_days", item.legal_limit_days)
    promised = proposed.get("promised_limit_days", item.promised_limit_days)
    if legal is not None and promised is not None and promised > legal:
        raise _invalid("promisedLimitDays", CHANGEABLE["promised_limit_days"], "不能超过法定办结时限",
                       "must not exceed the legal time limit")
    await _check_no_pending(session, hall_id=hall.id, item_id=item.id, code=None, name=item.name)
    request = _request(policy, ItemChange.CHANGE, hall_id=hall.id, department_id=department.id, item_id=item.id,
                       proposed=proposed, reason=reason, requested_by_user_id=user_id, requested_at=at)
    session.add(request)
    await session.flush()
    return request


async def request_withdrawal(session: AsyncSession, *, policy: JurisdictionPolicy, hall: Hall,
                             department: Department, item: ServiceItem, reason: str, user_id: uuid.UUID | None,
                             at: datetime) -> HallItemRequest:
    """撤出申请 (dongguan 6.1.6a): the item will no longer be handled in the hall."""
    await _check_stationed(session, hall=hall, department=department)
    current = await offered(session, hall_id=hall.id, item_id=item.id)
    if current is None or current.status != HallItemStatus.ACTIVE:
        raise DomainError("ITEM_NOT_OFFERED", {"item": item.name})
    await _check_no_pending(session, hall_id=hall.id, item_id=item.id, code=None, name=item.name)
    request = _request(policy, ItemChange.WITHDRAWAL, hall_id=hall.id, department_id=department.id, item_id=item.id,
                       proposed={}, reason=reason, requested_by_user_id=user_id, requested_at=at)
    session.add(request)
    await session.flush()
    return request


def _check_pending(request: HallItemRequest) -> None:
    if request.status != RequestStatus.PENDING:
        status = RequestStatus(request.status)
        raise DomainError("ITEM_REQUEST_DECIDED", {"status": status.label, "status_en": status.label_en.lower()})


async def approve(session: AsyncSession, *, request: HallItemRequest, hall: Hall, user_id: uuid.UUID | None,
                  note: str | None, at: datetime) -> tuple[ServiceItem, ItemNotice | None]:
    """批准: apply the change; publish the notice (公示) where the policy requires one."""
    _check_pending(request)
    today = to_local(at).date()
    change = ItemChange(request.change)
    if change is ItemChange.ENTRY and request.item_id is None:
        fields = dict(request.proposed)
        if fields.get("fee") is not None:
            fields["fee"] = Decimal(fields["fee"])
        item = ServiceItem(jurisdiction_code=hall.jurisdiction_code, department_id=request.department_id, **fields)
        session.add(item)
        await session.flush()
        request.item_id = item.id
    else:
        item = await session.get(ServiceItem, request.item_id, with_for_update=True)
    current = await offered(session, hall_id=hall.id, item_id=item.id)
    before = None
    if change is ItemChange.ENTRY:
        if current is None:
            session.add(HallItem(hall_id=hall.id, item_id=item.id, status=HallItemStatus.ACTIVE, since=today))
        else:
            current.status, current.since = HallItemStatus.ACTIVE, today
    elif change is ItemChange.CHANGE:
        before = {key: _json_value(getattr(item, key)) for key in request.proposed}
        for key, value in request.proposed.items():
            setattr(item, key, Decimal(value) if key == "fee" and value is not None else value)
    else:
        if current is None or current.status != HallItemStatus.ACTIVE:
            raise DomainError("ITEM_NOT_OFFERED", {"item": item.name})
        current.status = HallItemStatus.WITHDRAWN
    request.status = RequestStatus.APPROVED
    request.decided_by_user_id, request.decided_at, request.decision_note = user_id, at, note
    notice = None
    if request.public_notice_required:
        notice = ItemNotice(hall_id=hall.id, item_id=item.id, request_id=request.id, change=change,
                            title=_notice_title(change, item, hall),
                            content=_notice_content(change, item, hall, request, before, today),
                            published_on=today)
        session.add(notice)
    await session.flush()
    await outbox_service.record_service_item(session, item=item, event_type=APPROVAL_EVENTS[change], hall_id=hall.id)
    return item, notice


async def reject(session: AsyncSession, *, request: HallItemRequest, user_id: uuid.UUID | None, note: str,
                 at: datetime) -> None:
    """不予批准, with the reason."""
    _check_pending(request)
    request.status = RequestStatus.REJECTED
    request.decided_by_user_id, request.decided_at, request.decision_note = user_id, at, note
    await session.flush()


def _notice_title(change: ItemChange, item: ServiceItem, hall: Hall) -> str:
    if change is ItemChange.ENTRY:
        return f"关于{item.name}进驻{hall.name}的公示"
    if change is ItemChange.CHANGE:
        return f"关于{hall.name}{item.name}事项调整的公示"
    return f"关于{item.name}撤出{hall.name}的公示"


def _notice_content(change: ItemChange, item: ServiceItem, hall: Hall, request: HallItemRequest, before: dict | None,
                    today: date) -> str:
    lines = [f"事项名称：{item.name}（实施编码 {item.code}，事项编码 {item.catalog_code}）",
             f"事项类型：{ItemType(item.type).label}"]
    if change is ItemChange.ENTRY:
        lines.append(f"自{today:%Y年%m月%d日}起在{hall.name}受理。")
        if item.promised_limit_days is not None:
            lines.append(f"承诺办结时限：{item.promised_limit_days}个工作日")
        if item.materials:
            lines.append("申请材料：" + "、".join(item.materials))
    elif change is ItemChange.CHANGE:
        for key, value in request.proposed.items():
            lines.append(f"{CHANGEABLE[key]}：由“{_shown(before.get(key))}”调整为“{_shown(value)}”")
        lines.append(f"自{today:%Y年%m月%d日}起施行。")
    else:
        lines.append(f"自{today:%Y年%m月%d日}起不再在{hall.name}受理。")
    lines.append(f"调整原因：{request.reason}")
    lines.append(f"批准机关：{request.approver_title}")
    return "\n".join(lines)


def _shown(value) -> str:
    if value is None:
        return "无"
    if isinstance(value, list):
        return "、".join(value) or "无"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _json_value(value):
    if isinstance(value, Decimal):
        return str(value.quantize(Decimal("0.01")))
    if isinstance(value, list):
        return list(value)
    return value
