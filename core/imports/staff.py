"""Staff of a hall's departments (窗口工作人员), from XLSX or CSV.

Columns: 工号, 姓名, 部门 (required); 职级, 电话, 窗口 (its number), 岗位 (A or B,
required with a window; also 主办/协办). A member is keyed by 工号 in the hall:
a new 工号 is admitted on duty (the hall office imports, so it approves), a
known one gets its name, rank and phone updated when they differ. Members are
written through ``core.staff.service`` and posts through ``core.windows.service``.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.departments.models import HallDepartment
from core.halls.models import Hall
from core.imports.common import ImportReport, Progress, departments_by_name, tick
from core.imports.reading import ImportRejectedError, Row
from core.staff import service as staff_service
from core.staff.models import Staff
from core.windows import service as window_service
from core.windows.models import PostRole, Window, WindowAssignment

REQUIRED = ("工号", "姓名", "部门")
PHONE = re.compile(r"^[0-9+\- ]{5,20}$")
ROLES = {"A": PostRole.A, "B": PostRole.B, "a": PostRole.A, "b": PostRole.B, "主办": PostRole.A, "协办": PostRole.B,
         "A岗": PostRole.A, "B岗": PostRole.B}


async def import_staff(session: AsyncSession, *, hall: Hall, rows: list[Row], at, progress: Progress | None = None) -> ImportReport:
    """Admit or update the members of the file and put them on their posts; one transaction, all or nothing."""
    departments = await departments_by_name(session, jurisdiction=hall.jurisdiction_code)
    stationed = set((await session.execute(sa.select(HallDepartment.department_id).where(
        HallDepartment.hall_id == hall.id))).scalars())
    windows = {w.number: w for w in (await session.execute(sa.select(Window).where(
        Window.hall_id == hall.id, Window.retired_at.is_(None)))).scalars()}
    existing = {s.staff_number: s for s in (await session.execute(sa.select(Staff).where(Staff.hall_id == hall.id))).scalars()}
    posts = {(p.window_id, p.staff_id): p.role for p in (await session.execute(
        sa.select(WindowAssignment).where(WindowAssignment.window_id.in_([w.id for w in windows.values()])))).scalars()}
    seen: dict[str, int] = {}
    planned = []
    for row in rows:
        number, name = row.get("工号"), row.get("姓名")
        if not number:
            row.bad("工号", "不能为空", "must not be empty")
        elif len(number) > 32:
            row.bad("工号", "不能超过32个字符", "must be at most 32 characters")
        elif number in seen:
            row.bad("工号", f"与第{seen[number]}行重复", f"repeats line {seen[number]}")
        seen.setdefault(number, row.line)
        if not name or len(name) > 50:
            row.bad("姓名", "须为1至50个字", "must be 1 to 50 characters")
        department = departments.get(row.get("部门"))
        if department is None:
            row.bad("部门", f"本辖区没有部门“{row.get('部门')}”", f"no department {row.get('部门')!r} in this jurisdiction")
        elif department.id not in stationed:
            row.bad("部门", "该部门未进驻本厅", "the department is not stationed in this hall")
        known = existing.get(number)
        if known is not None and department is not None and known.department_id != department.id:
            row.bad("部门", "本厅已有此工号，属于其他部门", "this 工号 belongs to a member of another department")
        phone = row.get("电话")
        if phone and not PHONE.match(phone):
            row.bad("电话", "电话号码格式不正确", "not a phone number")
        if len(row.get("职级")) > 50:
            row.bad("职级", "不能超过50个字", "must be at most 50 characters")
        window = role = None
        if row.get("窗口"):
            window = windows.get(row.get("窗口"))
            if window is None:
                row.bad("窗口", f"本厅没有{row.get('窗口')}号窗口", f"this hall has no window {row.get('窗口')}")
            role = ROLES.get(row.get("岗位"))
            if role is None:
                row.bad("岗位", "应填 A 或 B（主办/协办）", "must be A or B")
        elif row.get("岗位"):
            row.bad("窗口", "填写了岗位，但未填窗口", "a post is given without a window")
        if not row.problems:
            planned.append((row, department, window, role))
    problems = [p for row in rows for p in row.problems]
    if problems:
        raise ImportRejectedError(problems)

    report = ImportReport("staff", rows=len(rows), details={"posts": 0})
    from core.timezones import local_date

    day = local_date(at)
    for done, (row, department, window, role) in enumerate(planned, start=1):
        staff = existing.get(row.get("工号"))
        rank, phone = row.get("职级") or None, row.get("电话") or None
        if staff is None:
            staff = await staff_service.create(session, hall_id=hall.id, department_id=department.id,
                                               staff_number=row.get("工号"), name=row.get("姓名"), rank=rank,
                                               phone=phone, on_duty_since=day)
            report.created += 1
        elif await staff_service.update_details(session, staff=staff, name=row.get("姓名"), rank=rank, phone=phone):
            report.updated += 1
        else:
            report.unchanged += 1
        if window is not None and posts.get((window.id, staff.id)) != role:
            await window_service.assign(session, window=window, staff=staff, role=role, at=at)
            posts[(window.id, staff.id)] = role
            report.details["posts"] += 1
        tick(progress, done, len(planned))
    return report
