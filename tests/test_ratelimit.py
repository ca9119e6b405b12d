"""Rate limits (core/ratelimit): typed RateLimited with retryAfter, HTTP 429, sign-in lockout, trusted proxies."""

from __future__ import annotations

import uuid

import httpx
import pytest
import sqlalchemy as sa

from core.audit.models import AuditEntry
from core.ratelimit import Limiter, RateLimited, client_address, parse_networks, parse_rules_env
from tests.factories import make_hall, make_user

SIGN_IN = """mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) {
  __typename ... on SignInFailed { code message } ... on RateLimited { code message retryAfter } ... on SignInSuccess { token } } }"""
TAKE = """mutation($hall: ID!, $item: String!) { takeTicket(input: {hallId: $hall, itemCode: $item}) {
  __typename ... on TakeTicketSuccess { ticket { number } } ... on RateLimited { code retryAfter message } } }"""




@pytest.fixture
def small_limits(runtime):
    old = runtime.limiter
    yield lambda **rules: setattr(runtime, "limiter", Limiter(rules))
    runtime.limiter = old


async def post(gql, query, variables, headers=None):
    return await gql.http.post("/graphql", json={"query": query, "variables": variables}, headers=headers or {})


async def test_take_ticket_is_limited_per_device_and_answers_429(gql, db, runtime, small_limits, clock):
    small_limits(takeTicket={"address": "100/minute", "device": "3/minute"})
    graph = await make_hall(db)
    from core.graphql.relay import to_global_id

    variables = {"hall": to_global_id("Hall", graph.hall.id), "item": graph.items[0].code}
    pad = {"X-Tingwu-Device": "kiosk-1"}
    for _ in range(3):
        response = await post(gql, TAKE, variables, pad)
        assert response.status_code == 200
        assert response.json()["data"]["takeTicket"]["__typename"] == "TakeTicketSuccess"
    refused = await post(gql, TAKE, variables, {**pad, "Accept-Language": "en"})
    assert refused.status_code == 429
    result = refused.json()["data"]["takeTicket"]
    assert result["__typename"] == "RateLimited" and result["code"] == "RATE_LIMITED"
    assert 1 <= result["retryAfter"] <= 60
    assert int(refused.headers["retry-after"]) == result["retryAfter"]
    assert result["message"].startswith("Too many requests")
    # Another device behind the same address is still served.
    other = await post(gql, TAKE, variables, {"X-Tingwu-Device": "kiosk-2"})
    assert other.status_code == 200 and other.json()["data"]["takeTicket"]["__typename"] == "TakeTicketSuccess"
    # The refusal is audited (sampled per caller), and nothing was issued for it.
    async with db.session() as session:
        rows = (await session.execute(sa.select(AuditEntry).where(AuditEntry.action == "takeTicket"))).scalars().all()
    assert sorted(r.outcome for r in rows) == ["denied", "ok", "ok", "ok", "ok"]


async def test_take_ticket_is_limited_per_address(gql, db, small_limits, clock):
    small_limits(takeTicket={"address": "2/minute"})
    graph = await make_hall(db)
    from core.graphql.relay import to_global_id

    variables = {"hall": to_global_id("Hall", graph.hall.id), "item": graph.items[0].code}
    statuses = [(await post(gql, TAKE, variables, {"X-Tingwu-Device": f"d{i}"})).status_code for i in range(3)]
    assert statuses == [200, 200, 429]


async def test_sign_in_locks_an_account_for_a_while_and_unknown_users_look_the_same(gql, db, runtime, small_limits):
    small_limits(signInFailure={"account": "3/15 minutes"})
    await make_user(db, runtime, username="clerk", password="正确的密码")
    for _ in range(3):
        wrong = (await post(gql, SIGN_IN, {"u": "clerk", "p": "wrong"})).json()["data"]["signIn"]
        unknown = (await post(gql, SIGN_IN, {"u": "nobody", "p": "wrong"})).json()["data"]["signIn"]
        assert wrong == unknown == {"__typename": "SignInFailed", "code": "SIGN_IN_FAILED", "message": "用户名或密码错误。"}
    # Now locked: even the right password is refused, with a retry time; so is the unknown name.
    response = await post(gql, SIGN_IN, {"u": "clerk", "p": "正确的密码"})
    assert response.status_code == 429
    locked = response.json()["data"]["signIn"]
    assert locked["__typename"] == "RateLimited" and 60 < locked["retryAfter"] <= 15 * 60
    assert (await post(gql, SIGN_IN, {"u": "nobody", "p": "x"})).json()["data"]["signIn"]["__typename"] == "RateLimited"
    # Another account is not locked by clerk's failures.
    await make_user(db, runtime, username="other", password="pw-other")
    assert (await post(gql, SIGN_IN, {"u": "other", "p": "pw-other"})).json()["data"]["signIn"]["__typename"] == "SignInSuccess"


