"""Staff services. (Onboarding, replacement and return are in ``core.staff.changes``.)"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from core.departments.models import Department
from core.errors import NotFoundError
from core.halls.models import Hall
from core.outbox import service as outbox_service
from core.outbox.events import EventType
from core.staff.models import Staff


@dataclass
class StaffSides:
    """A staff member with the two sides that manage them (双重管理): their hall and their department."""

    staff: Staff
    hall: Hall
    department: Department


async def get(session: AsyncSession, *, staff_id: uuid.UUID, enabled: frozenset[str] | None = None,
              for_update: bool = False) -> Staff:
    """One staff member; NotFound when missing (or in a jurisdiction not enabled here)."""
    staff = await session.get(Staff, staff_id, with_for_update=for_update)
    if staff is None:
        raise NotFoundError("工作人员", "Staff member")
    if enabled is not None:
        hall = await session.get(Hall, staff.hall_id)
        if hall is None or hall.jurisdiction_code not in enabled:
            raise NotFoundError("工作人员", "Staff member")
    return staff


async def update_employment(session: AsyncSession, *, staff: Staff, rank: str | None, position: str | None) -> None:
    """编制、职级、待遇: set what the department decides (only the fields given); reported upward."""
    if rank is not None:
        staff.rank = rank.strip() or None
    if position is not None:
        staff.position = position.strip() or None
    await session.flush()
    await outbox_service.record_staff(session, staff=staff, event_type=EventType.STAFF_EMPLOYMENT_CHANGED)


async def get_with_sides(session: AsyncSession, *, staff_id: uuid.UUID, enabled: frozenset[str],
                         for_update: bool = False) -> StaffSides:
    """A staff member, their hall and their department; NotFound when missing or not enabled here."""
    staff = await get(session, staff_id=staff_id, enabled=enabled, for_update=for_update)
    hall = await session.get(Hall, staff.hall_id)
    department = await session.get(Department, staff.department_id)
    return StaffSides(staff, hall, department)


async def create(session: AsyncSession, *, hall_id: uuid.UUID, department_id: uuid.UUID, staff_number: str, name: str,
                 rank: str | None = None, position: str | None = None, phone: str | None = None,
                 status: str = "on_duty", on_duty_since=None) -> Staff:
    """A staff member of a department in a hall (set-up import: the hall admits them on duty); reported upward."""
    staff = Staff(hall_id=hall_id, department_id=department_id, staff_number=staff_number, name=name, rank=rank,
                  position=position, phone=phone, status=status, on_duty_since=on_duty_since)
    session.add(staff)
    await session.flush()
    await outbox_service.record_staff(session, staff=staff, event_type=EventType.STAFF_ONBOARDED)
    return staff


async def update_details(session: AsyncSession, *, staff: Staff, name: str | None = None, rank: str | None = None,
                         phone: str | None = None) -> bool:
    """Change the name, rank or phone given; False when nothing differs (nothing is written or reported)."""
    changes = {k: v for k, v in (("name", name), ("rank", rank), ("phone", phone))
               if v is not None and getattr(staff, k) != v}
    if not changes:
        return False
    for key, value in changes.items():
        setattr(staff, key, value)
    await session.flush()
    await outbox_service.record_staff(session, staff=staff)
    return True
