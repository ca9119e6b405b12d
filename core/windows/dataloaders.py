"""Window loaders."""

from collections import defaultdict

import sqlalchemy as sa

from core.graphql.loaders import ByKeyLoader, GroupedLoader, SqlLoader
from core.staff.models import Staff
from core.windows.models import Window, WindowAssignment, WindowHandover


class WindowByIdLoader(ByKeyLoader):
    model = Window


class WindowsByHallIdLoader(GroupedLoader):
    model = Window
    key = "hall_id"
    order_by = ("number", "id")

    def statement(self, keys):
        """A retired window (撤销) keeps its history but is no longer one of the hall's windows."""
        return super().statement(keys).where(Window.retired_at.is_(None))


class AssignmentsByWindowIdLoader(SqlLoader):
    """Staff rows on each window, with their post (``post_role``, ``assigned_at``), A role first: one join."""

    async def batch_load(self, keys):
        stmt = (
            sa.select(
                Staff.__table__,
                WindowAssignment.window_id.label("assigned_window_id"),
                WindowAssignment.role.label("post_role"),
                WindowAssignment.assigned_at.label("assigned_at"),
            )
            .join(WindowAssignment, Staff.id == WindowAssignment.staff_id)
            .where(WindowAssignment.window_id.in_(keys))
            .order_by(WindowAssignment.role, Staff.staff_number)
        )
        groups = defaultdict(list)
        for row in await self.rows(stmt):
            groups[row.assigned_window_id].append(row)
        return [groups.get(key, []) for key in keys]


class AssignmentsByStaffIdLoader(GroupedLoader):
    model = WindowAssignment
    key = "staff_id"
    order_by = ("role", "id")


class WindowHandoverByIdLoader(ByKeyLoader):
    model = WindowHandover
