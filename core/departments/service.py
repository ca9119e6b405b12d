"""Department services: create, update and close a department; station it in a hall (进驻) and take it out.

Each function validates, changes and flushes; nothing is half-changed because a
refusal raises before the first write. Closing or taking out something still in
use raises :class:`InUseError` naming every thing that uses it. Every change is
reported upward (上报): one ``department.*`` outbox event in the same transaction;
a refusal or a change that changes nothing reports none.
"""

from __future__ import annotations

import re
import uuid
from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.departments.models import Department, HallDepartment
from core.errors import DomainError, NotFoundError
from core.halls.models import Hall
from core.items.models import HallItem, HallItemStatus, ServiceItem
from core.outbox import service as outbox_service
from core.outbox.events import DEPARTMENT_FIELDS, EventType, pick
from core.staff.models import Staff, StaffStatus
from core.windows.models import Window

#: 统一社会信用代码 (GB 32100-2015): 18 characters of digits and capitals without I, O, S, V, Z.
CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
#: Staff who still serve a hall (not returned, not left).
SERVING_STAFF = (StaffStatus.PROPOSED, StaffStatus.RESERVE, StaffStatus.ON_DUTY, StaffStatus.ON_LEAVE)


class InUseError(DomainError):
    """Retiring or taking out something still in use: ``users`` names each thing that uses it."""

    def __init__(self, what: str, what_en: str, users: list[str], users_en: list[str] | None = None):
        super().__init__("IN_USE", {"what": what, "what_en": what_en, "users": "；".join(users),
                                    "users_en": "; ".join(users_en or users)})
        self.users = users
        self.users_en = users_en or users


def _invalid(field: str, label: str, reason: str, reason_en: str) -> DomainError:
    return DomainError("VALIDATION_FAILED", {"field": field, "field_label": label, "reason": reason,
                                             "reason_en": reason_en}, field_name=field)


def clean_credit_code(value: str | None) -> str | None:
    """A valid 统一社会信用代码 (check digit included), upper-cased; None for empty."""
    if value is None or not value.strip():
        return None
    code = value.strip().upper()
    if not CREDIT_CODE.match(code):
        raise _invalid("credit_code", "统一社会信用代码", "应为18位数字或大写字母", "must be 18 digits or capital letters")
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    total = sum(alphabet.index(c) * w for c, w in zip(code[:17], weights))
    if alphabet[(31 - total % 31) % 31] != code[17]:
        raise _invalid("credit_code", "统一社会信用代码", "校验码不正确", "has a wrong check character")
    return code


def _clean_name(value: str, field: str, label: str, limit: int) -> str:
    name = (value or "").strip()
    if not name:
        raise _invalid(field, label, "不能为空", "must not be empty")
    if len(name) > limit:
        raise _invalid(field, label, f"不能超过{limit}个字", f"must be at most {limit} characters")
    return name


# --- reading ------------------------------------------------------------------------------------------


async def get(session: AsyncSession, *, department_id: uuid.UUID, enabled: frozenset[str] | None = None) -> Department:
    """One department; NotFound when missing (or in a jurisdiction not enabled here)."""
    department = await session.get(Department, department_id)
    if department is None or (enabled is not None and department.jurisdiction_code not in enabled):
        raise NotFoundError("部门", "Department")
    return department


async def get_by_name(session: AsyncSession, *, jurisdiction: str, name: str) -> Department | None:
    """A department of the jurisdiction by its full or short name."""
    rows = (await session.execute(sa.select(Department).where(
        Department.jurisdiction_code == jurisdiction,
        sa.or_(Department.name == name, Department.short_name == name)))).scalars().all()
    return rows[0] if len(rows) == 1 else None


async def stationing(session: AsyncSession, *, hall_id: uuid.UUID, department_id: uuid.UUID) -> HallDepartment | None:
    return (await session.execute(sa.select(HallDepartment).where(
        HallDepartment.hall_id == hall_id, HallDepartment.department_id == department_id))).scalar_one_or_none()


# --- departments ---------------------------------------------------------------------------------------


async def create(session: AsyncSession, *, jurisdiction: str, name: str, short_name: str | None = None,
                 credit_code: str | None = None, parent_body: str | None = None) -> Department:
    """A new department of the jurisdiction; its name is unique there."""
    name = _clean_name(name, "name", "部门名称", 100)
    short = _clean_name(short_name or name, "short_name", "部门简称", 40) if short_name or len(name) <= 40 else name[:40]
    if await get_by_name(session, jurisdiction=jurisdiction, name=name):
        raise DomainError("DEPARTMENT_NAME_TAKEN", {"name": name}, "name")
    department = Department(jurisdiction_code=jurisdiction, name=name, short_name=short,
                            credit_code=clean_credit_code(credit_code),
                            parent_body=(parent_body or "").strip() or None)
    session.add(department)
    await session.flush()
    await outbox_service.record_department(session, department=department)
    return department


