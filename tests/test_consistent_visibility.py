"""A dashboard over a hall the caller may not read: every list answers empty, none nulls the whole query."""

from __future__ import annotations

import sqlalchemy as sa

from core.audit.models import AuditEntry
from core.graphql.relay import to_global_id
from tests.factories import make_hall, make_user

DASHBOARD = """query($hall: ID!) {
  cases(hallId: $hall) { totalCount edges { node { serialNumber } } }
  ratings(hallId: $hall) { totalCount edges { node { level } } }
  complaints(hallId: $hall) { totalCount edges { node { reference } } }
}"""


async def test_lists_over_an_unreadable_hall_answer_empty_and_the_refusal_is_audited(gql, db, runtime):
    graph = await make_hall(db)
    stranger = await make_user(db, runtime, roles=(("hall_admin", f"hall:{(await make_hall(db)).hall.id}"),))
    for headers in (stranger["headers"], {}):
        body = await gql.execute(DASHBOARD, {"hall": to_global_id("Hall", graph.hall.id)}, headers=headers)
        assert not body.get("errors"), body["errors"]
        assert {name: value["totalCount"] for name, value in body["data"].items()} == {"cases": 0, "ratings": 0, "complaints": 0}
    async with db.session() as session:
        actions = (await session.execute(sa.select(AuditEntry.action).where(AuditEntry.outcome == "denied"))).scalars().all()
    assert {"read:ratings", "read:complaints"} <= set(actions)
