"""Window posts (AB岗) and responsibility: when the A member leaves the post, the B member holds the window.

Who is responsible for a window at a moment is computed, never stored: the A
member if on the post; else, while A is away on leave, the substitute the
leave named (if on the post), else the first B member on the post; with
nobody on the post, the department's chief representative (首席代表, who is
answerable for the department's windows, jiedong Art 6). Every change of
holder is logged as a :class:`WindowHandover`.

A change of a window's posts (``assign``, ``vacate``) is reported upward (上报,
``core.outbox``) with the posts after it and the handovers it logged. Temporary
handovers while a member is on leave are the hall's own affair and are not.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import DomainError, NotFoundError
from core.outbox import service as outbox_service
from core.outbox.events import EventType
from core.staff.models import Staff, StaffStatus
from core.windows.models import HandoverReason, PostRole, Window, WindowAssignment, WindowHandover


class Basis(enum.Enum):
    """Why someone holds a window now."""

    A_ON_POST = "a_on_post"
    SUBSTITUTE = "substitute"
    B_STANDS_IN = "b_stands_in"
    CHIEF_REPRESENTATIVE = "chief_representative"
    NOBODY = "nobody"


BASIS_LABELS = {
    Basis.A_ON_POST: "A岗在岗",
    Basis.SUBSTITUTE: "A岗请假，由指定替岗人员负责",
    Basis.B_STANDS_IN: "A岗不在岗，由B岗负责",
    Basis.CHIEF_REPRESENTATIVE: "窗口人员均不在岗，由首席代表负责",
    Basis.NOBODY: "无人负责（窗口无人员且未设首席代表）",
}


@dataclass(frozen=True)
class Responsibility:
    staff: Any | None  # a staff row
    basis: Basis
    leave: Any | None = None  # the absence that moved responsibility, if any


def on_post(staff, absences: Mapping[uuid.UUID, Any]) -> bool:
    """On duty and not away on an approved or reported absence."""
    return staff is not None and staff.status == StaffStatus.ON_DUTY and staff.id not in absences


def responsible(
    posts: Sequence[Any],
    absences: Mapping[uuid.UUID, Any],
    substitutes: Mapping[uuid.UUID, Any],
    chief_representative: Any | None,
) -> Responsibility:
    """Who holds the window, from its posts (staff rows with ``post_role``, A first) and who is away.

    :param absences: staff id → the absence (leave row) keeping them off the post now.
    :param substitutes: staff id → staff row of each substitute named by those absences.
    """
    holders = [p for p in posts if p.status == StaffStatus.ON_DUTY]
    a_members = [p for p in holders if p.post_role == PostRole.A]
    for member in a_members:
        if on_post(member, absences):
            return Responsibility(member, Basis.A_ON_POST)
    for member in a_members:
        leave = absences.get(member.id)
        substitute = substitutes.get(leave.substitute_staff_id) if leave and leave.substitute_staff_id else None
        if on_post(substitute, absences):
            return Responsibility(substitute, Basis.SUBSTITUTE, leave)
    away = absences.get(a_members[0].id) if a_members else None
    for member in holders:
        if member.post_role == PostRole.B and on_post(member, absences):
            return Responsibility(member, Basis.B_STANDS_IN, away)
    if chief_representative is not None:
        return Responsibility(chief_representative, Basis.CHIEF_REPRESENTATIVE, away)
    return Responsibility(None, Basis.NOBODY, away)


# --- reading ----------------------------------------------------------------------


async def posts_of_windows(session: AsyncSession, *, window_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list]:
    """Staff rows with ``post_role`` per window, A first (one statement)."""
    rows = (await session.execute(
        sa.select(Staff.__table__, WindowAssignment.window_id.label("post_window_id"),
                  WindowAssignment.role.label("post_role"))
        .join(WindowAssignment, WindowAssignment.staff_id == Staff.id)
        .where(WindowAssignment.window_id.in_(window_ids))
        .order_by(WindowAssignment.role, Staff.staff_number)
    )).all()
    result: dict[uuid.UUID, list] = {window_id: [] for window_id in window_ids}
    for row in rows:
        result[row.post_window_id].append(row)
    return result


async def assignments_of(session: AsyncSession, *, staff_id: uuid.UUID) -> list[WindowAssignment]:
    """The posts a staff member holds."""
    return list((await session.execute(
        sa.select(WindowAssignment).where(WindowAssignment.staff_id == staff_id).order_by(WindowAssignment.role)
    )).scalars())


async def get_window(session: AsyncSession, *, window_id: uuid.UUID) -> Window:
    window = await session.get(Window, window_id)
    if window is None:
        raise NotFoundError("窗口", "Window")
    return window


# --- status ---------------------------------------------------------------------------


async def set_status(session: AsyncSession, *, window: Window, status: str, at: datetime) -> None:
    """服务中 / 请您稍候 / 暂停服务 (panyu Art 13), as shown to the public; reported upward."""
    if window.retired_at is not None:
        raise DomainError("WINDOW_RETIRED", {"number": window.number})
    window.status = status
    window.status_changed_at = at
    await session.flush()
    await outbox_service.record_window(session, window=window, event_type=EventType.WINDOW_STATUS_CHANGED)


# --- handovers ------------------------------------------------------------------------


def log_handover(session: AsyncSession, *, window_id: uuid.UUID, hall_id: uuid.UUID, from_staff_id, to_staff_id,
                 reason: HandoverReason, starts_at: datetime, ends_at: datetime | None = None,
                 leave_request_id: uuid.UUID | None = None) -> WindowHandover:
    """Record who holds the window from ``starts_at`` (until ``ends_at`` for a temporary handover)."""
    handover = WindowHandover(window_id=window_id, hall_id=hall_id, from_staff_id=from_staff_id,
                              to_staff_id=to_staff_id, reason=reason, starts_at=starts_at, ends_at=ends_at,
                              leave_request_id=leave_request_id)
    session.add(handover)
    return handover


async def end_leave_handovers(session: AsyncSession, *, leave_request_id: uuid.UUID, at: datetime) -> None:
    """A leave ended early (销假) or was cancelled: its handovers end at ``at`` (never before they started)."""
    handovers = (await session.execute(
        sa.select(WindowHandover).where(WindowHandover.leave_request_id == leave_request_id)
    )).scalars()
    for handover in handovers:
        end = max(at, handover.starts_at)
        if handover.ends_at is None or end < handover.ends_at:
            handover.ends_at = end


# --- posts ------------------------------------------------------------------------------


async def assign(session: AsyncSession, *, window: Window, staff: Staff, role: PostRole, at: datetime) -> dict:
    """Put ``staff`` on ``window`` in ``role``; a previous A member becomes B (a logged handover).

    :return: what changed, for the audit log.
    """
    if staff.hall_id != window.hall_id:
        raise DomainError("STAFF_NOT_IN_HALL")
    if staff.status != StaffStatus.ON_DUTY:
        raise DomainError("STAFF_NOT_ON_DUTY", {"status": StaffStatus(staff.status).label})
    posts = (await session.execute(
        sa.select(WindowAssignment).where(WindowAssignment.window_id == window.id)
    )).scalars().all()
    mine = next((p for p in posts if p.staff_id == staff.id), None)
    changes = {"window": str(window.id), "staff": str(staff.id), "role": role.value,
               "before": mine.role if mine else None}
    handovers = []
    if role == PostRole.A:
        for post in posts:
            if post.role == PostRole.A and post.staff_id != staff.id:
                post.role = PostRole.B
                changes["demoted_to_b"] = str(post.staff_id)
                handovers.append(log_handover(session, window_id=window.id, hall_id=window.hall_id,
                                              from_staff_id=post.staff_id, to_staff_id=staff.id,
                                              reason=HandoverReason.REASSIGNED, starts_at=at))
    if mine is None:
        session.add(WindowAssignment(window_id=window.id, staff_id=staff.id, role=role))
    else:
        mine.role = role
    await session.flush()
    if mine is None or changes["before"] != role or handovers:  # putting A on A again changes nothing
        await outbox_service.record_window_posts(session, window=window, handovers=handovers)
    return changes


async def vacate(session: AsyncSession, *, staff: Staff, reason: HandoverReason, at: datetime,
                 successor_id: uuid.UUID | None = None, window_ids: Sequence[uuid.UUID] | None = None) -> list[dict]:
    """Take ``staff`` off their posts (all, or ``window_ids``); where they were A, a B member takes over.

    The successor is ``successor_id`` when they hold a post on that window, else the first B member on duty.
    :return: one entry per window left, for the audit log.
    """
    mine = await assignments_of(session, staff_id=staff.id)
    if window_ids is not None:
        mine = [a for a in mine if a.window_id in set(window_ids)]
    left = []
    changed_windows = []
    for assignment in mine:
        window = await session.get(Window, assignment.window_id)
        successor = None
        handovers = []
        if assignment.role == PostRole.A:
            others = (await session.execute(
                sa.select(WindowAssignment, Staff.status)
                .join(Staff, Staff.id == WindowAssignment.staff_id)
                .where(WindowAssignment.window_id == window.id, WindowAssignment.staff_id != staff.id)
                .order_by(WindowAssignment.role, Staff.staff_number)
            )).all()
            candidates = [a for a, status in others if status == StaffStatus.ON_DUTY]
            preferred = [a for a in candidates if a.staff_id == successor_id]
            successor = (preferred or [a for a in candidates if a.role == PostRole.B] or [None])[0]
            if successor is not None:
                successor.role = PostRole.A
            handovers.append(log_handover(session, window_id=window.id, hall_id=window.hall_id, from_staff_id=staff.id,
                                          to_staff_id=successor.staff_id if successor else None, reason=reason,
                                          starts_at=at))
        left.append({"window": str(window.id), "role": assignment.role,
                     "successor": str(successor.staff_id) if successor else None})
        changed_windows.append((window, handovers))
        await session.delete(assignment)
    await session.flush()
    for window, handovers in changed_windows:
        await outbox_service.record_window_posts(session, window=window, handovers=handovers)
    return left


# --- set-up: create, update, renumber, retire (the hall's window plan) ----------------


#: Window types that belong to one department (RULEBOOK §1: 专业窗口 names its department).
DEPARTMENT_TYPES = ("specialized",)


def _window_invalid(field: str, label: str, reason: str, reason_en: str) -> DomainError:
    return DomainError("VALIDATION_FAILED", {"field": field, "field_label": label, "reason": reason,
                                             "reason_en": reason_en}, field_name=field)


async def _number_free(session: AsyncSession, *, hall_id: uuid.UUID, number: str, except_id: uuid.UUID | None) -> None:
    stmt = sa.select(Window.id).where(Window.hall_id == hall_id, Window.number == number)
    if except_id is not None:
        stmt = stmt.where(Window.id != except_id)
    if (await session.execute(stmt)).first():
        raise DomainError("WINDOW_NUMBER_TAKEN", {"number": number}, "number")


async def _check_plan(session: AsyncSession, *, hall_id: uuid.UUID, type: str, department_id: uuid.UUID | None,
                      item_ids: Sequence[uuid.UUID] | None) -> None:
    from core.departments.models import HallDepartment
    from core.items.models import HallItem, HallItemStatus, ServiceItem
    from core.windows.models import WindowType

    try:
        WindowType(type)
    except ValueError:
        raise _window_invalid("type", "窗口类型", f"没有“{type}”这种窗口类型", f"no window type {type}") from None
    if type in DEPARTMENT_TYPES and department_id is None:
        raise _window_invalid("department_id", "部门", "专业窗口须指明所属部门", "a specialized window names its department")
    if department_id is not None:
        stationed = (await session.execute(sa.select(HallDepartment.id).where(
            HallDepartment.hall_id == hall_id, HallDepartment.department_id == department_id))).first()
        if not stationed:
            raise DomainError("DEPARTMENT_NOT_IN_HALL", {}, "department_id")
    if item_ids:
        rows = (await session.execute(sa.select(ServiceItem.id, ServiceItem.department_id)
                                      .join(HallItem, HallItem.item_id == ServiceItem.id)
                                      .where(HallItem.hall_id == hall_id, HallItem.status == HallItemStatus.ACTIVE,
                                             ServiceItem.id.in_(list(item_ids))))).all()
        offered = {row.id: row.department_id for row in rows}
        missing = [i for i in item_ids if i not in offered]
        if missing:
            raise _window_invalid("item_ids", "办理事项", f"{len(missing)}个事项未在本厅进驻", f"{len(missing)} items are not offered in this hall")
        if department_id is not None and any(d != department_id for d in offered.values()):
            raise _window_invalid("item_ids", "办理事项", "专业窗口只办理本部门的事项", "a department's window serves its own department's items")


async def set_items(session: AsyncSession, *, window: Window, item_ids: Sequence[uuid.UUID]) -> None:
    """Replace the items the window serves (one delete, one insert)."""
    from core.windows.models import WindowItem

    await session.execute(sa.delete(WindowItem).where(WindowItem.window_id == window.id))
    for item_id in dict.fromkeys(item_ids):
        session.add(WindowItem(window_id=window.id, item_id=item_id))
    await session.flush()


async def item_ids_of(session: AsyncSession, *, window_id: uuid.UUID) -> list[uuid.UUID]:
    from core.windows.models import WindowItem

    return list((await session.execute(sa.select(WindowItem.item_id).where(WindowItem.window_id == window_id)
                                       .order_by(WindowItem.item_id))).scalars())


async def create(session: AsyncSession, *, hall_id: uuid.UUID, number: str, name: str, type: str,
                 department_id: uuid.UUID | None = None, item_ids: Sequence[uuid.UUID] = ()) -> Window:
    """A new window in the hall: its number is unique there; reported upward."""
    number, name = (number or "").strip(), (name or "").strip()
    if not number or len(number) > 20:
        raise _window_invalid("number", "窗口编号", "须为1至20个字符", "must be 1 to 20 characters")
    if not name or len(name) > 100:
        raise _window_invalid("name", "窗口名称", "须为1至100个字符", "must be 1 to 100 characters")
    await _check_plan(session, hall_id=hall_id, type=type, department_id=department_id, item_ids=item_ids)
    await _number_free(session, hall_id=hall_id, number=number, except_id=None)
    window = Window(hall_id=hall_id, number=number, name=name, type=type, department_id=department_id)
    session.add(window)
    await session.flush()
    if item_ids:
        await set_items(session, window=window, item_ids=item_ids)
    await outbox_service.record_window(session, window=window)
    return window


async def update(session: AsyncSession, *, window: Window, number: str | None = None, name: str | None = None,
                 type: str | None = None, department_id: uuid.UUID | None = None, clear_department: bool = False,
                 item_ids: Sequence[uuid.UUID] | None = None) -> None:
    """Change (or renumber) a window: only the fields given; reported upward."""
    if window.retired_at is not None:
        raise DomainError("WINDOW_RETIRED", {"number": window.number})
    new_type = type or window.type
    new_department = None if clear_department else (department_id or window.department_id)
    check_items = item_ids if item_ids is not None else await item_ids_of(session, window_id=window.id)
    await _check_plan(session, hall_id=window.hall_id, type=new_type, department_id=new_department, item_ids=check_items)
    if number is not None:
        number = number.strip()
        if not number or len(number) > 20:
            raise _window_invalid("number", "窗口编号", "须为1至20个字符", "must be 1 to 20 characters")
        await _number_free(session, hall_id=window.hall_id, number=number, except_id=window.id)
        window.number = number
    if name is not None:
        if not name.strip() or len(name.strip()) > 100:
            raise _window_invalid("name", "窗口名称", "须为1至100个字符", "must be 1 to 100 characters")
        window.name = name.strip()
    window.type, window.department_id = new_type, new_department
    if item_ids is not None:
        await set_items(session, window=window, item_ids=item_ids)
    await session.flush()
    await outbox_service.record_window(session, window=window)


async def retire(session: AsyncSession, *, window: Window, at: datetime) -> None:
    """撤销: refused while staff hold posts on it or a ticket is called to or served at it."""
    from core.queue.models import ACTIVE_STATUSES, CALLABLE_STATUSES, QueueTicket

    if window.retired_at is not None:
        raise DomainError("WINDOW_RETIRED", {"number": window.number})
    posts = (await session.execute(sa.select(Staff.name, WindowAssignment.role).join(Staff, Staff.id == WindowAssignment.staff_id)
                                   .where(WindowAssignment.window_id == window.id).order_by(WindowAssignment.role, Staff.name))).all()
    tickets = (await session.execute(sa.select(QueueTicket.number).where(sa.or_(
        sa.and_(QueueTicket.window_id == window.id, QueueTicket.status.in_(ACTIVE_STATUSES)),
        sa.and_(QueueTicket.target_window_id == window.id, QueueTicket.status.in_(CALLABLE_STATUSES))))
        .order_by(QueueTicket.number))).scalars().all()
    users = [f"{row.role}岗{row.name}" for row in posts] + [f"{number}号" for number in tickets]
    users_en = [f"{row.name} ({row.role} role)" for row in posts] + [f"ticket {number}" for number in tickets]
    if users:
        from core.departments.service import InUseError

        raise InUseError(f"{window.number}号窗口", f"window {window.number}", users, users_en)
    window.retired_at = at
    window.status = "suspended"
    window.status_changed_at = at
    await session.flush()
    await outbox_service.record_window(session, window=window)