async def test_sign_in_is_limited_per_address(gql, db, small_limits):
    small_limits(signIn={"address": "2/minute"})
    results = [(await post(gql, SIGN_IN, {"u": f"user{i}", "p": "x"})) for i in range(3)]
    assert [r.status_code for r in results] == [200, 200, 429]


async def test_the_lockout_ends_by_itself():
    """A moving window: once the failures age out, the account may sign in again."""
    limiter = Limiter({"signInFailure": {"account": "2/second"}})
    key = f"acct-{uuid.uuid4()}"
    await limiter.hit("signInFailure", account=key)
    await limiter.hit("signInFailure", account=key)
    with pytest.raises(RateLimited) as refused:
        await limiter.test("signInFailure", account=key)
    assert refused.value.retry_after == 1
    import asyncio

    await asyncio.sleep(1.1)
    await limiter.test("signInFailure", account=key)


async def test_redis_storage_is_shared_between_limiters():
    """Two workers (two limiters on one Redis) share the counts."""
    prefix = f"test-{uuid.uuid4().hex[:8]}:"
    first = Limiter({"takeTicket": {"device": "3/minute"}}, redis_url="redis://127.0.0.1:6379/0", key_prefix=prefix)
    second = Limiter({"takeTicket": {"device": "3/minute"}}, redis_url="redis://127.0.0.1:6379/0", key_prefix=prefix)
    await first.hit("takeTicket", device="pad")
    await second.hit("takeTicket", device="pad")
    await first.hit("takeTicket", device="pad")
    with pytest.raises(RateLimited):
        await second.hit("takeTicket", device="pad")
    await first.clear("takeTicket", device="pad")
    await second.hit("takeTicket", device="pad")
    await first.clear("takeTicket", device="pad")


class FakeRequest:
    def __init__(self, peer: str, forwarded: str | None = None):
        self.client = type("Client", (), {"host": peer})()
        self.headers = {"x-forwarded-for": forwarded} if forwarded else {}


def test_client_address_believes_only_trusted_proxies():
    proxies = parse_networks(["10.0.0.0/8", "127.0.0.1"])
    # Straight from the internet: a forged header is ignored.
    assert client_address(FakeRequest("203.0.113.7", "1.2.3.4"), proxies) == "203.0.113.7"
    # Through our proxy: the right-most address that is not a proxy is the client.
    assert client_address(FakeRequest("10.1.2.3", "1.2.3.4, 198.51.100.9, 10.0.0.5"), proxies) == "198.51.100.9"
    assert client_address(FakeRequest("127.0.0.1", "198.51.100.9"), proxies) == "198.51.100.9"
    # No proxies configured: the peer, always.
    assert client_address(FakeRequest("10.1.2.3", "1.2.3.4"), ()) == "10.1.2.3"


def test_rules_from_the_environment():
    assert parse_rules_env("signIn.account=5/minute, submitComplaint.address=10/minute;50/day") == {
        "signIn": {"account": "5/minute"}, "submitComplaint": {"address": "10/minute;50/day"}}
    with pytest.raises(ValueError):
        parse_rules_env("signIn=5/minute")
    with pytest.raises(ValueError):
        Limiter({"signIn": {"account": "lots"}})
    assert ("takeTicket", "device") not in Limiter({"takeTicket": {"device": "off"}}).limits


def test_settings_read_rate_limits_and_proxies():
    from core.config import ConfigError, load_settings

    settings = load_settings({"TINGWU_RATE_LIMITS": "signIn.account=5/minute", "TINGWU_TRUSTED_PROXIES": "10.0.0.0/8, 127.0.0.1"},
                             config_file="/nonexistent.toml")
    assert settings.rate_limits == {"signIn": {"account": "5/minute"}}
    assert settings.trusted_proxies == ("10.0.0.0/8", "127.0.0.1")
    with pytest.raises(ConfigError):
        load_settings({"TINGWU_TRUSTED_PROXIES": "not-an-ip"}, config_file="/nonexistent.toml")
    with pytest.raises(ConfigError):
        load_settings({"TINGWU_RATE_LIMITS": "signIn.account=often"}, config_file="/nonexistent.toml")


async def test_an_unknown_user_costs_one_password_hash_like_a_known_one(db, runtime, monkeypatch):
    """No timing difference between an unknown username and a wrong password: both hash once."""
    from core.auth import passwords, service as auth_service

    await make_user(db, runtime, username="known", password="pw")
    calls = []
    real = passwords.verify_password
    monkeypatch.setattr(passwords, "verify_password", lambda password, stored: calls.append(stored) or real(password, stored))
    async with db.session() as session:
        assert await auth_service.authenticate(session, username="known", password="wrong") is None
        assert await auth_service.authenticate(session, username="unknown", password="wrong") is None
    assert len(calls) == 2 and calls[1] == passwords.DUMMY_HASH
