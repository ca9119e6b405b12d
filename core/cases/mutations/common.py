"""What every case mutation needs: the case (locked), its hall, item and department, the policy, the time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import strawberry

from core.audit.service import snapshot
from core.auth.access import can, department_scope, hall_scope
from core.cases import service as case_service
from core.cases.models import Case
from core.departments.models import Department
from core.errors import NotFoundError
from core.halls.models import Hall
from core.items.models import ServiceItem
from core.policy.access import policy_in_session
from core.policy.service import JurisdictionPolicy

#: What the audit log keeps of a case before and after a change (no personal data).
AUDITED = ("serial_number", "status", "category", "deadline_on", "paused_since", "paused_working_days",
           "materials_completed_on", "supplement_supplied_on", "outcome", "closing_reason", "completed_on")


@strawberry.input(description="补正告知书: every missing material at once (一次性告知), and the due date")
class CorrectionNoticeInput:
    materials: list[str] = strawberry.field(description="须补正的材料, as named in the item's materials")
    due_on: date | None = strawberry.field(default=None, description="补正期限 / 容缺材料补交期限")

    def to_request(self) -> case_service.NoticeRequest:
        return case_service.NoticeRequest(tuple(m.strip() for m in self.materials if m.strip()), self.due_on)


@dataclass
class LoadedCase:
    case: Case
    hall: Hall
    item: ServiceItem
    department: Department | None
    policy: JurisdictionPolicy
    now: datetime

    def snapshot(self) -> dict:
        return snapshot(self.case, AUDITED)


async def load_case(session, ctx, serial_number: str) -> LoadedCase:
    """The case by serial number, locked for the change; NotFound when missing or its jurisdiction is off."""
    case = await case_service.get_by_serial(session, serial_number=serial_number, for_update=True)
    hall = await session.get(Hall, case.hall_id)
    if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
        raise NotFoundError(f"办件 {serial_number}", f"Case {serial_number}")
    item = await session.get(ServiceItem, case.item_id)
    department = await session.get(Department, item.department_id) if item else None
    if ctx.actor is not None and not (can(ctx, "case", "read", hall_scope(ctx, hall)) or (
            department is not None and can(ctx, "case", "read", department_scope(ctx, department)))):
        # Someone else's case looks exactly like a missing one.
        raise NotFoundError(f"办件 {serial_number}", f"Case {serial_number}")
    policy = await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
    return LoadedCase(case, hall, item, department, policy, ctx.runtime.now())
