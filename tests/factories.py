"""Build small, valid object graphs for tests (written through the ORM, like the services do)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from core.db import Database
from core.departments.models import Department, HallDepartment
from core.halls.models import Hall
from core.items.models import HallItem, ServiceItem
from core.jurisdictions.models import Jurisdiction
from core.plugins.manager import build_plugin_manager
from core.staff.models import Staff
from core.windows.models import Window, WindowAssignment

_INFOS = {code: j.info for code, j in build_plugin_manager().installed.items()}


@dataclass
class HallGraph:
    hall: Hall
    departments: list[Department] = field(default_factory=list)
    windows: list[Window] = field(default_factory=list)
    staff: list[Staff] = field(default_factory=list)
    items: list[ServiceItem] = field(default_factory=list)


async def ensure_jurisdiction(session, code: str) -> None:
    if await session.get(Jurisdiction, uuid.uuid5(uuid.NAMESPACE_URL, f"tingwu-test:{code}")) is None:
        info = _INFOS[code]
        session.add(Jurisdiction(id=uuid.uuid5(uuid.NAMESPACE_URL, f"tingwu-test:{code}"), code=code, name=info.name,
                                 province=info.province, region_code=info.region_code))
        await session.flush()


async def make_hall(db: Database, *, jurisdiction: str = "jiedong", name: str | None = None, windows: int = 2,
                    staff_per_window: int = 2, items: int = 2, level: str = "county", place: str = "揭东区") -> HallGraph:
    """A hall with one department, `windows` windows each with A (and B) staff, and `items` items."""
    suffix = uuid.uuid4().hex[:6]
    async with db.transaction() as session:
        await ensure_jurisdiction(session, jurisdiction)
        hall = Hall(jurisdiction_code=jurisdiction, level=level, place=place, name=name or f"测试{suffix}政务服务中心")
        department = Department(jurisdiction_code=jurisdiction, name=f"测试局{suffix}", short_name="测试局")
        session.add_all([hall, department])
        await session.flush()
        graph = HallGraph(hall=hall, departments=[department])
        session.add(HallDepartment(hall_id=hall.id, department_id=department.id))
        for w in range(windows):
            window = Window(hall_id=hall.id, department_id=department.id, number=f"A{w + 1:02d}",
                            name=f"综合窗口{w + 1}", type="comprehensive")
            session.add(window)
            graph.windows.append(window)
            for s in range(staff_per_window):
                member = Staff(hall_id=hall.id, department_id=department.id, staff_number=f"T{suffix}-{w}{s}",
                               name=f"员工{w}{s}", rank="科员")
                session.add(member)
                graph.staff.append(member)
                await session.flush()
                session.add(WindowAssignment(window_id=window.id, staff_id=member.id, role="A" if s == 0 else "B"))
        for i in range(items):
            item = ServiceItem(jurisdiction_code=jurisdiction, department_id=department.id, code=f"T-{suffix}-{i}",
                               catalog_code=f"C-{i}", name=f"测试事项{i}", type="licensing",
                               legal_limit_days=20, promised_limit_days=10, materials=["申请表", "身份证"])
            session.add(item)
            await session.flush()
            session.add(HallItem(hall_id=hall.id, item_id=item.id))
            graph.items.append(item)
    return graph


async def make_user(db: Database, runtime, *, username: str | None = None, password: str | None = None,
                    staff_id=None, roles: tuple[tuple[str, str], ...] = ()) -> dict:
    """A user with roles (role, domain) and a bearer token; returns headers and the user."""
    from datetime import timedelta

    from core.auth import service as auth_service
    from core.auth.roles import Role

    async with db.transaction() as session:
        user = await auth_service.create_user(session, username=username or f"u{uuid.uuid4().hex[:8]}",
                                              display_name="测试用户", password=password, staff_id=staff_id)
        for role, domain in roles:
            await auth_service.grant_role(session, user_id=user.id, role=Role(role), domain=domain)
        token, record = await auth_service.issue_token(session, user=user, secret=runtime.secret_key, ttl=timedelta(hours=1))
    await runtime.authorizer.refresh(force=True)
    return {"user": user, "token": token, "token_id": record.id, "headers": {"Authorization": f"Bearer {token}"}}


async def make_case(db: Database, graph: HallGraph, *, serial_number: str | None = None, staff_index: int = 0,
                    item_index: int = 0):
    """A 承诺件 accepted (not yet completed) at the hall's first window by one of its staff."""
    return await add_case(db, graph, serial=serial_number, staff=graph.staff[staff_index], item=graph.items[item_index],
                          category="promised", status="accepted", applicant="张三",
                          applicant_id_number="440101199001011234")


async def add_case(db: Database, graph: HallGraph, *, serial: str | None = None, staff=None, window=None,
                   item=None, category: str = "instant", status: str = "completed", accepted_at=None,
                   completed_at=None, deadline_on=None, applicant: str = "王小明",
                   applicant_id_number: str | None = "445203199001011234", online: bool = False):
    """A case in the graph's hall, handled by ``staff`` (default: the first) at ``window`` (default: the first;
    none when ``online``); completed at ``completed_at`` (default: an hour after acceptance) when status is completed."""
    from datetime import timedelta

    from core.cases.models import Case
    from core.db.base import utcnow
    from core.timezones import to_local

    accepted_at = accepted_at or utcnow() - timedelta(hours=2)
    if status == "completed" and completed_at is None:
        completed_at = accepted_at + timedelta(hours=1)
    async with db.transaction() as session:
        case = Case(serial_number=serial or f"TC{uuid.uuid4().hex[:14].upper()}", hall_id=graph.hall.id,
                    item_id=(item or graph.items[0]).id, window_id=None if online else (window or graph.windows[0]).id,
                    staff_id=(staff or graph.staff[0]).id, category=category, status=status,
                    applicant_name=applicant, applicant_id_number=applicant_id_number, applicant_phone="13812345678",
                    accepted_at=accepted_at, completed_at=completed_at, deadline_on=deadline_on,
                    completed_on=to_local(completed_at).date() if completed_at else None)
        session.add(case)
    return case
