"""Provincial ingestion: the ingestEvents mutation and the reported ratings query."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from core.auth.access import jurisdiction_scope, require
from core.graphql.relay import Connection, paginate
from core.reporting import service as reporting_service
from core.reporting.models import ReportedCase, ReportedRating
from core.reporting.mutations.ingest_events import IngestEventsResult, ingest_events
from core.reporting.types import ReportedCaseType, ReportedRatingType
from core.timezones import local_today


@strawberry.type
class ReportingQuery:
    @strawberry.field(description="上报的好差评 of one county, newest first: provincial integrators of its province")
    async def reported_ratings(self, info: Info, jurisdiction: str, first: int | None = 20,
                               after: str | None = None,
                               counts_in_assessment: bool | None = None) -> Connection[ReportedRatingType]:
        ctx = info.context
        require(ctx, "reported_rating", "read", jurisdiction_scope(ctx, jurisdiction))
        stmt = reporting_service.list_ratings_statement(jurisdiction_codes=[jurisdiction],
                                                        counts_in_assessment=counts_in_assessment)
        async with ctx.db.session() as session:
            return await paginate(session, stmt, order_by=(ReportedRating.rated_at, ReportedRating.id), first=first,
                                  after=after, to_node=ReportedRatingType.from_model, descending=True)

    @strawberry.field(description="上报的办件 of one county, newest accepted first: provincial integrators of its province")
    async def reported_cases(self, info: Info, jurisdiction: str, first: int | None = 20, after: str | None = None,
                             status: str | None = None,
                             serial_number: str | None = None) -> Connection[ReportedCaseType]:
        ctx = info.context
        require(ctx, "reported_case", "read", jurisdiction_scope(ctx, jurisdiction))
        stmt = reporting_service.list_cases_statement(jurisdiction_codes=[jurisdiction], status=status,
                                                      serial_number=serial_number)
        today = local_today(ctx.runtime.now())
        async with ctx.db.session() as session:
            return await paginate(session, stmt, order_by=(ReportedCase.accepted_at, ReportedCase.id), first=first,
                                  after=after, to_node=lambda row: ReportedCaseType.from_model(row, today=today),
                                  descending=True)


@strawberry.type
class ReportingMutation:
    ingest_events: IngestEventsResult = strawberry.mutation(
        resolver=ingest_events,
        description="上报: a county's hall-data events, deduplicated by id and applied in order per entity "
                    "(the county reporter of each event's jurisdiction only)",
    )
