"""Queue services (取号/叫号): one function per change to a ticket.

``take`` · ``call_next`` · ``recall`` · ``transfer`` · ``mark_no_show`` ·
``start`` · ``finish``. Routing: a ticket is for an item, and so for the
item's department. A window serves it when the ticket was transferred to that
window, or the window is a comprehensive window (综合办事窗口, 一窗通办), a
green-channel window and the ticket is a green-channel one, or a department's
window (专业, 出证, 跨域通办) of the item's department. Consultation and
feedback windows call no tickets.

Calling the next ticket is atomic: the candidate is taken with ``FOR UPDATE
SKIP LOCKED`` on PostgreSQL (SQLite serializes writers) and claimed by a
conditional update, so two windows calling at once never get the same ticket.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.db.sequence import next_value
from core.errors import DomainError
from core.items.models import HallItem, HallItemStatus, ServiceItem
from core.queue.models import (
    ACTIVE_STATUSES,
    CALLABLE_STATUSES,
    PRIORITY_APPOINTMENT,
    PRIORITY_GREEN_CHANNEL,
    PRIORITY_ON_SITE,
    PRIORITY_TRANSFERRED,
    QueueEvent,
    QueueEventKind,
    QueueTicket,
    TicketSource,
    TicketStatus,
)
from core.timezones import local_date
from core.windows.models import Window, WindowStatus, WindowType

#: Windows that serve every item (一窗通办).
SERVES_EVERYONE = (WindowType.COMPREHENSIVE,)
#: Windows that serve their own department's items.
SERVES_DEPARTMENT = (WindowType.SPECIALIZED, WindowType.CERTIFICATE, WindowType.CROSS_REGION)
#: Letters that open a ticket number: green channel, appointment, on site.
LETTERS = {"green_channel": "G", TicketSource.APPOINTMENT: "Y", TicketSource.ON_SITE: "A"}
CLAIM_ATTEMPTS = 5



def eligible(window_id, window_type, window_department_id) -> sa.ColumnElement[bool]:
    """Tickets the window serves; the window's columns may be values or SQL columns (for joins)."""
    kind = sa.literal(str(window_type), sa.String) if isinstance(window_type, str) else window_type
    ticket = QueueTicket
    by_type = sa.or_(
        kind.in_([str(t) for t in SERVES_EVERYONE]),
        sa.and_(ticket.green_channel.is_(True), kind == str(WindowType.GREEN_CHANNEL)),
        sa.and_(kind.in_([str(t) for t in SERVES_DEPARTMENT]), ticket.department_id == window_department_id),
    )
    return sa.or_(ticket.target_window_id == window_id, sa.and_(ticket.target_window_id.is_(None), by_type))


def window_serves(window: Window, ticket: QueueTicket) -> bool:
    """The same rule as :func:`eligible`, for one window and one ticket."""
    if ticket.target_window_id is not None:
        return ticket.target_window_id == window.id
    return (window.type in SERVES_EVERYONE
            or (ticket.green_channel and window.type == WindowType.GREEN_CHANNEL)
            or (window.type in SERVES_DEPARTMENT and window.department_id == ticket.department_id))


def _event(session: AsyncSession, ticket: QueueTicket, kind: QueueEventKind, window_id, at: datetime) -> None:
    calls = ticket.call_count if kind in (QueueEventKind.CALLED, QueueEventKind.RECALLED) else None
    session.add(QueueEvent(ticket_id=ticket.id, hall_id=ticket.hall_id, window_id=window_id, kind=kind,
                           call_count=calls, at=at))


def _state_error(ticket: QueueTicket, action: str, action_en: str) -> DomainError:
    status = TicketStatus(ticket.status)
    return DomainError("TICKET_STATE_INVALID", {"ticket": ticket.number, "status": status.label,
                                                "status_en": status.label_en.lower(), "action": action,
                                                "action_en": action_en})


async def waiting_counts(session: AsyncSession, *, hall_id: uuid.UUID, day: date) -> dict[uuid.UUID, int]:
    """Tickets each window of the hall could call now: one statement."""
    condition = sa.and_(
        QueueTicket.hall_id == Window.hall_id,
        QueueTicket.issued_on == day,
        QueueTicket.status.in_(CALLABLE_STATUSES),
        eligible(Window.id, Window.type, Window.department_id),
    )
    rows = (await session.execute(
        sa.select(Window.id, sa.func.count(QueueTicket.id))
        .select_from(Window).outerjoin(QueueTicket, condition)
        .where(Window.hall_id == hall_id).group_by(Window.id)
    )).all()
    return {window_id: count for window_id, count in rows}


async def take(session: AsyncSession, *, hall_id: uuid.UUID, item: ServiceItem, at: datetime,
               source: str = TicketSource.ON_SITE, green_channel: bool = False, green_channel_reason: str | None = None,
               appointment_at: datetime | None = None, applicant_phone: str | None = None) -> QueueTicket:
    """取号: a numbered ticket for an item offered in the hall, with its priority."""
    offered = (await session.execute(sa.select(HallItem.id).where(
        HallItem.hall_id == hall_id, HallItem.item_id == item.id, HallItem.status == HallItemStatus.ACTIVE))).first()
    if offered is None:
        raise DomainError("ITEM_NOT_OFFERED", {"item": item.name})
    day = local_date(at)
    letter = LETTERS["green_channel"] if green_channel else LETTERS[TicketSource(source)]
    sequence = await next_value(session, name=f"ticket:{hall_id}:{letter}", day=day)
    priority = (PRIORITY_GREEN_CHANNEL if green_channel
                else PRIORITY_APPOINTMENT if source == TicketSource.APPOINTMENT else PRIORITY_ON_SITE)
    ticket = QueueTicket(hall_id=hall_id, item_id=item.id, department_id=item.department_id,
                         number=f"{letter}{sequence:03d}", issued_on=day, source=source,
                         appointment_at=appointment_at, green_channel=green_channel,
                         green_channel_reason=green_channel_reason, priority=priority,
                         applicant_phone=applicant_phone, issued_at=at)
    session.add(ticket)
    await session.flush()
    _event(session, ticket, QueueEventKind.ISSUED, None, at)
    await session.flush()
    return ticket


