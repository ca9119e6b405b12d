"""Identity that ends: a disabled or deleted user, a revoked token or a revoked grant stops working
within a second in every worker, whoever made the change; deleting rows never revives a token."""

from __future__ import annotations

import asyncio

import httpx
import pytest
import sqlalchemy as sa

from core.app import create_app
from core.audit.models import AuditEntry
from core.auth import service as auth_service
from core.auth.authorizer import RELOAD_INTERVAL
from core.auth.roles import Role
from core.graphql.relay import to_global_id
from core.runtime import Runtime
from tests.conftest import settings_for
from tests.factories import make_hall, make_user

ME = "{ me { username } }"


@pytest.fixture
async def workers(runtime, database_url, db):
    """Two workers on one database: this test's runtime and a second one, each with its own caches."""
    other = Runtime.create(settings_for(database_url))
    clients = []
    for rt in (runtime, other):
        transport = httpx.ASGITransport(app=create_app(rt, check_on_startup=False))
        clients.append(httpx.AsyncClient(transport=transport, base_url="http://tingwu.test"))
    yield clients
    for client in clients:
        await client.aclose()
    await other.close()


async def me(client, headers) -> dict | None:
    response = await client.post("/graphql", json={"query": ME}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["data"]["me"]


async def everywhere(workers, headers) -> list:
    return [await me(client, headers) for client in workers]


async def wait_past_reload():
    await asyncio.sleep(RELOAD_INTERVAL + 0.1)


@pytest.mark.parametrize("change", [
    "UPDATE app_user SET active = false WHERE id = :user",
    "DELETE FROM access_token WHERE user_id = :user",
])
async def test_a_change_made_in_sql_ends_the_token_in_every_worker_within_a_second(workers, db, runtime, change):
    account = await make_user(db, runtime)
    name = account["user"].username
    assert await everywhere(workers, account["headers"]) == [{"username": name}] * 2  # cached in both
    async with db.transaction() as session:
        await session.execute(sa.text(change), {"user": account["user"].id if db.dialect == "postgresql" else account["user"].id.hex})
    await wait_past_reload()
    assert await everywhere(workers, account["headers"]) == [None, None]


async def test_a_deleted_user_is_anonymous_everywhere(workers, db, runtime):
    account = await make_user(db, runtime)
    assert await everywhere(workers, account["headers"]) == [{"username": account["user"].username}] * 2
    async with db.transaction() as session:
        await session.execute(sa.delete(auth_service.AccessToken).where(auth_service.AccessToken.user_id == account["user"].id))
        await session.execute(sa.delete(auth_service.User).where(auth_service.User.id == account["user"].id))
    await wait_past_reload()
    assert await everywhere(workers, account["headers"]) == [None, None]


async def test_revocation_is_not_undone_by_deleting_rows(workers, db, runtime):
    account = await make_user(db, runtime)
    async with db.transaction() as session:
        assert await auth_service.revoke_token(session, token_id=account["token_id"])
    await wait_past_reload()
    assert await everywhere(workers, account["headers"]) == [None, None]
    # Somebody "cleans up" the revoked tokens: the token still does not come back.
    async with db.transaction() as session:
        await session.execute(sa.delete(auth_service.AccessToken).where(auth_service.AccessToken.revoked_at.is_not(None)))
    await wait_past_reload()
    assert await everywhere(workers, account["headers"]) == [None, None]


async def test_a_disabled_user_cannot_sign_in_nor_use_a_token_and_the_answer_is_the_same(workers, db, runtime):
    account = await make_user(db, runtime, password="正确的密码")
    async with db.transaction() as session:
        user = await session.get(auth_service.User, account["user"].id)
        user.active = False
    await wait_past_reload()
    assert await everywhere(workers, account["headers"]) == [None, None]
    query = 'mutation($u: String!) { signIn(username: $u, password: "正确的密码") { __typename ... on SignInFailed { code } } }'
    response = await workers[1].post("/graphql", json={"query": query, "variables": {"u": account["user"].username}})
    assert response.json()["data"]["signIn"] == {"__typename": "SignInFailed", "code": "SIGN_IN_FAILED"}
    # Enabled again: the same token works again (it was never revoked).
    async with db.transaction() as session:
        user = await session.get(auth_service.User, account["user"].id)
        user.active = True
    await wait_past_reload()
    assert await everywhere(workers, account["headers"]) == [{"username": account["user"].username}] * 2


async def test_a_revoked_grant_ends_in_every_worker_within_a_second(workers, db, runtime):
    graph = await make_hall(db)
    domain = f"hall:{graph.hall.id}"
    account = await make_user(db, runtime, roles=(("hall_admin", domain),))

    async def roles():
        query = "{ me { roles { role domain } } }"
        return [(await client.post("/graphql", json={"query": query}, headers=account["headers"])).json()["data"]["me"]["roles"]
                for client in workers]

    assert await roles() == [[{"role": "HALL_ADMIN", "domain": domain}]] * 2
    async with db.transaction() as session:
        assert await auth_service.revoke_role(session, user_id=account["user"].id, role=Role("hall_admin"), domain=domain)
    await wait_past_reload()
    assert await roles() == [[], []]


async def test_token_issue_and_revocation_are_audited(gql, db, runtime):
    account = await make_user(db, runtime, username="clerk", password="pw")
    body = await gql.data('mutation { signIn(username: "clerk", password: "pw") { ... on SignInSuccess { token } } }')
    assert body["signIn"]["token"]
    async with db.transaction() as session:
        await auth_service.revoke_token(session, token_id=account["token_id"])
        await auth_service.revoke_user_tokens(session, user_id=account["user"].id)
    async with db.session() as session:
        rows = (await session.execute(sa.select(AuditEntry).where(AuditEntry.target_type == "AccessToken")
                                      .order_by(AuditEntry.at))).scalars().all()
    assert sorted(r.action for r in rows) == ["issueToken", "issueToken", "revokeToken", "revokeToken"]
    assert any(r.action == "issueToken" and r.detail.startswith("user clerk until") and "(signIn)" in r.detail for r in rows)
    assert any(r.action == "revokeToken" and r.target_id == str(account["token_id"]) for r in rows)
    # Revoking every live token of the user caught the signIn token (the first one was already revoked).
    assert any(r.action == "revokeToken" and r.target_id is None and r.detail.endswith(": 1") for r in rows)
