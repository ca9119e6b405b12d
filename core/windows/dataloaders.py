"""Window loaders."""

from collections import defaultdict

import sqlalchemy as sa

from core.graphql.loaders import ByKeyLoader, GroupedLoader, SqlLoader
from core.staff.models import Staff
from core.windows.models import Window, WindowAssignment


class WindowByIdLoader(ByKeyLoader):
    model = Window


class WindowsByHallIdLoader(GroupedLoader):
    model = Window
    key = "hall_id"
    order_by = ("number", "id")


class AssignmentsByWindowIdLoader(SqlLoader):
    """(assignment, staff) pairs per window, A role first: one join for all windows asked."""

    async def batch_load(self, keys):
        stmt = (
            sa.select(WindowAssignment, Staff)
            .join(Staff, Staff.id == WindowAssignment.staff_id)
            .where(WindowAssignment.window_id.in_(keys))
            .order_by(WindowAssignment.role, Staff.staff_number)
        )
        groups = defaultdict(list)
        async with self.db.session() as session:
            for assignment, staff in (await session.execute(stmt)).all():
                groups[assignment.window_id].append((assignment, staff))
        return [groups.get(key, []) for key in keys]


class AssignmentsByStaffIdLoader(GroupedLoader):
    model = WindowAssignment
    key = "staff_id"
    order_by = ("role", "id")
