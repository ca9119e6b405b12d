"""Service item loaders."""

from collections import defaultdict

import sqlalchemy as sa

from core.graphql.loaders import ByKeyLoader, SqlLoader
from core.items.models import HallItem, HallItemStatus, ServiceItem


class ServiceItemByIdLoader(ByKeyLoader):
    model = ServiceItem


class ServiceItemByCodeLoader(ByKeyLoader):
    model = ServiceItem
    key = "code"


class ActiveServiceItemsByHallIdLoader(SqlLoader):
    """Items offered (已进驻) in each hall, by code."""

    async def batch_load(self, keys):
        stmt = (
            sa.select(ServiceItem.__table__, HallItem.hall_id.label("offered_in_hall_id"))
            .join(HallItem, ServiceItem.id == HallItem.item_id)
            .where(HallItem.hall_id.in_(keys), HallItem.status == HallItemStatus.ACTIVE)
            .order_by(ServiceItem.code)
        )
        groups = defaultdict(list)
        for row in await self.rows(stmt):
            groups[row.offered_in_hall_id].append(row)
        return [groups.get(key, []) for key in keys]
