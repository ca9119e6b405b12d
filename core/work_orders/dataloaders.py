"""Work order loaders."""

from collections import defaultdict

import sqlalchemy as sa

from core.graphql.loaders import SqlLoader
from core.work_orders.models import WorkOrderEvent


class WorkOrderEventsByOrderIdLoader(SqlLoader):
    """Each order's steps in order: one statement for any number of orders."""

    async def batch_load(self, keys):
        stmt = (sa.select(WorkOrderEvent.__table__).where(WorkOrderEvent.work_order_id.in_(keys))
                .order_by(WorkOrderEvent.work_order_id, WorkOrderEvent.sequence))
        grouped = defaultdict(list)
        for row in await self.rows(stmt):
            grouped[row.work_order_id].append(row)
        return [grouped[key] for key in keys]
