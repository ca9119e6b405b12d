"""Notification services: ``enqueue`` (in the caller's transaction), ``deliver_due`` (the job), ``opt_out`` /
``opt_in``, ``retry``, and the queue's ``notify_queue_change`` (静音叫号: N places away, and called).
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.notifications.models import Notification, NotificationOptOut, NotificationStatus
from core.policy import notifications as rules
from core.policy.notifications import NotificationKind, OutgoingMessage, SenderSettings
from core.queue.models import CALLABLE_STATUSES, QueueTicket
from core.pii.indexes import phone_index

CLAIM_BATCH = 100


class _Blank(dict):
    def __missing__(self, key):
        return ""


def render(plugins, jurisdiction: str, kind: NotificationKind, values: dict) -> tuple[str, list[str]]:
    template = plugins.hook.tingwu_notification_template(jurisdiction=jurisdiction, kind=kind)
    return template.text.format_map(_Blank(values))[:500], [r.id for r in template.rules]


async def enqueue(session: AsyncSession, *, plugins, jurisdiction: str, hall_id: uuid.UUID | None,
                  kind: NotificationKind, phone: str | None, values: dict, dedupe_key: str,
                  at: datetime) -> Notification | None:
    """Queue a message (once per ``dedupe_key``); nothing without a number. Sent after commit by the job."""
    if not phone:
        return None
    exists = (await session.execute(sa.select(Notification.id).where(Notification.dedupe_key == dedupe_key))).first()
    if exists is not None:
        return None
    text, rule_ids = render(plugins, jurisdiction, kind, values)
    notification = Notification(jurisdiction_code=jurisdiction, hall_id=hall_id, kind=kind, phone=phone, text=text,
                                dedupe_key=dedupe_key[:120], next_attempt_at=at, created_at=at, rule_ids=rule_ids)
    session.add(notification)
    await session.flush()
    return notification


async def notify_queue_change(session: AsyncSession, *, plugins, hall, called: QueueTicket | None, window,
                              at: datetime) -> None:
    """静音叫号: the called ticket hears it is called; the ticket now ``NEAR_PLACES`` away hears it is coming."""
    if called is not None and called.applicant_phone:
        await enqueue(session, plugins=plugins, jurisdiction=hall.jurisdiction_code, hall_id=hall.id,
                      kind=NotificationKind.CALLED, phone=called.applicant_phone,
                      values={"hall": hall.name, "ticket": called.number, "window": window.number},
                      dedupe_key=f"called:{called.id}:{called.call_count}", at=at)
    if called is None:
        return
    # The ticket with NEAR_PLACES callable tickets of its department ahead of it (the order windows call in).
    near = (await session.execute(
        sa.select(QueueTicket)
        .where(QueueTicket.hall_id == called.hall_id, QueueTicket.issued_on == called.issued_on,
               QueueTicket.department_id == called.department_id, QueueTicket.status.in_(CALLABLE_STATUSES))
        .order_by(QueueTicket.priority.desc(), QueueTicket.issued_at, QueueTicket.number, QueueTicket.id)
        .offset(rules.NEAR_PLACES).limit(1))).scalar_one_or_none()
    if near is not None and near.applicant_phone:
        await enqueue(session, plugins=plugins, jurisdiction=hall.jurisdiction_code, hall_id=hall.id,
                      kind=NotificationKind.QUEUE_NEAR, phone=near.applicant_phone,
                      values={"hall": hall.name, "ticket": near.number, "places": rules.NEAR_PLACES,
                              "area": "等候区"},
                      dedupe_key=f"near:{near.id}", at=at)


async def opt_out(session: AsyncSession, *, phone: str, at: datetime) -> bool:
    """退订; False when the number had already opted out. Pending messages to it are suppressed."""
    key = phone_index(phone)  # phones are sealed at rest: found by their blind index
    exists = (await session.execute(sa.select(NotificationOptOut.id).where(NotificationOptOut.phone_bidx == key))).first()
    await session.execute(sa.update(Notification).where(Notification.phone_bidx == key,
                                                        Notification.status == NotificationStatus.PENDING)
                          .values(status=NotificationStatus.SUPPRESSED))
    if exists is not None:
        return False
    session.add(NotificationOptOut(phone=phone, opted_out_at=at))
    await session.flush()
    return True


async def opt_in(session: AsyncSession, *, phone: str) -> bool:
    result = await session.execute(sa.delete(NotificationOptOut).where(NotificationOptOut.phone_bidx == phone_index(phone)))
    return bool(result.rowcount)


async def retry(session: AsyncSession, *, notification: Notification, at: datetime) -> None:
    """A dead letter queued again (after the receiver was fixed): attempts start over."""
    notification.status, notification.attempts, notification.next_attempt_at = NotificationStatus.PENDING, 0, at
    notification.last_error = None
    await session.flush()


async def deliver_due(db, plugins, settings: SenderSettings, *, now: datetime) -> dict[str, int]:
    """Send what is due: claim a batch, send each outside any transaction, record each outcome.

    Claiming moves ``next_attempt_at`` forward first (a lease), so a second worker running at the same time does
    not send the same message; an outcome is recorded only by the claim that sent it.
    """
    lease = now + timedelta(minutes=5)
    async with db.transaction() as session:
        rows = (await session.execute(
            sa.select(Notification).where(Notification.status == NotificationStatus.PENDING,
                                          Notification.next_attempt_at <= now)
            .order_by(Notification.next_attempt_at, Notification.id).limit(CLAIM_BATCH)
            .with_for_update(skip_locked=True))).scalars().all()
        opted = set((await session.execute(sa.select(NotificationOptOut.phone_bidx).where(
            NotificationOptOut.phone_bidx.in_({r.phone_bidx for r in rows})))).scalars().all()) if rows else set()
        claimed = []
        for row in rows:
            if row.phone_bidx in opted:
                row.status = NotificationStatus.SUPPRESSED
            else:
                row.next_attempt_at = lease
                claimed.append((row.id, row.jurisdiction_code, row.kind, row.phone, row.text, row.attempts))
    counts = {"sent": 0, "failed": 0, "dead": 0, "suppressed": len(rows) - len(claimed)}
    for notification_id, jurisdiction, kind, phone, text, attempts in claimed:
        message = OutgoingMessage(id=str(notification_id), kind=kind, to=phone, text=text, attempt=attempts + 1)
        try:
            result = await plugins.hook.tingwu_send_notification(jurisdiction=jurisdiction, message=message,
                                                                 settings=settings)
        except Exception as exc:  # a sender's bug is a failed attempt, not a stopped queue
            result = rules.DeliveryResult(ok=False, detail=f"{type(exc).__name__}: {exc}"[:500])
        async with db.transaction() as session:
            row = await session.get(Notification, notification_id, with_for_update=True)
            row.attempts = attempts + 1
            if result.ok:
                row.status, row.sent_at, row.last_error = NotificationStatus.SENT, now, None
                counts["sent"] += 1
            elif row.attempts >= rules.MAX_ATTEMPTS:
                row.status, row.last_error = NotificationStatus.DEAD, result.detail
                counts["dead"] += 1
            else:
                row.next_attempt_at = now + timedelta(seconds=rules.retry_delay(row.attempts))
                row.last_error = result.detail
                counts["failed"] += 1
    return counts
