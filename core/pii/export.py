"""办件台账 (case register) as CSV: ``GET /exports/cases.csv?hallId=…&from=…&to=…[&personal=1]``.

Without ``personal=1`` the applicants' name, ID number and phone are masked, as in the API. With it,
the caller needs ``personal_data export`` in the hall (the hall office) besides ``case read``, and
every unmasked value exported is recorded in the personal-data read log (operation
``export:cases.csv``), in the same transaction that reads the rows: no export without its record.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time, timedelta
from urllib.parse import quote

import sqlalchemy as sa
from starlette.responses import JSONResponse, Response

from core.auth.access import hall_scope, require
from core.cases.models import Case, CaseCategory, CaseStatus
from core.errors import DomainError, NotFoundError
from core.graphql.relay import from_global_id
from core.halls.models import Hall
from core.items.models import ServiceItem
from core.pii.access import Read, record_reads
from core.privacy import mask_id_number, mask_name, mask_phone
from core.timezones import SHANGHAI, to_local

OPERATION = "export:cases.csv"
MAX_DAYS = 366
STATUS_OF = {"UNAUTHENTICATED": 401, "PERMISSION_DENIED": 403, "NOT_FOUND": 404}

#: (Chinese title, English title)
HEADERS = (("办件流水号", "Serial number"), ("事项", "Item"), ("办件类别", "Category"), ("状态", "Status"),
           ("受理时间", "Accepted at"), ("申请人", "Applicant"), ("证件号码", "ID number"), ("联系电话", "Phone"))
PERSONAL = (("applicantName", "applicant_name", mask_name), ("applicantIdNumber", "applicant_id_number", mask_id_number),
            ("applicantPhone", "applicant_phone", mask_phone))


def _invalid(field: str, reason: str, reason_en: str) -> DomainError:
    return DomainError("VALIDATION_FAILED", {"field": field, "field_label": field, "reason": reason,
                                             "reason_en": reason_en}, field_name=field)


def _day(value: str | None, name: str) -> date:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        raise _invalid(name, "应为日期，如 2026-11-01", "must be a date such as 2026-11-01") from None


async def cases_register_response(ctx, params) -> Response:
    try:
        body, filename = await cases_register(ctx, params)
    except DomainError as error:
        return JSONResponse({"code": error.code, "message": error.message(ctx.lang)},
                            status_code=STATUS_OF.get(error.code, 400))
    return Response(body, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})


async def cases_register(ctx, params) -> tuple[bytes, str]:
    if not params.get("hallId"):
        raise _invalid("hallId", "必填", "is required")
    first, last = _day(params.get("from"), "from"), _day(params.get("to"), "to")
    if last < first or (last - first).days >= MAX_DAYS:
        raise _invalid("to", f"应不早于起始日期，且不超过{MAX_DAYS}天", f"must not be before from, and at most {MAX_DAYS} days")
    personal = (params.get("personal") or "").lower() in ("1", "true", "yes")
    hall_id = from_global_id(params["hallId"], "Hall")[1]
    async with ctx.db.transaction() as session:
        hall = await session.get(Hall, hall_id)
        if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("大厅", "Hall")
        scope = hall_scope(ctx, hall)
        require(ctx, "case", "read", scope)
        if personal:
            require(ctx, "personal_data", "export", scope)
        start = datetime.combine(first, time.min, SHANGHAI)
        end = datetime.combine(last + timedelta(days=1), time.min, SHANGHAI)
        rows = (await session.execute(
            sa.select(Case, ServiceItem.name).join(ServiceItem, ServiceItem.id == Case.item_id)
            .where(Case.hall_id == hall.id, Case.accepted_at >= start, Case.accepted_at < end)
            .order_by(Case.accepted_at, Case.serial_number)
        )).all()
        if personal:
            reads = [Read("Case", str(case.id), field, f"hall:{hall.id}")
                     for case, _ in rows for field, attr, _ in PERSONAL if getattr(case, attr) is not None]
            await record_reads(session, reads, actor=ctx.actor, operation=OPERATION)
    english = ctx.lang == "en"
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([en if english else zh for zh, en in HEADERS])
    for case, item_name in rows:
        category, status = CaseCategory(case.category), CaseStatus(case.status)
        values = [getattr(case, attr) if personal else mask(getattr(case, attr)) for _, attr, mask in PERSONAL]
        writer.writerow([case.serial_number, item_name, category.label_en if english else category.label,
                         status.label_en if english else status.label,
                         to_local(case.accepted_at).strftime("%Y-%m-%d %H:%M"), *values])
    filename = f"{hall.name}办件台账{first:%Y%m%d}-{last:%Y%m%d}.csv"
    return ("\ufeff" + buffer.getvalue()).encode("utf-8"), filename
