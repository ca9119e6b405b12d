"""Queue loaders."""

from collections import defaultdict

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from core.graphql.loaders import ByKeyLoader, SqlLoader
from core.queue.models import CALLABLE_STATUSES, QueueTicket, TicketStatus


class TicketByIdLoader(ByKeyLoader):
    model = QueueTicket


class CurrentTicketByWindowIdLoader(SqlLoader):
    """The ticket each window has called or is serving (the newest call if several): one statement."""

    async def batch_load(self, keys):
        stmt = (sa.select(QueueTicket.__table__).where(
                    QueueTicket.window_id.in_(keys),
                    QueueTicket.status.in_([TicketStatus.CALLED.value, TicketStatus.SERVING.value]))
                .order_by(QueueTicket.called_at))
        current = {row.window_id: row for row in await self.rows(stmt)}  # the newest call wins
        return [current.get(key) for key in keys]


class TicketsAheadByTicketIdLoader(SqlLoader):
    """How many callable tickets of the same department and day would be called before each ticket: one join."""

    async def batch_load(self, keys):
        other = aliased(QueueTicket)
        ahead = sa.and_(
            other.hall_id == QueueTicket.hall_id,
            other.issued_on == QueueTicket.issued_on,
            other.department_id == QueueTicket.department_id,
            other.status.in_(CALLABLE_STATUSES),
            other.id != QueueTicket.id,
            sa.or_(other.priority > QueueTicket.priority,
                   sa.and_(other.priority == QueueTicket.priority, other.issued_at < QueueTicket.issued_at),
                   sa.and_(other.priority == QueueTicket.priority, other.issued_at == QueueTicket.issued_at,
                           other.number < QueueTicket.number)),
        )
        stmt = (sa.select(QueueTicket.id, sa.func.count(other.id)).select_from(QueueTicket)
                .outerjoin(other, ahead).where(QueueTicket.id.in_(keys)).group_by(QueueTicket.id))
        counts = defaultdict(int, {ticket_id: count for ticket_id, count in await self.rows(stmt)})
        return [counts[key] for key in keys]