async def call_next(session: AsyncSession, *, window: Window, at: datetime) -> QueueTicket:
    """叫号: the window's next ticket (highest priority, then earliest), claimed atomically.

    The window's row is locked first (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's ``BEGIN IMMEDIATE``
    serialises writers): a second call at the same window waits, then sees the first one's ticket and is
    refused as busy, so one window never holds two called tickets.
    """
    window = await lock_window(session, window)
    if window.status != WindowStatus.SERVING:
        status = WindowStatus(window.status)
        raise DomainError("WINDOW_NOT_SERVING", {"window": window.number, "status": status.label,
                                                 "status_en": status.label_en.lower()})
    busy = (await session.execute(sa.select(QueueTicket.number).where(
        QueueTicket.window_id == window.id, QueueTicket.status.in_(ACTIVE_STATUSES)).limit(1))).scalar_one_or_none()
    if busy is not None:
        raise DomainError("WINDOW_BUSY", {"window": window.number, "ticket": busy})
    day = local_date(at)
    for _attempt in range(CLAIM_ATTEMPTS):
        candidate = (await session.execute(
            sa.select(QueueTicket.id)
            .where(QueueTicket.hall_id == window.hall_id, QueueTicket.issued_on == day,
                   QueueTicket.status.in_(CALLABLE_STATUSES),
                   eligible(window.id, window.type, window.department_id))
            .order_by(QueueTicket.priority.desc(), QueueTicket.issued_at, QueueTicket.number, QueueTicket.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )).scalar_one_or_none()
        if candidate is None:
            raise DomainError("QUEUE_EMPTY", {"window": window.number})
        claimed = await session.execute(
            sa.update(QueueTicket)
            .where(QueueTicket.id == candidate, QueueTicket.status.in_(CALLABLE_STATUSES))
            .values(status=TicketStatus.CALLED, window_id=window.id, called_at=at, call_count=1)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount == 1:
            ticket = await session.get(QueueTicket, candidate, populate_existing=True)
            _event(session, ticket, QueueEventKind.CALLED, window.id, at)
            await session.flush()
            return ticket
    raise DomainError("CONFLICT")


async def lock_window(session: AsyncSession, window: Window) -> Window:
    """The window, re-read under a row lock held until the transaction ends (a no-op lock on SQLite)."""
    locked = (await session.execute(
        sa.select(Window).where(Window.id == window.id).with_for_update().execution_options(populate_existing=True)
    )).scalar_one()
    return locked


async def recall(session: AsyncSession, *, ticket: QueueTicket, at: datetime) -> None:
    """重呼: call the same ticket again at its window."""
    if ticket.status != TicketStatus.CALLED:
        raise _state_error(ticket, "重呼", "called again")
    ticket.call_count += 1
    ticket.called_at = at
    _event(session, ticket, QueueEventKind.RECALLED, ticket.window_id, at)
    await session.flush()


async def transfer(session: AsyncSession, *, ticket: QueueTicket, to_window: Window, at: datetime) -> None:
    """转窗口: the ticket waits again, for that window only, ahead of ordinary tickets."""
    if ticket.status not in ACTIVE_STATUSES:
        raise _state_error(ticket, "转窗口", "transferred")
    if to_window.hall_id != ticket.hall_id or to_window.id == ticket.window_id:
        raise DomainError("VALIDATION_FAILED", {"field": "toWindowId", "field_label": "转入窗口",
                                                "reason": "须为本大厅的另一个窗口",
                                                "reason_en": "must be another window of the same hall"})
    ticket.status = TicketStatus.TRANSFERRED
    ticket.target_window_id = to_window.id
    ticket.window_id = None
    ticket.called_at = ticket.started_at = None
    ticket.call_count = 0
    ticket.priority = max(ticket.priority, PRIORITY_TRANSFERRED)
    _event(session, ticket, QueueEventKind.TRANSFERRED, to_window.id, at)
    await session.flush()


async def mark_no_show(session: AsyncSession, *, ticket: QueueTicket, at: datetime) -> None:
    """过号: called and did not come."""
    if ticket.status != TicketStatus.CALLED:
        raise _state_error(ticket, "按过号处理", "marked a no-show")
    ticket.status = TicketStatus.NO_SHOW
    ticket.finished_at = at
    _event(session, ticket, QueueEventKind.NO_SHOW, ticket.window_id, at)
    await session.flush()


async def start(session: AsyncSession, *, ticket: QueueTicket, at: datetime) -> None:
    """开始办理: the applicant is at the window."""
    if ticket.status != TicketStatus.CALLED:
        raise _state_error(ticket, "开始办理", "started")
    ticket.status = TicketStatus.SERVING
    ticket.started_at = at
    _event(session, ticket, QueueEventKind.STARTED, ticket.window_id, at)
    await session.flush()


async def finish(session: AsyncSession, *, ticket: QueueTicket, at: datetime, case_id: uuid.UUID | None = None) -> None:
    """办理完毕, with the case it produced if any."""
    if ticket.status != TicketStatus.SERVING:
        raise _state_error(ticket, "办理完毕", "finished")
    ticket.status = TicketStatus.DONE
    ticket.finished_at = at
    ticket.case_id = case_id
    _event(session, ticket, QueueEventKind.FINISHED, ticket.window_id, at)
    await session.flush()
