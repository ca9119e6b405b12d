"""The seed policy in core/auth/seed_policy.csv is exactly what the migrations put in the database."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.auth.authorizer import seed_policy
from core.auth.models import CasbinRule

pytestmark = pytest.mark.db


async def test_migrated_permissions_equal_the_seed_policy(db):
    async with db.session() as session:
        rows = (await session.execute(sa.select(CasbinRule.v0, CasbinRule.v1, CasbinRule.v2, CasbinRule.v3)
                                      .where(CasbinRule.ptype == "p"))).all()
    in_database = sorted(tuple(row) for row in rows)
    assert in_database == sorted(seed_policy())
    assert len(in_database) == len(set(in_database))
