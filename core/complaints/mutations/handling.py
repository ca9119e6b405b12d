"""What every hall-side complaint mutation does first: find the complaint, lock it, authorize."""

from __future__ import annotations

from core.auth.access import hall_scope, require
from core.complaints.models import Complaint
from core.errors import NotFoundError
from core.graphql.relay import from_global_id
from core.halls.models import Hall
from core.policy.access import policy_in_session

#: Fields of a complaint the audit log records before and after a change.
AUDITED = ("status", "deadline_on", "extended_from_on", "rejection_grounds", "referral", "substantiated",
           "complainant_satisfied", "rule_ids")


async def complaint_for(session, ctx, call, complaint_id, act: str = "handle"):
    """(complaint, hall, domain, policy): the complaint locked for the change, the caller authorized to ``act``."""
    complaint = await session.get(Complaint, from_global_id(complaint_id, "Complaint")[1], with_for_update=True)
    hall = await session.get(Hall, complaint.hall_id) if complaint else None
    if complaint is None or hall is None or not ctx.plugins.is_enabled(hall.jurisdiction_code):
        raise NotFoundError("投诉", "Complaint")
    call.acted(target_type="Complaint", target_id=complaint.id)
    domain = require(ctx, "complaint", act, hall_scope(ctx, hall))
    call.acted(domain=domain)
    return complaint, hall, domain, await policy_in_session(session, ctx.plugins, hall.jurisdiction_code)
