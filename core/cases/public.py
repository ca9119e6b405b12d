"""What anyone may know of a case (RULEBOOK §16 S3; dongguan 5.3.4.3, nanbu 公开制度 四).

``caseProgress``: the applicant looks up their case by 办件流水号 plus the last four characters of the ID number or
phone given at acceptance; the answer carries status, deadline, notices and result, never personal data. Wrong
verifications count against the serial number and the address (``progressLookupFailure``), so four digits cannot be
guessed; every look-up counts against ``publicLookup``.

``publicCaseResults``: a hall's 办件结果公示: item, masked applicant, serial, date, result.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Union

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from core import ratelimit
from core.cases import service as case_service
from core.cases.models import CaseCategory, CaseOutcome, CaseStatus, CorrectionNotice, NoticePurpose
from core.graphql.errors import NotFoundError, RateLimited, to_graphql_error
from core.graphql.relay import from_global_id
from core.halls.models import Hall
from core.halls.schema import visible_hall
from core.items.models import ServiceItem
from core.policy.access import policy_for
from core.privacy import mask_name
from core.timezones import local_date, to_local

MAX_RESULTS = 100


@strawberry.type(name="CaseProgressNotice", description="一次性告知 / 补办件 / 容缺 notice of the case, as the applicant got it")
class CaseProgressNoticeType:
    kind: str = strawberry.field(description="supplement, correction or tolerance")
    title: str = strawberry.field(description="e.g. 补办件通知书")
    materials: list[str]
    issued_on: datetime.date
    due_on: datetime.date | None
    supplied_on: datetime.date | None


@strawberry.type(name="CaseProgress", description="办件进度: what the applicant may see of their case (no personal data)")
class CaseProgressType:
    serial_number: str
    hall_name: str
    item_name: str
    category_label: str = strawberry.field(description="办件类别, e.g. 承诺件")
    status: str = strawberry.field(description="accepted, awaiting_materials, completed, returned, terminated")
    status_label: str
    accepted_at: datetime.datetime
    deadline_on: datetime.date | None = strawberry.field(description="办结期限 (working-day calendar)")
    remaining_working_days: int | None = strawberry.field(description="negative: overdue; null: clock not running")
    completed_on: datetime.date | None
    outcome_label: str | None = strawberry.field(description="办理结果, e.g. 准予办理")
    closing_reason: str | None = strawberry.field(description="why it was returned or terminated")
    notices: list[CaseProgressNoticeType]


@strawberry.type
class CaseProgressFound:
    progress: CaseProgressType


CaseProgressResult = Annotated[Union[CaseProgressFound, NotFoundError, RateLimited],
                               strawberry.union("CaseProgressResult")]


@strawberry.type(name="PublicCaseResult", description="办件结果公示 line (nanbu 公开制度 四)")
class PublicCaseResultType:
    serial_number: str
    item_name: str
    applicant: str = strawberry.field(description="masked, e.g. 张**")
    completed_on: datetime.date
    result: str = strawberry.field(description="准予办理, 不予办理, 已退回, 已终止, 已办结")


def _result_label(status: str, outcome: str | None) -> str:
    if status == CaseStatus.COMPLETED and outcome:
        return CaseOutcome(outcome).label
    return CaseStatus(status).label


def _not_found(lang: str) -> NotFoundError:
    return NotFoundError(code="NOT_FOUND", message="未找到办件，或验证信息不符。" if lang != "en"
                         else "No case found, or the verification does not match.")


@strawberry.type
class CasePublicQuery:
    @strawberry.field(description="办件进度查询 (public): 办件流水号 plus the last 4 characters of the applicant's ID "
                                  "number or phone. A wrong verification and an unknown serial answer alike; repeated "
                                  "wrong verifications are refused for a while (RateLimited).")
    async def case_progress(self, info: Info, serial_number: str, verification: str) -> CaseProgressResult:
        ctx = info.context
        serial = serial_number.strip()[:40]
        try:
            await ratelimit.check(ctx, "publicLookup")
            await ratelimit.check_lockout(ctx, "progressLookupFailure", serial=serial)
        except ratelimit.RateLimited as exc:
            return to_graphql_error(exc, ctx.lang)
        async with ctx.db.session() as session:
            case = await case_service.find_for_progress_lookup(session, serial=serial, verification=verification)
            if case is not None:
                hall = await session.get(Hall, case.hall_id)
                if not ctx.plugins.is_enabled(hall.jurisdiction_code):
                    case = None
        if case is None:
            await ratelimit.record_failure(ctx, "progressLookupFailure", serial=serial)
            return _not_found(ctx.lang)
        async with ctx.db.session() as session:
            item_name = (await session.execute(sa.select(ServiceItem.name).where(
                ServiceItem.id == case.item_id))).scalar_one()
            notices = (await session.execute(sa.select(CorrectionNotice).where(
                CorrectionNotice.case_id == case.id).order_by(CorrectionNotice.sequence))).scalars().all()
        policy = await policy_for(ctx, hall.jurisdiction_code)
        status = CaseStatus(case.status)
        return CaseProgressFound(progress=CaseProgressType(
            serial_number=case.serial_number, hall_name=hall.name, item_name=item_name,
            category_label=CaseCategory(case.category).label, status=status.value, status_label=status.label,
            accepted_at=to_local(case.accepted_at), deadline_on=case.deadline_on,
            remaining_working_days=case_service.remaining_working_days(policy, case, local_date(ctx.runtime.now())),
            completed_on=case.completed_on,
            outcome_label=CaseOutcome(case.outcome).label if case.outcome else None,
            closing_reason=case.closing_reason,
            notices=[CaseProgressNoticeType(kind=n.purpose, title=NoticePurpose(n.purpose).label,
                                            materials=list(n.materials), issued_on=n.issued_on, due_on=n.due_on,
                                            supplied_on=n.supplied_on) for n in notices]))

    @strawberry.field(description="办件结果公示 (public): a hall's closed cases, newest first: item, masked applicant, "
                                  "serial, date, result")
    async def public_case_results(self, info: Info, hall_id: strawberry.ID, since: datetime.date | None = None,
                                  until: datetime.date | None = None, first: int = 50) -> list[PublicCaseResultType]:
        hall = await visible_hall(info, from_global_id(hall_id, "Hall")[1])
        if hall is None:
            return []
        stmt = case_service.public_results_statement(hall_id=hall.id, since=since, until=until,
                                                     limit=min(max(first, 0), MAX_RESULTS))
        async with info.context.db.session() as session:
            rows = (await session.execute(stmt)).all()
        return [PublicCaseResultType(serial_number=row.serial_number, item_name=row.item_name,
                                     applicant=mask_name(row.applicant_name), completed_on=row.completed_on,
                                     result=_result_label(row.status, row.outcome)) for row in rows]
