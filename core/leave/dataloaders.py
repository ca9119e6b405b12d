"""Leave loaders."""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa

from core.graphql.loaders import ByKeyLoader, GroupedLoader, SqlLoader
from core.leave.models import LeaveRequest, LeaveStep
from core.leave.service import absent_at


class LeaveRequestByIdLoader(ByKeyLoader):
    model = LeaveRequest


class LeaveStepsByRequestIdLoader(GroupedLoader):
    model = LeaveStep
    key = "leave_request_id"
    order_by = ("position",)


class AbsenceByStaffAtLoader(SqlLoader):
    """(staff id, moment) → the leave keeping the staff member off the post then, or None.

    One statement per distinct moment in the batch (a request asks about one moment: now, or its ``at``).
    """

    async def batch_load(self, keys):
        by_moment = defaultdict(set)
        for staff_id, at in keys:
            by_moment[at].add(staff_id)
        found = {}
        for at, staff_ids in by_moment.items():
            stmt = (sa.select(LeaveRequest.__table__)
                    .where(LeaveRequest.staff_id.in_(staff_ids), absent_at(at))
                    .order_by(LeaveRequest.starts_at))
            for row in await self.rows(stmt):
                found[(row.staff_id, at)] = row
        return [found.get(key) for key in keys]


class LeaveAttachmentsByRequestIdLoader(SqlLoader):
    """leave request id → its attachments' metadata (never the content), in upload order; one statement."""

    async def batch_load(self, keys):
        from core.leave import attachments

        found = defaultdict(list)
        for row in await self.rows(attachments.metadata_statement(keys)):
            found[row.leave_request_id].append(row)
        return [found.get(key, []) for key in keys]
