"""Audit of denials: refused reads and exports leave an audit row, sampled per caller (no flooding)."""

from __future__ import annotations

import sqlalchemy as sa

from core.audit.models import AuditEntry
from core.graphql.relay import to_global_id
from tests.factories import make_hall, make_user

READ = "{ auditLog(first: 1) { edges { cursor } } }"


async def denied_rows(db, action: str) -> list[AuditEntry]:
    async with db.session() as session:
        return (await session.execute(sa.select(AuditEntry).where(AuditEntry.action == action,
                                                                  AuditEntry.outcome == "denied"))).scalars().all()


async def test_a_refused_read_is_audited_and_sampled_per_caller(gql, db, runtime):
    body = await gql.execute(READ)
    assert body["errors"][0]["extensions"]["code"] in ("UNAUTHENTICATED", "PERMISSION_DENIED")
    rows = await denied_rows(db, "read:auditLog")
    assert len(rows) == 1 and rows[0].user_id is None and rows[0].detail.startswith(body["errors"][0]["extensions"]["code"])
    for _ in range(14):
        await gql.execute(READ)
    assert len(await denied_rows(db, "read:auditLog")) == 10  # auditDenial: 10 per minute per caller
    # Another caller has a sample of their own.
    clerk = await make_user(db, runtime)
    await gql.execute(READ, headers=clerk["headers"])
    rows = await denied_rows(db, "read:auditLog")
    assert len(rows) == 11 and any(r.user_id == clerk["user"].id for r in rows)


async def test_a_refused_export_is_audited(gql, db, runtime):
    graph = await make_hall(db)
    clerk = await make_user(db, runtime)
    response = await gql.http.get("/exports/bulletin.csv", params={"hallId": to_global_id("Hall", graph.hall.id),
                                                                          "from": "2026-11-01", "to": "2026-11-30"},
                                  headers=clerk["headers"])
    assert response.status_code in (401, 403)
    rows = await denied_rows(db, "export:bulletin.csv")
    assert len(rows) == 1 and rows[0].user_id == clerk["user"].id and rows[0].detail.startswith("PERMISSION_DENIED")