async def update(session: AsyncSession, *, department: Department, name: str | None = None,
                 short_name: str | None = None, credit_code: str | None = None,
                 parent_body: str | None = None) -> None:
    """Change the fields given (an empty credit code or parent body clears it)."""
    if department.closed_on is not None:
        raise DomainError("DEPARTMENT_CLOSED", {"name": department.name})
    before = pick(department, DEPARTMENT_FIELDS)
    if name is not None:
        name = _clean_name(name, "name", "部门名称", 100)
        other = await get_by_name(session, jurisdiction=department.jurisdiction_code, name=name)
        if other is not None and other.id != department.id:
            raise DomainError("DEPARTMENT_NAME_TAKEN", {"name": name}, "name")
        department.name = name
    if short_name is not None:
        department.short_name = _clean_name(short_name, "short_name", "部门简称", 40)
    if credit_code is not None:
        department.credit_code = clean_credit_code(credit_code)
    if parent_body is not None:
        department.parent_body = parent_body.strip() or None
    await session.flush()
    if pick(department, DEPARTMENT_FIELDS) != before:
        await outbox_service.record_department(session, department=department)


async def close(session: AsyncSession, *, department: Department, on: date) -> None:
    """撤销: refused while the department is stationed in a hall or owns an item offered anywhere."""
    if department.closed_on is not None:
        raise DomainError("DEPARTMENT_CLOSED", {"name": department.name})
    halls = (await session.execute(sa.select(Hall.name).join(HallDepartment, HallDepartment.hall_id == Hall.id)
                                   .where(HallDepartment.department_id == department.id).order_by(Hall.name))).scalars().all()
    items = (await session.execute(sa.select(sa.func.count()).select_from(HallItem).join(ServiceItem, ServiceItem.id == HallItem.item_id)
                                   .where(ServiceItem.department_id == department.id,
                                          HallItem.status == HallItemStatus.ACTIVE))).scalar_one()
    users = [f"进驻{name}" for name in halls] + ([f"{items}个进驻事项"] if items else [])
    users_en = [f"stationed in {name}" for name in halls] + ([f"{items} items offered in halls"] if items else [])
    if users:
        raise InUseError(f"部门“{department.name}”", f"department {department.name}", users, users_en)
    department.closed_on = on
    await session.flush()
    await outbox_service.record_department(session, department=department, event_type=EventType.DEPARTMENT_CLOSED)


# --- 进驻 ------------------------------------------------------------------------------------------------


async def station(session: AsyncSession, *, hall: Hall, department: Department, on: date,
                  chief_representative_id: uuid.UUID | None = None) -> HallDepartment:
    """进驻: put the department into the hall (or change its chief representative there)."""
    if department.closed_on is not None:
        raise DomainError("DEPARTMENT_CLOSED", {"name": department.name})
    if department.jurisdiction_code != hall.jurisdiction_code:
        raise _invalid("department_id", "部门", "不属于本大厅所在辖区", "belongs to another jurisdiction")
    if chief_representative_id is not None:
        chief = await session.get(Staff, chief_representative_id)
        if chief is None or chief.hall_id != hall.id or chief.department_id != department.id:
            raise _invalid("chief_representative_id", "首席代表", "须为该部门派驻本厅的工作人员",
                           "must be a staff member the department dispatched to this hall")
    row = await stationing(session, hall_id=hall.id, department_id=department.id)
    if row is None:
        row = HallDepartment(hall_id=hall.id, department_id=department.id, stationed_on=on,
                             chief_representative_id=chief_representative_id)
        session.add(row)
    elif chief_representative_id is None or chief_representative_id == row.chief_representative_id:
        return row  # stationed already, nothing changes (and nothing is reported)
    else:
        row.chief_representative_id = chief_representative_id
    await session.flush()
    await outbox_service.record_department(session, department=department, event_type=EventType.DEPARTMENT_STATIONED,
                                           hall_id=hall.id)
    return row


async def unstation(session: AsyncSession, *, hall: Hall, department: Department) -> None:
    """撤出: take the department out of the hall; refused while its staff, windows or items are still there."""
    row = await stationing(session, hall_id=hall.id, department_id=department.id)
    if row is None:
        raise DomainError("DEPARTMENT_NOT_IN_HALL")
    staff = (await session.execute(sa.select(sa.func.count()).select_from(Staff).where(
        Staff.hall_id == hall.id, Staff.department_id == department.id, Staff.status.in_(SERVING_STAFF)))).scalar_one()
    windows = (await session.execute(sa.select(Window.number).where(
        Window.hall_id == hall.id, Window.department_id == department.id, Window.retired_at.is_(None))
        .order_by(Window.number))).scalars().all()
    items = (await session.execute(sa.select(ServiceItem.name).join(HallItem, HallItem.item_id == ServiceItem.id).where(
        HallItem.hall_id == hall.id, HallItem.status == HallItemStatus.ACTIVE,
        ServiceItem.department_id == department.id).order_by(ServiceItem.name))).scalars().all()
    users, users_en = [], []
    if staff:
        users.append(f"{staff}名在厅工作人员")
        users_en.append(f"{staff} staff serving in the hall")
    if windows:
        users.append("窗口" + "、".join(windows))
        users_en.append("windows " + ", ".join(windows))
    if items:
        users.append(f"{len(items)}个进驻事项（{'、'.join(items[:3])}{'等' if len(items) > 3 else ''}）")
        users_en.append(f"{len(items)} items offered")
    if users:
        raise InUseError(f"部门“{department.name}”", f"department {department.name}", users, users_en)
    await session.delete(row)
    await session.flush()
    await outbox_service.record_department(session, department=department, event_type=EventType.DEPARTMENT_UNSTATIONED,
                                           hall_id=hall.id)
