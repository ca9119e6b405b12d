"""The bulletin as CSV and XLSX: ``GET /exports/bulletin.csv`` / ``.xlsx``, with the query's arguments.

Query parameters: ``hallId`` (global ID or UUID), ``from`` and ``to`` (local days, ISO), ``groupBy``
(``hall``, ``window``, ``department`` or ``staff``; default ``hall``) and ``departmentId``. The same
authorization as the GraphQL query (bearer token); errors are JSON ``{code, message}`` with 400,
401, 403 or 404. Column titles are Chinese, or English with ``Accept-Language: en``.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from urllib.parse import quote

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from starlette.responses import JSONResponse, Response

from core.bulletin.models import BulletinScope
from core.bulletin.reports import load_bulletin
from core.bulletin.service import Bulletin, BulletinRow
from core.errors import DomainError
from core.graphql.relay import from_global_id

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

#: (Chinese title, English title, value of a row, is a rate)
COLUMNS = (
    ("对象类型", "Kind", lambda r: r.scope.label, False),
    ("对象", "Subject", lambda r: r.subject_name, False),
    ("服务人次", "People served", lambda r: r.people_served, False),
    ("取号服务人次", "Tickets served", lambda r: r.tickets_served, False),
    ("办件量", "Cases", lambda r: r.cases, False),
    ("办结量", "Completed", lambda r: r.completed_cases, False),
    ("超时件", "Overdue", lambda r: r.overdue_cases, False),
    ("补齐补正件", "Corrected", lambda r: r.corrected_cases, False),
    ("补齐补正率", "Correction rate", lambda r: r.correction_rate, True),
    ("已补齐件", "Supplemented", lambda r: r.supplemented_cases, False),
    ("补齐率", "Supplement rate", lambda r: r.supplement_rate, True),
    ("评价数", "Ratings", lambda r: r.ratings, False),
    ("满意度", "Satisfaction", lambda r: r.satisfaction.value, True),
    ("表扬", "Praise", lambda r: r.praise, False),
    ("投诉", "Complaints", lambda r: r.complaints, False),
    ("已评价办结件", "Rated cases", lambda r: r.rated_cases, False),
    ("评价率", "Rating rate", lambda r: r.rating_rate.value, True),
    ("评价率目标", "Target", lambda r: r.rating_rate.target, True),
    ("是否达标", "Meets target", lambda r: _yes_no(r.rating_rate.meets_target), False),
)

STATUS_OF = {"UNAUTHENTICATED": 401, "PERMISSION_DENIED": 403, "NOT_FOUND": 404}


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("是" if value else "否")


def _title(bulletin: Bulletin) -> str:
    return f"{bulletin.hall.name}服务质量通报（{bulletin.first:%Y年%m月%d日}至{bulletin.last:%Y年%m月%d日}）"


def _cells(row: BulletinRow, lang: str) -> list:
    values = [value(row) for _, _, value, _ in COLUMNS]
    if lang == "en":
        values[0] = row.scope.label_en
        values[-1] = {"是": "yes", "否": "no"}.get(values[-1], values[-1])
    return values


def to_csv(bulletin: Bulletin, lang: str = "zh") -> bytes:
    """UTF-8 with a byte-order mark, so that spreadsheet programs read the Chinese right; rates as fractions."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([en if lang == "en" else zh for zh, en, _, _ in COLUMNS])
    for row in bulletin.rows:
        writer.writerow(["" if v is None else (f"{v:.4f}" if is_rate else v)
                         for v, (_, _, _, is_rate) in zip(_cells(row, lang), COLUMNS)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(bulletin: Bulletin, lang: str = "zh") -> bytes:
    """A titled sheet: the period, one row per subject, rates as percentages, and the rules it follows."""
    book = Workbook()
    sheet = book.active
    sheet.title = "服务质量通报" if lang != "en" else "Service bulletin"
    sheet.append([_title(bulletin)])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append([f"统计期间 Period: {bulletin.first.isoformat()} – {bulletin.last.isoformat()}"])
    header_row = 3
    sheet.append([en if lang == "en" else zh for zh, en, _, _ in COLUMNS])
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for row in bulletin.rows:
        sheet.append(_cells(row, lang))
        for column, (_, _, _, is_rate) in enumerate(COLUMNS, start=1):
            if is_rate:
                sheet.cell(row=sheet.max_row, column=column).number_format = "0.0%"
    sheet.append([])
    target = bulletin.spec.rating_rate_target
    if target is not None:
        sheet.append([f"评价率目标 Rating-rate target: {target:.0%}"])
    sheet.append(["依据 Rules: " + "; ".join(f"{r.id} ({r.article})" if r.article else r.id for r in bulletin.spec.rules)])
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)
    for column in range(1, len(COLUMNS) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 28 if column == 2 else 12
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _parse_date(value: str | None, name: str) -> date:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        raise DomainError("VALIDATION_FAILED", {"field": name, "field_label": name, "reason": "应为日期，如 2026-11-01",
                                                "reason_en": "must be a date such as 2026-11-01"}, field_name=name) from None


def _parse_scope(value: str | None) -> BulletinScope:
    try:
        return BulletinScope.from_label((value or "hall").lower())
    except ValueError:
        raise DomainError("VALIDATION_FAILED", {"field": "groupBy", "field_label": "groupBy",
                                                "reason": "应为 hall、window、department 或 staff",
                                                "reason_en": "must be hall, window, department or staff"},
                          field_name="groupBy") from None


async def bulletin_response(ctx, params, fmt: str) -> Response:
    """The HTTP answer to an export request, for a caller whose context (``ctx``) is already built."""
    try:
        if not params.get("hallId"):
            raise DomainError("VALIDATION_FAILED", {"field": "hallId", "field_label": "hallId", "reason": "必填",
                                                    "reason_en": "is required"}, field_name="hallId")
        department = params.get("departmentId")
        bulletin = await load_bulletin(
            ctx, hall_id=from_global_id(params["hallId"], "Hall")[1], first=_parse_date(params.get("from"), "from"),
            last=_parse_date(params.get("to"), "to"), scope=_parse_scope(params.get("groupBy")),
            department_id=from_global_id(department, "Department")[1] if department else None,
        )
    except DomainError as error:
        from core.audit.denials import is_denial, record_denial

        if is_denial(error):
            await record_denial(ctx, f"export:bulletin.{fmt}", error)
        return JSONResponse({"code": error.code, "message": error.message(ctx.lang)},
                            status_code=STATUS_OF.get(error.code, 400))
    body = to_csv(bulletin, ctx.lang) if fmt == "csv" else to_xlsx(bulletin, ctx.lang)
    filename = f"{bulletin.hall.name}服务质量通报_{bulletin.first.isoformat()}_{bulletin.last.isoformat()}.{fmt}"
    return Response(body, media_type=FORMATS[fmt], headers={
        "Content-Disposition": f"attachment; filename=\"bulletin.{fmt}\"; filename*=UTF-8''{quote(filename)}",
        "Cache-Control": "no-store",
    })
