"""Sign-in, tokens, role grants through GraphQL, the audit log, and policy reload across workers."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa

from core.audit.models import AuditEntry
from core.auth import authorizer as authorizer_module
from core.auth import service as auth_service
from core.graphql.relay import to_global_id
from core.runtime import Runtime
from tests.conftest import settings_for
from tests.factories import make_hall, make_user

pytestmark = pytest.mark.db

GRANT = """mutation($input: RoleGrantInput!) { grantRole(input: $input) {
  __typename
  ... on RoleGrantSuccess { changed user { username roles { role domain } } }
  ... on Error { code message }
  ... on PermissionDenied { side } } }"""


async def audit_rows(db, **where):
    async with db.session() as session:
        stmt = sa.select(AuditEntry)
        for key, value in where.items():
            stmt = stmt.where(getattr(AuditEntry, key) == value)
        return (await session.execute(stmt.order_by(AuditEntry.at))).scalars().all()


async def test_sign_in_and_me(gql, db, runtime):
    await make_user(db, runtime, username="clerk", password="正确的密码")
    wrong = await gql.data('mutation { signIn(username: "clerk", password: "x") { __typename ... on SignInFailed { code message } } }')
    assert wrong["signIn"] == {"__typename": "SignInFailed", "code": "SIGN_IN_FAILED", "message": "用户名或密码错误。"}
    ok = await gql.data('mutation { signIn(username: "clerk", password: "正确的密码") { ... on SignInSuccess { token expiresAt user { username } } } }')
    token = ok["signIn"]["token"]
    assert ok["signIn"]["expiresAt"].endswith("+08:00")
    me = await gql.data("{ me { username roles { role } } }", headers={"Authorization": f"Bearer {token}"})
    assert me["me"] == {"username": "clerk", "roles": []}
    assert (await gql.data("{ me { username } }"))["me"] is None


async def test_expired_revoked_and_forged_tokens_are_anonymous(gql, db, runtime):
    from core.auth import tokens

    account = await make_user(db, runtime)
    assert (await gql.data("{ me { username } }", headers=account["headers"]))["me"] is not None
    forged = tokens.encode(secret="another-secret", user_id=account["user"].id, username="x", staff_id=None,
                           token_id=uuid.uuid4(), issued_at=tokens.utc_now(), expires_at=tokens.utc_now() + timedelta(hours=1))
    expired = tokens.encode(secret=runtime.secret_key, user_id=account["user"].id, username="x", staff_id=None,
                            token_id=uuid.uuid4(), issued_at=tokens.utc_now() - timedelta(hours=2),
                            expires_at=tokens.utc_now() - timedelta(hours=1))
    for token in (forged, expired):
        assert (await gql.data("{ me { username } }", headers={"Authorization": f"Bearer {token}"}))["me"] is None
    async with db.transaction() as session:
        assert await auth_service.revoke_token(session, token_id=account["token_id"])
    await runtime.authorizer.refresh(force=True)
    assert (await gql.data("{ me { username } }", headers=account["headers"]))["me"] is None


async def test_hall_admin_grants_in_own_hall_only_and_denials_are_audited(gql, db, runtime):
    own = await make_hall(db)
    other = await make_hall(db)
    admin = await make_user(db, runtime, roles=(("hall_admin", f"hall:{own.hall.id}"),))
    clerk = await make_user(db, runtime)
    grant = {"userId": to_global_id("User", clerk["user"].id), "role": "WINDOW_STAFF", "hallId": to_global_id("Hall", own.hall.id)}
    ok = await gql.data(GRANT, {"input": grant}, headers=admin["headers"])
    assert ok["grantRole"]["__typename"] == "RoleGrantSuccess" and ok["grantRole"]["changed"] is True
    assert ok["grantRole"]["user"]["roles"] == [{"role": "WINDOW_STAFF", "domain": f"hall:{own.hall.id}"}]
    again = await gql.data(GRANT, {"input": grant}, headers=admin["headers"])
    assert again["grantRole"]["changed"] is False

    denied = await gql.data(GRANT, {"input": {**grant, "hallId": to_global_id("Hall", other.hall.id)}}, headers=admin["headers"])
    assert denied["grantRole"]["__typename"] == "PermissionDenied"
    assert denied["grantRole"]["side"] == "HALL" and denied["grantRole"]["code"] == "PERMISSION_DENIED"
    en = await gql.data(GRANT, {"input": {**grant, "hallId": to_global_id("Hall", other.hall.id)}},
                        headers={**admin["headers"], "Accept-Language": "en"})
    assert en["grantRole"]["message"] == "Not allowed: this is for the hall side to decide."
    dept_role = await gql.data(GRANT, {"input": {**grant, "role": "CHIEF_REPRESENTATIVE", "hallId": None,
                                                 "departmentId": to_global_id("Department", own.departments[0].id)}},
                               headers=admin["headers"])
    # Department roles are the department's to grant.
    assert dept_role["grantRole"]["__typename"] == "PermissionDenied" and dept_role["grantRole"]["side"] == "DEPARTMENT"

    rows = await audit_rows(db, action="grantRole")
    assert [r.outcome for r in rows] == ["ok", "ok", "denied", "denied", "denied"]
    assert rows[0].domain == f"hall:{own.hall.id}" and rows[0].user_id == admin["user"].id
    assert rows[2].domain == f"hall:{other.hall.id}"
    assert len(runtime.authorizer.grants(clerk["user"].id)) == 1


async def test_anonymous_mutation_is_refused_and_audited(gql, db, runtime):
    graph = await make_hall(db)
    clerk = await make_user(db, runtime)
    result = await gql.data(GRANT, {"input": {"userId": to_global_id("User", clerk["user"].id), "role": "HALL_ADMIN",
                                               "hallId": to_global_id("Hall", graph.hall.id)}})
    assert result["grantRole"]["__typename"] == "AuthenticationRequired"
    assert [r.outcome for r in await audit_rows(db, action="grantRole")] == ["denied"]


async def test_bad_role_scope_is_a_validation_error(gql, db, runtime):
    graph = await make_hall(db)
    admin = await make_user(db, runtime, roles=(("platform_admin", "platform"),))
    result = await gql.data(GRANT, {"input": {"userId": to_global_id("User", admin["user"].id), "role": "HALL_ADMIN"}},
                            headers=admin["headers"])
    assert result["grantRole"]["__typename"] == "ValidationError" and "hallId" in result["grantRole"]["message"]
    assert graph.hall.id  # the hall exists; the input just did not name it


async def test_audit_log_is_readable_by_the_hall_office_only(gql, db, runtime):
    graph = await make_hall(db)
    office = await make_user(db, runtime, roles=(("hall_office_leader", f"hall:{graph.hall.id}"),
                                                  ("hall_admin", f"hall:{graph.hall.id}")))
    staff = await make_user(db, runtime, roles=(("window_staff", f"hall:{graph.hall.id}"),))
    await gql.data(GRANT, {"input": {"userId": to_global_id("User", staff["user"].id), "role": "SUPERVISOR",
                                     "hallId": to_global_id("Hall", graph.hall.id)}}, headers=office["headers"])
    query = "query($h: ID) { auditLog(hallId: $h) { totalCount edges { node { action outcome username domain after } } } }"
    log = await gql.data(query, {"h": to_global_id("Hall", graph.hall.id)}, headers=office["headers"])
    assert log["auditLog"]["totalCount"] == 1
    assert log["auditLog"]["edges"][0]["node"]["action"] == "grantRole"
    assert log["auditLog"]["edges"][0]["node"]["after"]["role"] == "supervisor"
    denied = await gql.execute(query, {"h": to_global_id("Hall", graph.hall.id)}, headers=staff["headers"])
    assert denied["data"] is None and denied["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    everything = await gql.execute("{ auditLog { totalCount } }", headers=office["headers"])
    assert everything["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"


async def test_audit_rows_cannot_be_edited(db):
    async with db.transaction() as session:
        session.add(AuditEntry(action="x", outcome="ok"))
    with pytest.raises(Exception, match="append-only"):
        async with db.transaction() as session:
            await session.execute(sa.update(AuditEntry).values(outcome="changed"))


async def test_policy_change_reaches_another_worker(db, runtime, database_url, monkeypatch):
    graph = await make_hall(db)
    clerk = await make_user(db, runtime)
    other_worker = Runtime.create(settings_for(database_url))
    try:
        await other_worker.authorizer.refresh(force=True)
        scope = authorizer_module.Scope.hall(graph.hall.id, "jiedong", "44")
        assert not other_worker.authorizer.can(clerk["user"].id, "attendance", "write", scope)
        async with db.transaction() as session:
            from core.auth.roles import Role

            await auth_service.grant_role(session, user_id=clerk["user"].id, role=Role.SUPERVISOR, domain=f"hall:{graph.hall.id}")
        monkeypatch.setattr(authorizer_module, "RELOAD_INTERVAL", 0.0)
        await other_worker.authorizer.refresh()
        assert other_worker.authorizer.can(clerk["user"].id, "attendance", "write", scope)
    finally:
        await other_worker.close()
