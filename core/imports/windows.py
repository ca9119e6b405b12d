"""Windows of a hall, from XLSX or CSV.

Columns: 窗口号, 窗口名称, 窗口类型 (required; the Chinese type, e.g. 综合办事窗口,
or its code); 部门 (required for 专业窗口), 办理事项 (实施编码, one per line or
separated by ；). A window is keyed by its number in the hall: a new number
creates it, a known one is updated when something differs.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.departments.models import HallDepartment
from core.halls.models import Hall
from core.imports.common import ImportReport, Progress, departments_by_name, tick
from core.imports.reading import ImportRejectedError, Row, split_list
from core.items.models import HallItem, HallItemStatus, ServiceItem
from core.windows import service as window_service
from core.windows.models import Window, WindowType

REQUIRED = ("窗口号", "窗口名称", "窗口类型")


async def import_windows(session: AsyncSession, *, hall: Hall, rows: list[Row], progress: Progress | None = None) -> ImportReport:
    """Create or update the windows of the file; one transaction, all or nothing."""
    departments = await departments_by_name(session, jurisdiction=hall.jurisdiction_code)
    stationed = set((await session.execute(sa.select(HallDepartment.department_id).where(
        HallDepartment.hall_id == hall.id))).scalars())
    items = {row.code: row for row in (await session.execute(
        sa.select(ServiceItem.id, ServiceItem.code, ServiceItem.department_id).join(HallItem, HallItem.item_id == ServiceItem.id)
        .where(HallItem.hall_id == hall.id, HallItem.status == HallItemStatus.ACTIVE))).all()}
    existing = {w.number: w for w in (await session.execute(sa.select(Window).where(Window.hall_id == hall.id))).scalars()}
    seen: dict[str, int] = {}
    planned = []
    for row in rows:
        number = row.get("窗口号")
        if not number or len(number) > 20:
            row.bad("窗口号", "须为1至20个字符", "must be 1 to 20 characters")
        elif number in seen:
            row.bad("窗口号", f"与第{seen[number]}行重复", f"repeats line {seen[number]}")
        seen.setdefault(number, row.line)
        if not row.get("窗口名称") or len(row.get("窗口名称")) > 100:
            row.bad("窗口名称", "须为1至100个字", "must be 1 to 100 characters")
        try:
            kind = WindowType.from_label(row.get("窗口类型"))
        except ValueError:
            kind = None
            row.bad("窗口类型", f"没有“{row.get('窗口类型')}”这种窗口类型", f"no window type {row.get('窗口类型')!r}")
        department = None
        if row.get("部门"):
            department = departments.get(row.get("部门"))
            if department is None:
                row.bad("部门", f"本辖区没有部门“{row.get('部门')}”", f"no department {row.get('部门')!r}")
            elif department.id not in stationed:
                row.bad("部门", "该部门未进驻本厅", "the department is not stationed in this hall")
        elif kind in (WindowType.SPECIALIZED,):
            row.bad("部门", "专业窗口须填写所属部门", "a specialized window names its department")
        item_ids = []
        for code in split_list(row.get("办理事项")):
            item = items.get(code)
            if item is None:
                row.bad("办理事项", f"事项 {code} 未在本厅进驻", f"item {code} is not offered in this hall")
            elif department is not None and item.department_id != department.id:
                row.bad("办理事项", f"事项 {code} 不属于该部门", f"item {code} belongs to another department")
            else:
                item_ids.append(item.id)
        window = existing.get(number)
        if window is not None and window.retired_at is not None:
            row.bad("窗口号", "该窗口已撤销", "this window is retired")
        if not row.problems:
            planned.append((row, kind, department, item_ids))
    problems = [p for row in rows for p in row.problems]
    if problems:
        raise ImportRejectedError(problems)

    report = ImportReport("windows", rows=len(rows))
    for done, (row, kind, department, item_ids) in enumerate(planned, start=1):
        number, name = row.get("窗口号"), row.get("窗口名称")
        department_id = department.id if department else None
        window = existing.get(number)
        if window is None:
            await window_service.create(session, hall_id=hall.id, number=number, name=name, type=kind.value,
                                        department_id=department_id, item_ids=item_ids)
            report.created += 1
        else:
            current = await window_service.item_ids_of(session, window_id=window.id)
            if (window.name, window.type, window.department_id, sorted(current)) == (name, kind.value, department_id, sorted(item_ids)):
                report.unchanged += 1
            else:
                await window_service.update(session, window=window, name=name, type=kind.value, department_id=department_id,
                                            clear_department=department_id is None, item_ids=item_ids)
                report.updated += 1
        tick(progress, done, len(planned))
    return report
