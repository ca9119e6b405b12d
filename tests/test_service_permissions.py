"""The service-delivery permissions, allow and deny side by side (RULEBOOK §2), and the migrated policy equals
the seed policy file."""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa

from core.auth import service as auth_service
from core.auth.authorizer import Scope, seed_policy
from core.auth.models import CasbinRule
from core.auth.roles import Role

pytestmark = pytest.mark.db

HALL, OTHER_HALL, DEPT = uuid.UUID(int=7), uuid.UUID(int=70), uuid.UUID(int=8)
# (object, action, scope kind, roles allowed) — every other role is denied.
MATRIX = [
    ("hall_item", "propose", "dept", {Role.CHIEF_REPRESENTATIVE, Role.DEPARTMENT_LEADER}),
    ("hall_item", "approve", "hall", {Role.HALL_ADMIN, Role.HALL_OFFICE_LEADER}),
    ("hall_item", "government_approve", "jurisdiction", {Role.GOVERNMENT_APPROVER}),
    ("queue", "call", "hall", {Role.HALL_ADMIN, Role.WINDOW_STAFF}),
    ("queue", "issue_priority", "hall", {Role.HALL_ADMIN, Role.CONSULTATION_DESK, Role.WINDOW_STAFF}),
    ("case_anomaly", "handle", "hall", {Role.HALL_ADMIN, Role.HALL_OFFICE_LEADER, Role.SUPERVISOR}),
    ("case", "write", "hall", {Role.WINDOW_STAFF}),
    ("case", "write", "dept", {Role.CHIEF_REPRESENTATIVE}),
    ("case_decision", "approve", "dept", {Role.CHIEF_REPRESENTATIVE}),
]


def domain_for(role: Role) -> str:
    return {"hall": f"hall:{HALL}", "dept": f"dept:{DEPT}", "jurisdiction": "jurisdiction:dongying",
            "province": "province:37", "platform": "platform"}[role.domain_type.value]


@pytest.fixture
async def users(db, runtime):
    found = {}
    async with db.transaction() as session:
        for role in Role:
            if role in (Role.PLATFORM_ADMIN, Role.PROVINCIAL_INTEGRATOR):
                continue
            user = await auth_service.create_user(session, username=f"p-{role.value}", display_name=role.title)
            await auth_service.grant_role(session, user_id=user.id, role=role, domain=domain_for(role))
            found[role] = user.id
    await runtime.authorizer.refresh(force=True)
    return found


@pytest.mark.parametrize("obj,act,kind,allowed", MATRIX, ids=[f"{m[0]} {m[1]} ({m[2]})" for m in MATRIX])
async def test_who_may(runtime, users, obj, act, kind, allowed):
    scopes = {"hall": (Scope.hall(HALL, "dongying", "37"), Scope.hall(OTHER_HALL, "panyu", "44")),
              "dept": (Scope.department(DEPT), Scope.department(uuid.UUID(int=80))),
              "jurisdiction": (Scope.jurisdiction("dongying", "37"), Scope.jurisdiction("panyu", "44"))}[kind]
    own, other = scopes
    for role, user_id in users.items():
        assert runtime.authorizer.can(user_id, obj, act, own) is (role in allowed), f"{role.value} {obj} {act}"
        assert runtime.authorizer.can(user_id, obj, act, other) is False, f"{role.value} elsewhere"


async def test_the_migrations_seed_exactly_the_policy_file(db):
    async with db.session() as session:
        rows = (await session.execute(sa.select(CasbinRule.v0, CasbinRule.v1, CasbinRule.v2, CasbinRule.v3)
                                      .where(CasbinRule.ptype == "p"))).all()
    assert sorted(tuple(r) for r in rows) == sorted(seed_policy())
