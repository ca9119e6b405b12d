"""Appointment services (预约): settings, slots, booking, cancelling, check-in, release of missed ones.

``set_setting`` · ``slots`` · ``book`` · ``cancel`` · ``check_in`` ·
``release_missed`` · ``no_shows``; and for on-site tickets ``check_open`` and
``check_on_site_quota`` (the queue calls them before issuing a ticket).

Slots are cut from the hall's public service hours of the date
(``tingwu_service_hours`` with the hall's own configured hours), so nobody
books on a non-working day or outside the hours. Bookings of one hall item are
serialized by locking its setting row (``FOR UPDATE`` on PostgreSQL; SQLite
serializes writers), so a slot's capacity holds under concurrent bookings.
"""

from __future__ import annotations

import re
import secrets
import uuid
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.appointments.models import HOLDING_STATUSES, Appointment, AppointmentSetting, AppointmentStatus
from core.errors import DomainError
from core.halls.models import Hall
from core.items.models import HallItem, HallItemStatus, ServiceItem
from core.policy import appointments as rules
from core.policy.service import JurisdictionPolicy
from core.queue import service as queue_service
from core.queue.models import QueueTicket, TicketSource
from core.timezones import local_date, to_local
from core.pii.indexes import phone_index

PHONE = re.compile(r"^1[3-9]\d{9}$")  # mainland mobile number


# -- opening hours ---------------------------------------------------------------------------------------------


def hours_of(policy: JurisdictionPolicy, hall: Hall):
    """The hall's service hours of a date (its own configured hours where the jurisdiction allows)."""
    configured = hall.configured_hours or None
    return lambda day: policy.service_hours(day, configured_hours=configured)


def closed_error(policy: JurisdictionPolicy, hall: Hall, at: datetime) -> DomainError:
    """HALL_CLOSED naming the next opening after ``at``."""
    nxt = rules.next_opening(hours_of(policy, hall), at)
    local = to_local(at)
    return DomainError("HALL_CLOSED", {
        "hall": hall.name, "at": f"{local:%Y-%m-%d %H:%M}",
        "next_opening": f"{to_local(nxt):%Y-%m-%d %H:%M}" if nxt else "—",
        "next_opening_at": nxt})


def check_open(policy: JurisdictionPolicy, hall: Hall, at: datetime) -> None:
    """No ticket outside the hall's public hours or on a non-working day (HALL_CLOSED names the next opening)."""
    if not rules.is_open_at(hours_of(policy, hall)(local_date(at)), at):
        raise closed_error(policy, hall, at)


# -- settings --------------------------------------------------------------------------------------------------


async def get_setting(session: AsyncSession, *, hall_id: uuid.UUID, item_id: uuid.UUID,
                      lock: bool = False) -> AppointmentSetting | None:
    """The item's appointment setting in the hall (locked for the rest of the transaction when ``lock``)."""
    stmt = sa.select(AppointmentSetting).where(AppointmentSetting.hall_id == hall_id,
                                               AppointmentSetting.item_id == item_id)
    if lock:
        stmt = stmt.with_for_update()
    return (await session.execute(stmt)).scalar_one_or_none()


