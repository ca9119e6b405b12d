"""Provincial ingestion: the ingestEvents mutation and the reported ratings query."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from core.auth.access import jurisdiction_scope, require
from core.graphql.relay import Connection, paginate
from core.reporting import service as reporting_service
from core.reporting.models import ReportedRating
from core.reporting.mutations.ingest_events import IngestEventsResult, ingest_events
from core.reporting.types import ReportedRatingType


@strawberry.type
class ReportingQuery:
    @strawberry.field(description="上报的好差评 of one county, newest first: provincial integrators of its province")
    async def reported_ratings(self, info: Info, jurisdiction: str, first: int | None = 20,
                               after: str | None = None) -> Connection[ReportedRatingType]:
        ctx = info.context
        require(ctx, "reported_rating", "read", jurisdiction_scope(ctx, jurisdiction))
        stmt = reporting_service.list_ratings_statement(jurisdiction_codes=[jurisdiction])
        async with ctx.db.session() as session:
            return await paginate(session, stmt, order_by=(ReportedRating.rated_at, ReportedRating.id), first=first,
                                  after=after, to_node=ReportedRatingType.from_model, descending=True)


@strawberry.type
class ReportingMutation:
    ingest_events: IngestEventsResult = strawberry.mutation(
        resolver=ingest_events,
        description="上报: a county's hall-data events, deduplicated by id and applied in order per entity "
                    "(the county reporter of each event's jurisdiction only)",
    )
