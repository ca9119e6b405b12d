"""Two approvals of the same step sent at once: exactly one wins, the other gets a ConflictError; nothing half-written."""

from __future__ import annotations

import asyncio

import pytest
import sqlalchemy as sa

from core.leave.models import LeaveRequest, LeaveStep
from tests.factories import make_hall
from tests.staffing import DECIDE_STEP, REQUEST_LEAVE, gid, people, pin_clock
from tests.test_auth import audit_rows

pytestmark = pytest.mark.db


async def test_two_approvals_of_the_same_step_at_once(gql, db, runtime, monkeypatch, backend):
    pin_clock(monkeypatch, 2026, 11, 20, 9, 0)
    graph = await make_hall(db, jurisdiction="jiedong")
    team = await people(db, runtime, graph)
    leave = (await gql.data(REQUEST_LEAVE, {"input": {
        "staffId": gid("Staff", graph.staff[0]), "kind": "SICK", "startsOn": "2026-11-24", "endsOn": "2026-11-24",
        "substituteId": gid("Staff", graph.staff[1])}}, headers=team.headers("staff0")))["requestLeave"]["leaveRequest"]
    first_step = leave["steps"][0]["id"]  # window unit (department): the leader and the principal may both agree

    async def approve(role):
        return await gql.data(DECIDE_STEP, {"input": {"stepId": first_step, "approve": True, "comment": role}},
                              headers=team.headers(role))

    if backend == "postgresql":
        # Make the race certain: both transactions have read the pending step before either claims it, so the
        # version check in the UPDATE (not a re-read) is what turns the loser away.
        from core.leave import service as leave_service

        barrier, real_claim = asyncio.Barrier(2), leave_service.claim

        async def claim_together(session, row, **kwargs):
            await asyncio.wait_for(barrier.wait(), timeout=10)
            return await real_claim(session, row, **kwargs)

        monkeypatch.setattr(leave_service, "claim", claim_together)
    results = await asyncio.gather(approve("department_leader"), approve("principal"))
    outcomes = sorted(r["decideLeaveStep"]["__typename"] for r in results)
    assert outcomes == ["ConflictError", "LeaveStepDecisionSuccess"], results
    loser = next(r["decideLeaveStep"] for r in results if r["decideLeaveStep"]["__typename"] == "ConflictError")
    assert loser["code"] == "LEAVE_STEP_ALREADY_DECIDED"

    async with db.session() as session:
        request = (await session.execute(sa.select(LeaveRequest))).scalar_one()
        steps = (await session.execute(sa.select(LeaveStep).order_by(LeaveStep.position))).scalars().all()
    winner = next(r["decideLeaveStep"] for r in results if r["decideLeaveStep"]["__typename"] != "ConflictError")
    assert request.version == 2 and request.current_position == 1
    assert [s.status for s in steps] == ["done", "pending", "waiting", "waiting"]
    assert steps[0].comment in ("department_leader", "principal")
    assert winner["leaveRequest"]["steps"][0]["status"] == "DONE"
    audit = await audit_rows(db, action="decideLeaveStep")
    assert sorted(r.outcome for r in audit) == ["ok", "rejected"]
    assert next(r for r in audit if r.outcome == "rejected").detail == "LEAVE_STEP_ALREADY_DECIDED"