async def set_setting(session: AsyncSession, *, hall_id: uuid.UUID, item: ServiceItem, bookable: bool,
                      slot_minutes: int, slot_capacity: int, on_site_daily_quota: int | None,
                      at: datetime) -> tuple[AppointmentSetting, dict | None]:
    """Create or change the item's setting; returns it and what it was before."""
    offered = (await session.execute(sa.select(HallItem.id).where(
        HallItem.hall_id == hall_id, HallItem.item_id == item.id, HallItem.status == HallItemStatus.ACTIVE))).first()
    if offered is None:
        raise DomainError("ITEM_NOT_OFFERED", {"item": item.name})
    for field, label, value, low, high in (("slotMinutes", "时段长度（分钟）", slot_minutes, 5, 240),
                                           ("slotCapacity", "每时段可预约人数", slot_capacity, 1, 500)):
        if not low <= value <= high:
            raise DomainError("VALIDATION_FAILED", {"field": field, "field_label": label,
                                                    "reason": f"应在 {low} 到 {high} 之间",
                                                    "reason_en": f"must be between {low} and {high}"})
    if on_site_daily_quota is not None and on_site_daily_quota < 0:
        raise DomainError("VALIDATION_FAILED", {"field": "onSiteDailyQuota", "field_label": "每日现场取号量",
                                                "reason": "不能为负数", "reason_en": "must not be negative"})
    setting = await get_setting(session, hall_id=hall_id, item_id=item.id, lock=True)
    before = None if setting is None else snapshot(setting)
    if setting is None:
        setting = AppointmentSetting(hall_id=hall_id, item_id=item.id)
        session.add(setting)
    setting.bookable, setting.slot_minutes, setting.slot_capacity = bookable, slot_minutes, slot_capacity
    setting.on_site_daily_quota, setting.updated_at = on_site_daily_quota, at
    await session.flush()
    return setting, before


def snapshot(setting: AppointmentSetting) -> dict:
    return {"bookable": setting.bookable, "slot_minutes": setting.slot_minutes,
            "slot_capacity": setting.slot_capacity, "on_site_daily_quota": setting.on_site_daily_quota}


# -- slots -----------------------------------------------------------------------------------------------------


async def booked_counts(session: AsyncSession, *, hall_id: uuid.UUID, item_id: uuid.UUID,
                        day: date) -> dict[datetime, int]:
    """Places taken in each slot of the day: one statement."""
    rows = (await session.execute(
        sa.select(Appointment.slot_start, sa.func.count(Appointment.id))
        .where(Appointment.hall_id == hall_id, Appointment.item_id == item_id, Appointment.slot_on == day,
               Appointment.status.in_(HOLDING_STATUSES))
        .group_by(Appointment.slot_start))).all()
    return {start: count for start, count in rows}


async def slots(session: AsyncSession, *, policy: JurisdictionPolicy, hall: Hall, setting: AppointmentSetting,
                day: date) -> list[tuple[rules.Slot, int]]:
    """The day's slots with the places taken in each (none on a non-working day)."""
    cut = rules.slots_of(hours_of(policy, hall)(day), minutes=setting.slot_minutes)
    taken = await booked_counts(session, hall_id=hall.id, item_id=setting.item_id, day=day)
    return [(slot, taken.get(slot.start, 0)) for slot in cut]


# -- booking ---------------------------------------------------------------------------------------------------


def normalize_phone(phone: str | None) -> str | None:
    value = re.sub(r"[\s-]", "", phone or "")
    if not value:
        return None
    if not PHONE.match(value):
        raise DomainError("VALIDATION_FAILED", {"field": "applicantPhone", "field_label": "手机号码",
                                                "reason": "须为 11 位手机号码", "reason_en": "must be an 11-digit mobile number"})
    return value


def _owner(phone: str | None, user_id: uuid.UUID | None) -> sa.ColumnElement[bool]:
    conditions = []
    if phone:
        conditions.append(Appointment.applicant_phone_bidx == phone_index(phone))  # sealed: by its blind index
    if user_id:
        conditions.append(Appointment.user_id == user_id)
    return sa.or_(*conditions)


async def no_shows(session: AsyncSession, *, phone: str | None, user_id: uuid.UUID | None,
                   since: datetime | None = None) -> int:
    """爽约 recorded against a phone number or account (since a moment, or ever)."""
    if not phone and not user_id:
        return 0
    stmt = sa.select(sa.func.count(Appointment.id)).where(Appointment.status == AppointmentStatus.MISSED,
                                                          _owner(phone, user_id))
    if since is not None:
        stmt = stmt.where(Appointment.slot_start >= since)
    return (await session.execute(stmt)).scalar_one()


