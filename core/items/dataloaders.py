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
            sa.select(HallItem.hall_id, ServiceItem)
            .join(ServiceItem, ServiceItem.id == HallItem.item_id)
            .where(HallItem.hall_id.in_(keys), HallItem.status == HallItemStatus.ACTIVE)
            .order_by(ServiceItem.code)
        )
        groups = defaultdict(list)
        async with self.db.session() as session:
            for hall_id, item in (await session.execute(stmt)).all():
                groups[hall_id].append(item)
        return [groups.get(key, []) for key in keys]
