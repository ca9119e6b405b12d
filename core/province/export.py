"""The provincial bulletin and rankings as CSV and XLSX, with the GraphQL queries' arguments and authorization.

``GET /exports/area-bulletin.csv|.xlsx?province=44&from=2026-11-01&to=2026-11-30&groupBy=hall``
(or ``jurisdiction=panyu``; ``groupBy`` ``hall``, ``department_type`` or ``county``) and
``GET /exports/ranking.csv|.xlsx?…&metric=satisfaction``. Errors are JSON ``{code, message}`` with 400,
401, 403 or 404; column titles are Chinese, or English with ``Accept-Language: en``. A hall admin gets
their halls' rows only, with their ranks in the whole jurisdiction.
"""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from starlette.responses import JSONResponse, Response

from core.bulletin.export import FORMATS, STATUS_OF, _parse_date, _yes_no
from core.errors import DomainError
from core.province import service as province_service
from core.province.reports import load_area_bulletin, visible
from core.province.service import AreaBulletin, AreaGroup, AreaRow, RankedRow, RankingMetric

#: (Chinese title, English title, value of a row, format: "" | "rate" | "number")
COLUMNS = (
    ("对象", "Subject", lambda r: r.subject_name, ""),
    ("辖区", "Jurisdiction", lambda r: r.jurisdiction_code or "", ""),
    ("服务人次", "People served", lambda r: r.people_served, ""),
    ("办件量", "Cases", lambda r: r.cases, ""),
    ("办结量", "Completed", lambda r: r.completed_cases, ""),
    ("超时件", "Overdue", lambda r: r.overdue_cases, ""),
    ("超时率", "Overdue rate", lambda r: r.overdue_rate, "rate"),
    ("补齐补正率", "Correction rate", lambda r: r.correction_rate, "rate"),
    ("评价数", "Ratings", lambda r: r.ratings, ""),
    ("满意度", "Satisfaction", lambda r: r.satisfaction.value, "rate"),
    ("表扬", "Praise", lambda r: r.praise, ""),
    ("投诉", "Complaints", lambda r: r.complaints, ""),
    ("每千件投诉", "Complaints per 1,000 cases", lambda r: r.complaints_per_thousand, "number"),
    ("评价率", "Rating rate", lambda r: r.rating_rate.value, "rate"),
    ("评价率目标", "Target", lambda r: r.rating_rate.target, "rate"),
    ("是否达标", "Meets target", lambda r: _yes_no(r.rating_rate.meets_target), ""),
    ("平均等候（分钟）", "Average wait (min)", lambda r: r.average_wait_minutes, "number"),
)
RANK_COLUMNS = (("名次", "Rank", "", ), ("并列", "Tied", ""), ("指标值", "Value", "number"))


def _header(lang: str, ranked: bool) -> list[str]:
    titles = [(zh, en) for zh, en, _ in RANK_COLUMNS] if ranked else []
    return [en if lang == "en" else zh for zh, en in titles + [(zh, en) for zh, en, _, _ in COLUMNS]]


def _cells(row: AreaRow, lang: str, entry: RankedRow | None = None) -> list:
    values = [value(row) for _, _, value, _ in COLUMNS]
    if lang == "en":
        values[15] = {"是": "yes", "否": "no"}.get(values[15], values[15])
    if entry is None:
        return values
    tied = ("yes" if entry.tied else "") if lang == "en" else ("并列" if entry.tied else "")
    return [entry.rank if entry.rank is not None else "", tied, entry.value] + values


def _formats(ranked: bool) -> list[str]:
    return ([f for _, _, f in RANK_COLUMNS] if ranked else []) + [f for _, _, _, f in COLUMNS]


def _title(bulletin: AreaBulletin, metric: RankingMetric | None, lang: str) -> str:
    if lang == "en":
        what = f"ranking on {metric.label_en.lower()}" if metric else "service-quality bulletin"
        return f"{bulletin.area.label} {what} by {bulletin.group.label_en.lower()}, {bulletin.first} – {bulletin.last}"
    what = f"{metric.label}排名" if metric else "服务质量通报"
    return (f"{bulletin.area.label}{what}（按{bulletin.group.label}，"
            f"{bulletin.first:%Y年%m月%d日}至{bulletin.last:%Y年%m月%d日}）")