async def book(session: AsyncSession, *, policy: JurisdictionPolicy, hall: Hall, item: ServiceItem,
               slot_start: datetime, phone: str | None, user_id: uuid.UUID | None, channel: str,
               at: datetime) -> Appointment:
    """预约: a place in the slot starting at ``slot_start``, if the hall is open then and the slot has room."""
    if slot_start.tzinfo is None:
        raise DomainError("VALIDATION_FAILED", {"field": "slotStart", "field_label": "预约时段",
                                                "reason": "须带时区", "reason_en": "needs a time zone offset"})
    if not phone and not user_id:
        raise DomainError("VALIDATION_FAILED", {"field": "applicantPhone", "field_label": "手机号码",
                                                "reason": "未登录预约须留手机号码",
                                                "reason_en": "an anonymous booking needs a mobile number"})
    setting = await get_setting(session, hall_id=hall.id, item_id=item.id, lock=True)
    if setting is None or not setting.bookable:
        raise DomainError("APPOINTMENT_NOT_OFFERED", {"item": item.name})
    policy_rules = policy.appointment_rules()
    if slot_start <= at:
        raise DomainError("SLOT_PASSED", {"slot": f"{to_local(slot_start):%Y-%m-%d %H:%M}"})
    day = local_date(slot_start)
    last_day = local_date(at) + timedelta(days=policy_rules.booking_horizon_days)
    if day > last_day:
        raise DomainError("BOOKING_TOO_FAR_AHEAD", {"days": policy_rules.booking_horizon_days,
                                                    "last_day": last_day.isoformat()})
    hours = hours_of(policy, hall)(day)
    if not rules.is_open_at(hours, slot_start):
        raise closed_error(policy, hall, slot_start)
    cut = rules.slots_of(hours, minutes=setting.slot_minutes)
    slot = next((s for s in cut if s.start == slot_start), None)
    if slot is None:
        raise DomainError("SLOT_INVALID", {"slot": f"{to_local(slot_start):%H:%M}",
                                           "slots": "、".join(f"{to_local(s.start):%H:%M}" for s in cut[:3]) + "…",
                                           "minutes": setting.slot_minutes})
    if policy_rules.no_show_limit is not None:
        since = at - timedelta(days=policy_rules.no_show_days)
        missed = await no_shows(session, phone=phone, user_id=user_id, since=since)
        if missed >= policy_rules.no_show_limit:
            raise DomainError("BOOKING_BARRED", {"count": missed, "days": policy_rules.no_show_days,
                                                 "rule": ", ".join(r.id for r in policy_rules.rules)})
    duplicate = (await session.execute(sa.select(Appointment.id).where(
        Appointment.hall_id == hall.id, Appointment.item_id == item.id, Appointment.slot_on == day,
        Appointment.status == AppointmentStatus.BOOKED, _owner(phone, user_id)).limit(1))).first()
    if duplicate is not None:
        raise DomainError("APPOINTMENT_DUPLICATE", {"item": item.name, "day": day.isoformat()})
    taken = (await booked_counts(session, hall_id=hall.id, item_id=item.id, day=day)).get(slot.start, 0)
    if taken >= setting.slot_capacity:
        raise DomainError("SLOT_FULL", {"slot": f"{to_local(slot.start):%Y-%m-%d %H:%M}",
                                        "capacity": setting.slot_capacity})
    appointment = Appointment(hall_id=hall.id, item_id=item.id, slot_on=day, slot_start=slot.start,
                              slot_end=slot.end, code=await _free_code(session, hall.id, day), channel=channel,
                              applicant_phone=phone, user_id=user_id, booked_at=at)
    session.add(appointment)
    await session.flush()
    return appointment


async def _free_code(session: AsyncSession, hall_id: uuid.UUID, day: date) -> str:
    """A 6-digit 预约码 not yet used in the hall that day (random: not guessable from another's)."""
    while True:
        code = f"{secrets.randbelow(1_000_000):06d}"
        used = (await session.execute(sa.select(Appointment.id).where(
            Appointment.hall_id == hall_id, Appointment.slot_on == day, Appointment.code == code))).first()
        if used is None:
            return code


def _state_error(appointment: Appointment, action: str, action_en: str) -> DomainError:
    status = AppointmentStatus(appointment.status)
    return DomainError("APPOINTMENT_STATE_INVALID", {"status": status.label, "status_en": status.label_en.lower(),
                                                     "action": action, "action_en": action_en})


