"""Case queries and mutations."""

from __future__ import annotations

from typing import Annotated

import sqlalchemy as sa
import strawberry
from strawberry.types import Info

from core.auth.access import can, hall_scope
from core.cases import service as case_service
from core.cases.access import case_visibility, case_visible
from core.cases.dataloaders import CaseBySerialNumberLoader
from core.cases.models import AnomalyStatus, Case, CaseAnomaly
from core.cases.mutations.case_accept import AcceptCaseResult, accept_case
from core.cases.mutations.case_anomaly_close import CloseCaseAnomalyResult, close_case_anomaly
from core.cases.mutations.case_complete import CompleteCaseResult, complete_case
from core.cases.mutations.case_issue_correction_notice import IssueCorrectionNoticeResult, issue_correction_notice
from core.cases.mutations.case_receive_supplement import ReceiveSupplementResult, receive_supplement
from core.cases.mutations.case_return import ReturnCaseResult, return_case
from core.cases.mutations.case_terminate import TerminateCaseResult, terminate_case
from core.cases.types import CaseAnomalyType, CaseType
from core.graphql.enums import AnomalyStatusEnum, CaseCategoryEnum, CaseStatusEnum
from core.graphql.helpers import loader
from core.graphql.relay import Connection, from_global_id, paginate
from core.halls.schema import visible_hall


def _empty() -> Connection:
    from core.graphql.relay import PageInfo

    return Connection(edges=[], page_info=PageInfo(has_next_page=False, has_previous_page=False, start_cursor=None,
                                                   end_cursor=None), total_count=0)


@strawberry.type
class CaseQuery:
    @strawberry.field(description="办件列表: the cases you may read, newest first (Relay connection). Cases are not "
                                  "public: the hall's roles, the item's department, the province's integrators")
    async def cases(
        self,
        info: Info,
        hall_id: strawberry.ID | None = None,
        status: list[CaseStatusEnum] | None = None,
        category: list[CaseCategoryEnum] | None = None,
        overdue: Annotated[bool | None, strawberry.argument(description="超期 only (true) or not overdue (false)")] = None,
        search: Annotated[str | None, strawberry.argument(description="办件流水号包含")] = None,
        first: int | None = 20,
        after: str | None = None,
    ) -> Connection[CaseType]:
        ctx = info.context
        visibility = case_visibility(ctx)
        hall_uuid = from_global_id(hall_id, "Hall")[1] if hall_id else None
        if visibility.nothing or (hall_uuid is not None and await visible_hall(info, hall_uuid) is None):
            return _empty()
        stmt = case_service.list_statement(
            visibility=visibility, enabled_codes=ctx.plugins.enabled_codes,
            today=case_service.local_date(ctx.runtime.now()), hall_id=hall_uuid,
            statuses=[s.value for s in status] if status else None,
            categories=[c.value for c in category] if category else None, overdue=overdue, search=search,
        )
        async with ctx.db.session() as session:
            return await paginate(session, stmt, order_by=(Case.accepted_at, Case.id), first=first, after=after,
                                  to_node=CaseType.from_model, descending=True)

    @strawberry.field(description="一件办件, by its 办件流水号; null when it does not exist or you may not read it")
    async def case(self, info: Info, serial_number: str) -> CaseType | None:
        row = await loader(info, CaseBySerialNumberLoader).load(serial_number.strip())
        return CaseType.from_model(row) if row is not None and await case_visible(info, row) else None

    @strawberry.field(description="办件异常调查 of a hall (panyu Art 21), newest first: the hall office's")
    async def case_anomalies(
        self,
        info: Info,
        hall_id: strawberry.ID,
        status: AnomalyStatusEnum | None = AnomalyStatus.OPEN,
        first: int | None = 20,
        after: str | None = None,
    ) -> Connection[CaseAnomalyType]:
        ctx = info.context
        hall = await visible_hall(info, from_global_id(hall_id, "Hall")[1])
        if hall is None or not can(ctx, "case_anomaly", "read", hall_scope(ctx, hall)):
            return _empty()
        stmt = sa.select(CaseAnomaly.__table__).where(CaseAnomaly.hall_id == hall.id)
        if status is not None:
            stmt = stmt.where(CaseAnomaly.status == status.value)
        async with ctx.db.session() as session:
            return await paginate(session, stmt, order_by=(CaseAnomaly.created_at, CaseAnomaly.id), first=first,
                                  after=after, to_node=CaseAnomalyType.from_model, descending=True)


@strawberry.type
class CaseMutation:
    accept_case: AcceptCaseResult = strawberry.mutation(
        resolver=accept_case, description="受理: serial number, category, deadline (window staff of the hall, or the "
                                          "item's department)")
    issue_correction_notice: IssueCorrectionNoticeResult = strawberry.mutation(
        resolver=issue_correction_notice,
        description="补正告知: list every missing material at once (一次性告知); the clock pauses")
    receive_supplement: ReceiveSupplementResult = strawberry.mutation(
        resolver=receive_supplement,
        description="材料补齐: a 补办件's clock starts, a paused clock resumes, a 容缺 promise is kept (or late)")
    complete_case: CompleteCaseResult = strawberry.mutation(
        resolver=complete_case,
        description="办结: 准予/不予 — the chief representative decides; window staff complete 即办件")
    return_case: ReturnCaseResult = strawberry.mutation(resolver=return_case, description="退件, with the reason")
    terminate_case: TerminateCaseResult = strawberry.mutation(
        resolver=terminate_case, description="终止办理 (on the applicant's request: watched for repeats)")
    close_case_anomaly: CloseCaseAnomalyResult = strawberry.mutation(
        resolver=close_case_anomaly, description="异常调查结案 (hall office)")
