"""closeCaseAnomaly: 异常调查结案 by the hall office (panyu Art 21)."""

from __future__ import annotations

from typing import Annotated, Union

import strawberry
from strawberry.types import Info

from core.auth.access import hall_scope, require
from core.cases import service as case_service
from core.cases.models import CaseAnomaly
from core.cases.mutations.case_return import reason_or_error
from core.cases.types import CaseAnomalyType
from core.errors import NotFoundError
from core.graphql.errors import ERROR_TYPES
from core.graphql.mutations import run_mutation
from core.graphql.relay import from_global_id
from core.halls.models import Hall


@strawberry.input
class CloseCaseAnomalyInput:
    anomaly_id: strawberry.ID
    conclusion: str = strawberry.field(description="调查结论")


@strawberry.type
class CloseCaseAnomalySuccess:
    anomaly: CaseAnomalyType


CloseCaseAnomalyResult = Annotated[Union[CloseCaseAnomalySuccess, *ERROR_TYPES],
                                   strawberry.union("CloseCaseAnomalyResult")]


async def close_case_anomaly(info: Info, input: CloseCaseAnomalyInput) -> CloseCaseAnomalyResult:
    ctx = info.context

    async def body(session, call):
        anomaly = await session.get(CaseAnomaly, from_global_id(input.anomaly_id, "CaseAnomaly")[1], with_for_update=True)
        hall = await session.get(Hall, anomaly.hall_id) if anomaly else None
        if anomaly is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
            raise NotFoundError("异常调查", "Anomaly investigation")
        call.acted(target_type="CaseAnomaly", target_id=anomaly.id)
        domain = require(ctx, "case_anomaly", "handle", hall_scope(ctx, hall))
        await case_service.close_anomaly(session, anomaly=anomaly, conclusion=reason_or_error(input.conclusion, "conclusion"),
                                         at=ctx.runtime.now())
        call.acted(domain=domain, before={"status": "open"}, after={"status": anomaly.status})
        return CloseCaseAnomalySuccess(anomaly=CaseAnomalyType.from_model(anomaly))

    return await run_mutation(info, "closeCaseAnomaly", body)