async def cancel(session: AsyncSession, *, appointment: Appointment, at: datetime) -> None:
    """取消预约: frees the place; only before the slot starts."""
    if appointment.status != AppointmentStatus.BOOKED:
        raise _state_error(appointment, "取消", "cancelled")
    if at >= appointment.slot_start:
        raise DomainError("SLOT_PASSED", {"slot": f"{to_local(appointment.slot_start):%Y-%m-%d %H:%M}"})
    appointment.status = AppointmentStatus.CANCELLED
    appointment.cancelled_at = at
    await session.flush()


async def check_in(session: AsyncSession, *, policy: JurisdictionPolicy, appointment: Appointment,
                   item: ServiceItem, at: datetime) -> QueueTicket:
    """签到: within the window around the slot's start; issues a Y ticket that goes ahead of on-site tickets."""
    if appointment.status != AppointmentStatus.BOOKED:
        raise _state_error(appointment, "签到", "checked in")
    opens, closes = rules.check_in_window(policy.appointment_rules(), appointment.slot_start)
    if at < opens:
        raise DomainError("CHECK_IN_TOO_EARLY", {"from": f"{to_local(opens):%Y-%m-%d %H:%M}"})
    if at > closes:
        raise DomainError("CHECK_IN_TOO_LATE", {"until": f"{to_local(closes):%Y-%m-%d %H:%M}"})
    ticket = await queue_service.take(session, hall_id=appointment.hall_id, item=item, at=at,
                                      source=TicketSource.APPOINTMENT, appointment_at=appointment.slot_start,
                                      applicant_phone=appointment.applicant_phone)
    appointment.status = AppointmentStatus.CHECKED_IN
    appointment.checked_in_at = at
    appointment.ticket_id = ticket.id
    await session.flush()
    return ticket


async def release_missed(session: AsyncSession, *, plugins, at: datetime) -> dict[str, int]:
    """爽约: booked appointments whose check-in window has closed are released as missed; how many, by jurisdiction.

    One update per jurisdiction that has any (its check-in window may differ).
    """
    jurisdictions = (await session.execute(
        sa.select(Hall.jurisdiction_code).distinct().join(Appointment, Appointment.hall_id == Hall.id)
        .where(Appointment.status == AppointmentStatus.BOOKED, Appointment.slot_start < at))).scalars().all()
    released: dict[str, int] = {}
    for code in jurisdictions:
        if not plugins.is_enabled(code):
            continue
        after = JurisdictionPolicy(plugins.hook, code, None).appointment_rules().check_in_after
        halls = sa.select(Hall.id).where(Hall.jurisdiction_code == code)
        result = await session.execute(
            sa.update(Appointment)
            .where(Appointment.status == AppointmentStatus.BOOKED, Appointment.hall_id.in_(halls),
                   Appointment.slot_start < at - after)
            .values(status=AppointmentStatus.MISSED, missed_at=at)
            .execution_options(synchronize_session=False))
        released[code] = result.rowcount or 0
    return released


# -- on-site quota ---------------------------------------------------------------------------------------------


async def check_on_site_quota(session: AsyncSession, *, hall_id: uuid.UUID, item: ServiceItem, day: date) -> None:
    """现场取号量: an item's on-site tickets of the day stop at its quota (appointments are not counted)."""
    quota = (await session.execute(sa.select(AppointmentSetting.on_site_daily_quota).where(
        AppointmentSetting.hall_id == hall_id, AppointmentSetting.item_id == item.id))).scalar_one_or_none()
    if quota is None:
        return
    issued = (await session.execute(sa.select(sa.func.count(QueueTicket.id)).where(
        QueueTicket.hall_id == hall_id, QueueTicket.item_id == item.id, QueueTicket.issued_on == day,
        QueueTicket.source == TicketSource.ON_SITE, QueueTicket.green_channel.is_(False)))).scalar_one()
    if issued >= quota:
        raise DomainError("ON_SITE_QUOTA_REACHED", {"item": item.name, "quota": quota})
