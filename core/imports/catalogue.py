"""The service-item catalogue (政务服务事项目录), as a provincial catalogue export lays it out.

Columns (header row, any order; see docs/imports.md and the sample file
``core/imports/samples/catalogue_sample.csv``): 事项编码, 实施编码, 事项名称,
事项类型, 实施部门 (required); 法定办结时限, 承诺办结时限 (working days),
申请材料 (one per line, or separated by ；), 收费标准 (元; 不收费 or empty for
none), 收费依据, 设定依据, 容缺受理 (是/否).

An item is keyed by its 实施编码: a new code creates the item, a known one is
updated when a field differs and left alone when none does. With a hall, every
item is also offered there (进驻事项, initial set-up by the hall office, which
approves entries anyway); its department must be stationed in the hall.
"""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from core.departments.models import HallDepartment
from core.errors import DomainError
from core.halls.models import Hall
from core.imports.common import ImportReport, Progress, departments_by_name, tick
from core.imports.reading import ImportRejectedError, Row, split_list
from core.items import service as item_service
from core.items.models import HallItem, HallItemStatus, ItemType, ServiceItem
from core.outbox import service as outbox_service
from core.outbox.events import EventType

REQUIRED = ("事项编码", "实施编码", "事项名称", "事项类型", "实施部门")
COLUMNS = {
    "事项编码": "catalog_code", "实施编码": "code", "事项名称": "name", "事项类型": "type",
    "法定办结时限": "legal_limit_days", "承诺办结时限": "promised_limit_days", "申请材料": "materials",
    "收费标准": "fee", "收费依据": "fee_basis", "设定依据": "legal_basis", "容缺受理": "tolerance_acceptance_allowed",
}
FIELD_COLUMNS = {field: column for column, field in COLUMNS.items()}
YES, NO = ("是", "Y", "y", "yes", "true", "1"), ("否", "N", "n", "no", "false", "0", "")
COMPARED = ("catalog_code", "name", "type", "department_id", "legal_limit_days", "promised_limit_days", "materials",
            "fee", "fee_basis", "legal_basis", "tolerance_acceptance_allowed")


def _values(row: Row, departments) -> dict | None:
    """The item's fields from the row, or None (with the row's problems marked)."""
    values: dict = {}
    for column, field in COLUMNS.items():
        text = row.get(column)
        if field in ("legal_limit_days", "promised_limit_days"):
            if text:
                try:
                    values[field] = int(text)
                except ValueError:
                    row.bad(column, f"应为工作日天数（整数），而不是“{text}”", f"must be a whole number of working days, not {text!r}")
        elif field == "type":
            try:
                values[field] = ItemType.from_label(text).value
            except ValueError:
                row.bad(column, f"没有“{text}”这种事项类型", f"no item type {text!r}")
        elif field == "materials":
            values[field] = split_list(text)
        elif field == "fee":
            if text and text not in ("不收费", "免费", "0", "0.00"):
                values[field] = text.removesuffix("元")
        elif field == "tolerance_acceptance_allowed":
            if text in YES:
                values[field] = True
            elif text in NO:
                values[field] = False
            else:
                row.bad(column, "应填“是”或“否”", "must be 是 or 否")
        else:
            values[field] = text
    department = departments.get(row.get("实施部门"))
    if department is None:
        row.bad("实施部门", f"本辖区没有部门“{row.get('实施部门')}”", f"no department {row.get('实施部门')!r} in this jurisdiction")
    if row.problems:
        return None
    try:
        cleaned = item_service.clean_fields(values, new_item=True)
    except DomainError as exc:
        field = exc.field_name or exc.params.get("field")
        row.bad(FIELD_COLUMNS.get(field, field), exc.params.get("reason", exc.message("zh")),
                exc.params.get("reason_en", exc.message("en")))
        return None
    cleaned.setdefault("fee", None)
    cleaned.setdefault("tolerance_acceptance_allowed", False)
    for key in ("legal_limit_days", "promised_limit_days", "fee_basis", "legal_basis"):
        cleaned.setdefault(key, None)
    cleaned["fee"] = Decimal(cleaned["fee"]) if cleaned["fee"] is not None else None
    cleaned["department_id"] = department.id
    return cleaned


async def import_catalogue(session: AsyncSession, *, jurisdiction: str, rows: list[Row], hall: Hall | None = None,
                           progress: Progress | None = None, today=None) -> ImportReport:
    """Create or update the items of the file (and offer them in ``hall``); one transaction, all or nothing."""
    departments = await departments_by_name(session, jurisdiction=jurisdiction)
    codes = [row.get("实施编码") for row in rows]
    existing = {item.code: item for item in (await session.execute(
        sa.select(ServiceItem).where(ServiceItem.code.in_([c for c in codes if c])))).scalars()}
    stationed: set = set()
    offered: dict = {}
    if hall is not None:
        stationed = set((await session.execute(sa.select(HallDepartment.department_id).where(
            HallDepartment.hall_id == hall.id))).scalars())
        offered = {h.item_id: h for h in (await session.execute(sa.select(HallItem).where(
            HallItem.hall_id == hall.id))).scalars()}
    seen: dict[str, int] = {}
    planned: list[tuple[Row, dict]] = []
    for row in rows:
        values = _values(row, departments)
        code = row.get("实施编码")
        if code and code in seen:
            row.bad("实施编码", f"与第{seen[code]}行重复", f"repeats line {seen[code]}")
        seen.setdefault(code, row.line)
        item = existing.get(code)
        if item is not None and item.jurisdiction_code != jurisdiction:
            row.bad("实施编码", "已被其他辖区的事项使用", "is used by an item of another jurisdiction")
        if values and hall is not None and values["department_id"] not in stationed:
            row.bad("实施部门", "该部门未进驻本厅，请先办理进驻", "the department is not stationed in this hall")
        if values and not row.problems:
            planned.append((row, values))
    problems = [p for row in rows for p in row.problems]
    if problems:
        raise ImportRejectedError(problems)

    report = ImportReport("catalogue", rows=len(rows), details={"offered": 0} if hall is not None else {})
    for done, (row, values) in enumerate(planned, start=1):
        code = values["code"]
        item = existing.get(code)
        if item is None:
            item = ServiceItem(jurisdiction_code=jurisdiction, **values)
            session.add(item)
            await session.flush()
            existing[code] = item
            report.created += 1
            changed = True
        else:
            differs = {key: values.get(key) for key in COMPARED if getattr(item, key) != values.get(key)}
            for key, value in differs.items():
                setattr(item, key, value)
            changed = bool(differs)
            report.updated += changed
            report.unchanged += not changed
        entered = False
        if hall is not None:
            offer = offered.get(item.id)
            if offer is None:
                offer = HallItem(hall_id=hall.id, item_id=item.id, status=HallItemStatus.ACTIVE, since=today)
                session.add(offer)
                offered[item.id] = offer
                entered = True
            elif offer.status != HallItemStatus.ACTIVE:
                offer.status, offer.since, entered = HallItemStatus.ACTIVE, today, True
            report.details["offered"] += entered
        if changed or entered:
            await session.flush()
            await outbox_service.record_service_item(
                session, item=item, event_type=EventType.SERVICE_ITEM_ENTERED if entered else EventType.SERVICE_ITEM_CHANGED,
                hall_id=hall.id if entered else None)
        tick(progress, done, len(planned))
    return report
