"""The seed policy file and the migrations agree: every p-line of seed_policy.csv is in a migrated database."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.auth.authorizer import seed_policy
from core.auth.models import CasbinRule

pytestmark = pytest.mark.db


async def test_migrations_seed_exactly_the_policy_file(db):
    async with db.session() as session:
        rows = (await session.execute(
            sa.select(CasbinRule.v0, CasbinRule.v1, CasbinRule.v2, CasbinRule.v3).where(CasbinRule.ptype == "p")
        )).all()
    assert sorted(tuple(row) for row in rows) == sorted(seed_policy())
