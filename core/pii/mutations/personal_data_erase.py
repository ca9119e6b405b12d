"""erasePersonalData: a citizen's erasure request (删除请求), carried out where the law allows (core.pii.erasure)."""

from __future__ import annotations

import re
from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.auth.access import hall_scope, require
from core.errors import DomainError, NotFoundError
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.halls.models import Hall
from core.pii import erasure
from core.pii.crypto import normalize_id_number, normalize_phone


@strawberry.input(description="删除请求: who asks (identity checked at the hall), by ID number and/or phone")
class ErasePersonalDataInput:
    hall_id: strawberry.ID = strawberry.field(description="the hall that took the request; every hall of its jurisdiction is searched")
    id_number: str | None = strawberry.field(default=None, description="证件号码 of the person (never stored with the request)")
    phone: str | None = strawberry.field(default=None, description="联系电话 of the person (never stored with the request)")
    reason: str = strawberry.field(description="the request as the person made it, e.g. 撤回同意 (kept in the audit log)")


@strawberry.type(description="what was done with one kind of record")
class ErasureCount:
    kind: str = strawberry.field(description="case_phone, ticket_phone, complainant; or why kept: open_case, case_file, "
                                             "active_ticket, open_complaint, blacklist")
    count: int
    reason: str | None = strawberry.field(default=None, description="why kept (Chinese, or English with Accept-Language: en)")


@strawberry.type
class ErasePersonalDataSuccess:
    erased: list[ErasureCount] = strawberry.field(description="records whose personal data was erased")
    kept: list[ErasureCount] = strawberry.field(description="records kept, each with the reason the law gives")


ErasePersonalDataResult = Annotated[Union[ErasePersonalDataSuccess, *ERROR_TYPES],
                                    strawberry.union("ErasePersonalDataResult")]


def _invalid(field: str, label: str, reason: str, reason_en: str) -> DomainError:
    return DomainError("VALIDATION_FAILED", {"field": field, "field_label": label, "reason": reason,
                                             "reason_en": reason_en}, field_name=field)


async def erase_personal_data(info: Info, input: ErasePersonalDataInput) -> ErasePersonalDataResult:
    ctx = info.context

    async def body(session, call):
        hall = await session.get(Hall, from_global_id(input.hall_id, "Hall")[1])
        if hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("大厅", "Hall")
        call.acted(target_type="Jurisdiction", target_id=hall.jurisdiction_code)
        call.acted(domain=require(ctx, "personal_data", "erase", hall_scope(ctx, hall)))
        id_number = normalize_id_number(input.id_number) if input.id_number and input.id_number.strip() else None
        phone = normalize_phone(input.phone) if input.phone and input.phone.strip() else None
        if id_number is None and phone is None:
            raise _invalid("idNumber", "证件号码", "证件号码和联系电话至少填写一项", "give an ID number, a phone or both")
        if id_number is not None and not re.fullmatch(r"[0-9]{15}|[0-9]{17}[0-9X]", id_number):
            raise _invalid("idNumber", "证件号码", "应为15位或18位身份证号码", "must be a 15- or 18-character ID number")
        if phone is not None and not re.fullmatch(r"[0-9]{7,12}", phone):
            raise _invalid("phone", "联系电话", "应为手机或固定电话号码", "must be a mobile or landline number")
        if not input.reason.strip():
            raise _invalid("reason", "请求事由", "必填", "is required")
        outcome = await erasure.erase_subject(session, jurisdiction=hall.jurisdiction_code, id_number=id_number,
                                              phone=phone)
        call.acted(after={**outcome.summary(), "reason": input.reason.strip()[:200]})
        lang = 1 if ctx.lang == "en" else 0
        return ErasePersonalDataSuccess(
            erased=[ErasureCount(kind=k, count=v) for k, v in outcome.erased.items()],
            kept=[ErasureCount(kind=k, count=v, reason=erasure.KEPT_REASONS[k][lang]) for k, v in outcome.kept.items()],
        )

    return await run_mutation(info, "erasePersonalData", body)