def to_csv(bulletin: AreaBulletin, rows: list, lang: str, ranked: bool) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_header(lang, ranked))
    for item in rows:
        cells = _cells(item.row, lang, item) if ranked else _cells(item, lang)
        writer.writerow(["" if v is None else (f"{v:.4f}" if fmt in ("rate", "number") and v != "" else v)
                         for v, fmt in zip(cells, _formats(ranked))])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(bulletin: AreaBulletin, rows: list, lang: str, metric: RankingMetric | None) -> bytes:
    ranked = metric is not None
    book = Workbook()
    sheet = book.active
    sheet.title = ("排名" if ranked else "服务质量通报") if lang != "en" else ("Ranking" if ranked else "Service bulletin")
    header = _header(lang, ranked)
    sheet.append([_title(bulletin, metric, lang)])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    shown = f"{len(rows)} / {len(bulletin.rows)}"
    sheet.append([f"统计期间 Period: {bulletin.first.isoformat()} – {bulletin.last.isoformat()}    行 Rows: {shown}"])
    sheet.append(header)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for item in rows:
        sheet.append(_cells(item.row, lang, item) if ranked else _cells(item, lang))
        for column, fmt in enumerate(_formats(ranked), start=1):
            if fmt:
                sheet.cell(row=sheet.max_row, column=column).number_format = "0.0%" if fmt == "rate" else "0.00"
    if ranked and metric in (RankingMetric.SATISFACTION, RankingMetric.RATING_RATE, RankingMetric.OVERDUE_RATE):
        for cells in sheet.iter_rows(min_row=4, min_col=3, max_col=3):
            cells[0].number_format = "0.0%"
    subject_column = 4 if ranked else 1
    sheet.freeze_panes = sheet.cell(row=4, column=subject_column + 1)
    for column in range(1, len(header) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 30 if column == subject_column else 12
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _choice(enum, value: str | None, field: str, default):
    if not value:
        return default
    try:
        return enum.from_label(value.lower())
    except ValueError:
        labels = "、".join(member.value for member in enum)
        raise DomainError("VALIDATION_FAILED", {"field": field, "field_label": field, "reason": f"应为 {labels}",
                                                "reason_en": f"must be one of {labels}"}, field_name=field) from None


async def area_response(ctx, params, fmt: str, *, ranking: bool) -> Response:
    """The HTTP answer to ``/exports/area-bulletin`` (``ranking`` False) or ``/exports/ranking``."""
    try:
        group = _choice(AreaGroup, params.get("groupBy"), "groupBy", AreaGroup.HALL)
        metric = _choice(RankingMetric, params.get("metric"), "metric", None) if ranking else None
        if ranking and metric is None:
            raise DomainError("VALIDATION_FAILED", {"field": "metric", "field_label": "metric", "reason": "必填",
                                                    "reason_en": "is required"}, field_name="metric")
        bulletin = await load_area_bulletin(ctx, province=params.get("province") or None,
                                            jurisdiction=params.get("jurisdiction") or None,
                                            group=group, first=_parse_date(params.get("from"), "from"),
                                            last=_parse_date(params.get("to"), "to"))
    except DomainError as error:
        return JSONResponse({"code": error.code, "message": error.message(ctx.lang)},
                            status_code=STATUS_OF.get(error.code, 400))
    rows = visible(bulletin, province_service.rank(bulletin.rows, metric) if ranking else bulletin.rows)
    body = to_csv(bulletin, rows, ctx.lang, ranking) if fmt == "csv" else to_xlsx(bulletin, rows, ctx.lang, metric)
    name = "ranking" if ranking else "area-bulletin"
    filename = f"{_title(bulletin, metric, 'zh')}.{fmt}"
    return Response(body, media_type=FORMATS[fmt], headers={
        "Content-Disposition": f"attachment; filename=\"{name}.{fmt}\"; filename*=UTF-8''{quote(filename)}",
        "Cache-Control": "no-store",
    })
